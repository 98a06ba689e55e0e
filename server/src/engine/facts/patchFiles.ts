// Kustomize: which files a kustomization lists as patches, and what it builds from. Patch files hold fragments
// (strategic-merge or JSON patches), so the adapters lint them with `isPatchFile` and every object in them is
// judged only as a patch. Resources, bases and components outside the project (a `../base` beside the folder
// checked, a remote URL) mean objects the project does not know. Paths are returned as written (relative to the
// kustomization's directory); the project model resolves them.
import { parseAllDocumentsLinear } from '../model/yamlParse';

/** File names Kustomize reads as a kustomization. */
export const KUSTOMIZATION_FILE = /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/;

export function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_FILE.test(path);
}

/** Paths of the patch files a kustomization lists: `patchesStrategicMerge`, `patches[].path`, `patchesJson6902[].path`. */
export function patchFilesOf(kustomizationText: string): string[] {
  const paths = new Set<string>();
  for (const value of kustomizationValues(kustomizationText)) {
    const strategic = value.patchesStrategicMerge;
    if (Array.isArray(strategic)) {
      for (const item of strategic) {
        // An inline patch is YAML text, not a path.
        if (typeof item === 'string' && !item.includes('\n') && !/^\s*[{[]/.test(item)) paths.add(item.trim());
      }
    }
    for (const key of ['patches', 'patchesJson6902']) {
      const list = value[key];
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        if (isRecord(item) && typeof item.path === 'string' && item.path.trim() !== '') paths.add(item.path.trim());
      }
    }
  }
  return [...paths];
}

/** What a kustomization builds from: `resources`, `bases` and `components` entries (paths as written, or remote). */
export interface KustomizationSources {
  /** Local paths (files or folders), relative to the kustomization's folder. */
  paths: string[];
  /** A remote base or resource (a URL, a git reference): objects from outside any folder. */
  remote: boolean;
}

/** Kustomize's remote targets: URLs, git references, and the host-first forms (`github.com/org/repo//path`). */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=/i;

export function sourcesOf(kustomizationText: string): KustomizationSources {
  const paths = new Set<string>();
  let remote = false;
  for (const value of kustomizationValues(kustomizationText)) {
    for (const key of ['resources', 'bases', 'components']) {
      const list = value[key];
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        if (typeof item !== 'string' || item.trim() === '') continue;
        if (REMOTE.test(item.trim())) remote = true;
        else paths.add(item.trim());
      }
    }
  }
  return { paths: [...paths], remote };
}

function kustomizationValues(text: string): Record<string, unknown>[] {
  let docs;
  try {
    docs = parseAllDocumentsLinear(text);
  } catch {
    return [];
  }
  const values: Record<string, unknown>[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    if (doc.errors.length > 0) continue;
    try {
      const value: unknown = doc.toJS({ maxAliasCount: 50 });
      if (isRecord(value)) values.push(value);
    } catch {
      // an alias bomb: nothing to read
    }
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
