// An in-process Kustomize build (kustomize v5.5.0's behaviour, as `kubectl kustomize` runs it) whose output keeps,
// for every mapping entry and sequence item, the source it came from: the base resource, the patch that set it, or
// the kustomization field that produced it.
import { type ProjectFiles, type RenderedText, type SourceRange } from '../../model/origin';
import { Builder } from './build';
import { type BuildError, BuildFailure } from './errors';
import { objOf } from './decode';
import { kustomizationFileIn, loadKustomization, KUSTOMIZATION_FILE_NAMES } from './kustomization';
import { type LoadRestrictor, Loader } from './loader';
import { fixNameReferences } from './nameref';
import { isRemoteReference, joinPath } from './paths';
import { type Resource } from './resource';
import { serializeDocuments } from './serialize';
import { sortResources } from './order';
import { resolveVars } from './vars';
import { kustomizeHash } from './hash';
import { finalizeMetadata, isLocalConfig } from './finalize';
import { type ParseCache, createParseCache, readYaml, filePlace } from './yamlRead';

export { type BuildError } from './errors';
export { KUSTOMIZATION_FILE_NAMES } from './kustomization';

/** Parsed inputs kept between builds of the same project (files re-parse only when their text changes). */
export type KustomizeCache = ParseCache;

export function createKustomizeCache(): KustomizeCache {
  return createParseCache();
}

export interface KustomizeBuild {
  /** The kustomization directory. */
  root: string;
  /** The built objects as a multi-document YAML text, with origins. */
  rendered?: RenderedText;
  /** Every file the build read (kustomizations, resources, patches, generator inputs): what an edit must re-build. */
  inputs: string[];
  /** The root could not be built: rendered is absent. */
  error?: BuildError;
}

const MAX_SCAN = 100_000;

/** Directories holding a kustomization file, below `dir` (recursively, `dir` included). */
export function findKustomizations(files: ProjectFiles, dir: string): string[] {
  const result: string[] = [];
  const queue = [dir];
  let visited = 0;
  while (queue.length > 0 && visited++ < MAX_SCAN) {
    const current = queue.shift() as string;
    const entries = files.list(current);
    if (!entries) continue;
    if (entries.some((entry) => !entry.directory && KUSTOMIZATION_FILE_NAMES.includes(entry.name))) result.push(current);
    for (const entry of entries) {
      if (entry.directory && entry.name !== '.git' && entry.name !== 'node_modules') queue.push(joinPath(current, entry.name));
    }
  }
  return result.sort();
}

/** Roots (kustomizations no other one includes through resources, bases or components) and what each includes. */
export function kustomizeRoots(files: ProjectFiles, dirs: string[]): { roots: string[]; includes: Map<string, string[]> } {
  const includes = new Map<string, string[]>();
  const known = new Set(dirs);
  for (const dir of dirs) {
    const found: string[] = [];
    const { file } = kustomizationFileIn(files, dir);
    const text = file ? files.readText(file) : undefined;
    if (file && text !== undefined) {
      const { docs } = readYaml(text, filePlace(file), 'config');
      const root = docs[0];
      if (root?.kind === 'map') {
        for (const key of ['resources', 'bases', 'components']) {
          const entry = root.entries.find((candidate) => candidate.key === key);
          if (entry?.value.kind !== 'seq') continue;
          for (const item of entry.value.items) {
            if (item.kind !== 'scalar' || typeof item.value !== 'string' || isRemoteReference(item.value)) continue;
            const target = joinPath(dir, item.value);
            if (files.list(target) !== undefined && kustomizationFileIn(files, target).file) found.push(target);
          }
        }
      }
    }
    includes.set(dir, found);
  }
  const included = new Set<string>();
  for (const list of includes.values()) for (const dir of list) if (known.has(dir)) included.add(dir);
  return { roots: dirs.filter((dir) => !included.has(dir)), includes };
}

/** Builds the kustomization in `root` as `kubectl kustomize root` would. */
export function buildKustomization(
  files: ProjectFiles,
  root: string,
  options: { loadRestrictor?: LoadRestrictor; cache?: KustomizeCache } = {},
): KustomizeBuild {
  const inputs = new Set<string>();
  const at: SourceRange = { file: joinPath(root, KUSTOMIZATION_FILE_NAMES[0]), start: 0, end: 0 };
  try {
    const loader = new Loader(files, root, options.loadRestrictor ?? 'rootOnly', inputs, at, options.cache);
    const builder = new Builder(loader);
    const k = loadKustomization(files, root, at, options.cache, inputs);
    if (k.isComponent) throw new BuildFailure(`${root} is a Component: build a Kustomization that uses it`, k.at);
    const ra = builder.buildRoot(k, loader.child(root, k.at));
    const resMap = ra.resMap;
    // Done once, at the top: hash suffixes, then the references to renamed resources, then vars.
    for (const resource of resMap.list) {
      if (!resource.needsHashSuffix) continue;
      const hash = kustomizeHash(resource.kind, resource.node);
      resource.storePreviousId();
      addHashSuffix(resource, hash);
    }
    fixNameReferences(resMap, ra.config.nameReference, k.at);
    resolveVars(resMap, ra.vars, ra.config.varReference, k.at);
    const kept = resMap.list.filter((resource) => !isLocalConfig(resource));
    const sorted = sortResources(kept, objOf(k.fields, 'sortOptions'), k.at);
    for (const resource of sorted) finalizeMetadata(resource);
    const { text, origins } = serializeDocuments(sorted.map((resource) => resource.node));
    return { root, rendered: { text, origins }, inputs: [...inputs].sort() };
  } catch (error) {
    if (error instanceof BuildFailure) return { root, inputs: [...inputs].sort(), error: error.toBuildError() };
    const message = error instanceof Error ? error.message : String(error);
    return {
      root,
      inputs: [...inputs].sort(),
      error: { message: `internal error while building ${root}: ${message}`, file: at.file, start: 0, end: 0, unsupported: false },
    };
  }
}

function addHashSuffix(resource: Resource, hash: string): void {
  const metadata = resource.node.entries.find((entry) => entry.key === 'metadata')?.value;
  const nameEntry = metadata?.kind === 'map' ? metadata.entries.find((entry) => entry.key === 'name') : undefined;
  const old = nameEntry?.value;
  const source = resource.generatedBy?.name ?? resource.generatedBy?.entry ?? old?.produced?.source ?? old?.src;
  const via = old?.produced?.via ?? (old?.src ? [old.src] : undefined);
  resource.setName(`${resource.name}-${hash}`, source ? { source, ...(via ? { via } : {}) } : undefined);
}
