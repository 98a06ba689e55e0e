// Kustomize: which files a kustomization lists as patches. Those files hold fragments (strategic-merge or JSON
// patches), so the adapters lint them with `isPatchFile` and every object in them is judged only as a patch.
// Paths are returned as written (relative to the kustomization's directory); the adapters resolve them.
import { parseAllDocumentsLinear } from '../model/yamlParse';

/** File names Kustomize reads as a kustomization. */
export const KUSTOMIZATION_FILE = /(^|[\\/])(kustomization\.ya?ml|Kustomization)$/;

export function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_FILE.test(path);
}

/** Paths of the patch files a kustomization lists: `patchesStrategicMerge`, `patches[].path`, `patchesJson6902[].path`. */
export function patchFilesOf(kustomizationText: string): string[] {
  const paths = new Set<string>();
  let docs;
  try {
    docs = parseAllDocumentsLinear(kustomizationText);
  } catch {
    return [];
  }
  for (const doc of Array.isArray(docs) ? docs : []) {
    if (doc.errors.length > 0) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch {
      continue;
    }
    if (!isRecord(value)) continue;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
