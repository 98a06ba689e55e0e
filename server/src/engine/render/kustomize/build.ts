// One kustomization's build, in kustomize's order: resources (files, directories, nested kustomizations),
// transformer configurations, generators, components, then the transformers (patches, namespace, prefix/suffix,
// labels, annotations, JSON 6902 patches, replicas, images, replacements) and vars.
import { type SourceRange } from '../../model/origin';
import { type Obj, type Str, flagOf, objOf, objsOf, pairsOf, strOf, strsOf } from './decode';
import { embeddedPlace } from './embedded';
import { fail } from './errors';
import {
  type FieldSpec,
  type TransformerConfig,
  configFromNode,
  emptyConfig,
  makeDefaultConfig,
  mergeConfigs,
  mergeFieldSpecs,
} from './fieldspec';
import { generate, optionsOf } from './generators';
import { helmChartsOf, inflateChart } from './helmCharts';
import { type Kustomization, loadKustomization } from './kustomization';
import { type Loader } from './loader';
import { applyJson6902, applyPatch, applyStrategicMergePatches, type PatchText } from './patches';
import { isWithin } from './paths';
import { type Replacement, applyReplacements, replacementsOf } from './replacements';
import { ResMap } from './resmap';
import { type Resource } from './resource';
import { resourcesFromText } from './resources';
import { selectorFrom } from './selector';
import {
  type ImageSpec,
  type ReplicaSpec,
  affixTransform,
  imageTransform,
  mapEntriesTransform,
  namespaceTransform,
  replicasTransform,
} from './transformers';
import { type VarDef, mergeVars, varsOf } from './vars';
import { type KNode } from './tree';
import { filePlace, readYaml } from './yamlRead';

export interface Accumulator {
  resMap: ResMap;
  config: TransformerConfig;
  vars: VarDef[];
}

export function emptyAccumulator(): Accumulator {
  return { resMap: new ResMap(), config: emptyConfig(), vars: [] };
}

const MAX_DEPTH = 100;

export class Builder {
  /** Kustomization directories being built, outermost first (cycle detection). */
  private readonly stack: string[] = [];
  /** Every kustomization file reached (for includes). */
  readonly kustomizations: string[] = [];

  constructor(readonly rootLoader: Loader) {}

  /** Builds the root kustomization (already loaded). */
  buildRoot(k: Kustomization, loader: Loader): Accumulator {
    this.stack.push(k.dir);
    try {
      return this.accumulateTarget(k, loader, emptyAccumulator());
    } finally {
      this.stack.pop();
    }
  }

  /** Loads and builds a kustomization directory into `ra` (a component) or a fresh accumulator. */
  accumulateDirectory(ra: Accumulator, loader: Loader, dir: string, isComponent: boolean, at: SourceRange): Accumulator {
    for (const visited of this.stack) {
      if (isWithin(visited, dir)) fail(`cycle detected: candidate root '${dir}' contains visited root '${visited}'`, at);
    }
    if (this.stack.length >= MAX_DEPTH) fail(`kustomizations nest deeper than ${MAX_DEPTH} levels`, at);
    const k = loadKustomization(loader.files, dir, at, loader.cache, loader.inputs);
    this.kustomizations.push(k.dir);
    if (isComponent && !k.isComponent) fail(`expected kind 'Component' for path '${dir}' but got 'Kustomization'`, at);
    if (!isComponent && k.isComponent) fail(`expected kind != 'Component' for path '${dir}'`, at);
    this.stack.push(dir);
    try {
      const child = loader.child(dir, k.at);
      if (isComponent) {
        const result = this.accumulateTarget(k, child, ra);
        const fresh = emptyAccumulator();
        mergeAccumulator(fresh, result, at);
        return fresh;
      }
      const result = this.accumulateTarget(k, child, emptyAccumulator());
      mergeAccumulator(ra, result, at);
      return ra;
    } finally {
      this.stack.pop();
    }
  }

  accumulateTarget(k: Kustomization, loader: Loader, ra: Accumulator): Accumulator {
    const f = k.fields;
    refuseUnsupported(k);
    const resources = [...strsOf(f, 'resources'), ...strsOf(f, 'bases')];
    for (const entry of resources) this.accumulateResource(ra, loader, entry);
    // Transformer configurations: kustomize's defaults plus this kustomization's `configurations:` files.
    let config = makeDefaultConfig();
    for (const entry of strsOf(f, 'configurations')) {
      const file = loader.resolveFile(entry.value, entry.node);
      const text = loader.readText(file, entry.node);
      const docs = resourcesDocs(text, file);
      const loaded = docs.length > 0 ? configFromNode(docs[0], { file, start: 0, end: 0 }) : emptyConfig();
      config = mergeConfigs(config, loaded, loader.where(entry.node));
    }
    ra.config = mergeConfigs(ra.config, config, k.at);
    this.runGenerators(ra, loader, k);
    for (const entry of strsOf(f, 'components')) {
      loader.refuseRemote(entry.value, entry.node, 'component');
      const dir = loader.resolveDirectory(entry.value, entry.node);
      ra = this.accumulateDirectory(ra, loader, dir, true, loader.where(entry.node));
    }
    runTransformers(ra, loader, k);
    ra.vars = mergeVars(ra.vars, varsOf(k), ra.resMap, k.at);
    return ra;
  }

  private accumulateResource(ra: Accumulator, loader: Loader, entry: Str): void {
    loader.refuseRemote(entry.value, entry.node, 'resource');
    const path = loader.resolvePath(entry.value);
    if (loader.isDirectory(path)) {
      this.accumulateDirectory(ra, loader, path, false, loader.where(entry.node));
      return;
    }
    const file = loader.resolveFile(entry.value, entry.node);
    const text = loader.readText(file, entry.node);
    const resources = resourcesFromText(text, loader.place(file), loader.where(entry.node));
    for (const resource of resources) ra.resMap.append(resource, loader.where(entry.node));
  }

  private runGenerators(ra: Accumulator, loader: Loader, k: Kustomization): void {
    const global = optionsOf(objOf(k.fields, 'generatorOptions'));
    for (const [field, kind] of [
      ['configMapGenerator', 'ConfigMap'],
      ['secretGenerator', 'Secret'],
    ] as const) {
      for (const args of objsOf(k.fields, field)) {
        const resource = generate(loader, k, args, kind, global);
        ra.resMap.absorb(resource, args.$node.src ?? k.at);
      }
    }
    for (const chart of helmChartsOf(k)) {
      for (const resource of inflateChart(loader, k, chart)) ra.resMap.absorb(resource, chart.at);
    }
  }
}

function resourcesDocs(text: string, file: string): KNode[] {
  const { docs, error } = readConfigYaml(text, file);
  if (error) fail(`invalid transformer configuration: ${error.message}`, { file, start: error.start, end: error.end });
  return docs;
}

function readConfigYaml(text: string, file: string): ReturnType<typeof readYaml> {
  return readYaml(text, filePlace(file), 'config');
}

function mergeAccumulator(into: Accumulator, other: Accumulator, at: SourceRange): void {
  into.resMap.appendAll(other.resMap, at);
  into.config = mergeConfigs(into.config, other.config, at);
  for (const variable of other.vars) {
    if (into.vars.some((existing) => existing.name === variable.name)) fail(`var '${variable.name}' already encountered`, variable.at);
    into.vars.push(variable);
  }
}

/** Features this renderer does not build: one clear, unsupported error naming the root and the feature. */
function refuseUnsupported(k: Kustomization): void {
  const unsupported: [string, string][] = [
    ['generators', 'generator plugins (generators)'],
    ['transformers', 'transformer plugins (transformers)'],
    ['validators', 'validator plugins (validators)'],
    ['openapi', 'custom OpenAPI schemas (openapi)'],
    ['crds', 'CRD-derived transformer configurations (crds)'],
    ['buildMetadata', 'build metadata annotations (buildMetadata)'],
  ];
  for (const [field, what] of unsupported) {
    const entry = k.root.entries.find((candidate) => candidate.key === field);
    if (!entry) continue;
    const value = entry.value;
    const empty =
      (value.kind === 'scalar' && value.value === null) ||
      (value.kind === 'seq' && value.items.length === 0) ||
      (value.kind === 'map' && value.entries.length === 0);
    if (empty) continue;
    fail(`kustomization ${k.dir} uses ${what}, which this renderer does not build`, entry.src ?? k.at, true);
  }
}

function patchText(loader: Loader, k: Kustomization, entry: Obj, field: 'path' | 'patch', describe: string): PatchText | undefined {
  const value = entry[field] as Str | undefined;
  if (!value || value.value === '') return undefined;
  if (field === 'path') {
    const file = loader.resolveFile(value.value, value.node);
    const text = loader.readText(file, value.node);
    return { text, place: loader.place(file), describe: `[path: "${value.value}"]`, at: loader.where(value.node) };
  }
  const leading = value.value.length - value.value.trimStart().length;
  const text = value.value.trim();
  return {
    text,
    place: embeddedPlace(k.text, value.node, value.value, leading),
    describe: `[${describe}: inline patch]`,
    at: loader.where(value.node),
  };
}

function runTransformers(ra: Accumulator, loader: Loader, k: Kustomization): void {
  const f = k.fields;
  const config = ra.config;
  const at = k.at;
  // patchesStrategicMerge: each entry is inline YAML or a file.
  const smPatches: { resource: Resource; at: SourceRange; describe: string }[] = [];
  for (const entry of strsOf(f, 'patchesStrategicMerge')) {
    let resources: Resource[];
    try {
      resources = resourcesFromText(entry.value, embeddedPlace(k.text, entry.node, entry.value), loader.where(entry.node));
    } catch {
      const file = loader.resolveFile(entry.value, entry.node);
      resources = resourcesFromText(loader.readText(file, entry.node), loader.place(file), loader.where(entry.node));
    }
    for (const resource of resources) smPatches.push({ resource, at: loader.where(entry.node), describe: entry.value });
  }
  const patchEntries = objsOf(f, 'patches').map((entry) => {
    const path = patchText(loader, k, entry, 'path', 'patches');
    const inline = patchText(loader, k, entry, 'patch', 'patches');
    if (!path && !inline) fail('must specify one of patch and path', entry.$node.src ?? at);
    if (path && inline) fail("patch and path can't be set at the same time", entry.$node.src ?? at);
    const options = objOf(entry, 'options');
    return {
      text: (path ?? inline) as PatchText,
      target: selectorFrom(objOf(entry, 'target'), entry.$node.src ?? at),
      options: { allowNameChange: optionFlag(entry, 'allowNameChange'), allowKindChange: optionFlag(entry, 'allowKindChange') },
      hasOptions: options !== undefined,
    };
  });
  const jsonEntries = objsOf(f, 'patchesJson6902').map((entry) => {
    const target = selectorFrom(objOf(entry, 'target'), entry.$node.src ?? at);
    if (!target) fail('must specify a target for a patchesJson6902 entry', entry.$node.src ?? at);
    const path = patchText(loader, k, entry, 'path', 'patchesJson6902');
    const inline = patchText(loader, k, entry, 'patch', 'patchesJson6902');
    if (path && inline) fail('must specify a file path or jsonOp, not both', entry.$node.src ?? at);
    if (!path && !inline) fail('empty file path and empty jsonOp', entry.$node.src ?? at);
    return { text: (path ?? inline) as PatchText, target };
  });
  const replacements: Replacement[] = replacementsOf(k, loader);

  if (smPatches.length > 0) applyStrategicMergePatches(ra.resMap, smPatches);
  for (const entry of patchEntries) applyPatch(ra.resMap, entry.text, entry.target, entry.options);
  const namespace = strOf(f, 'namespace');
  if (namespace) namespaceTransform(ra.resMap, namespace, config.namespace, at);
  const prefix = strOf(f, 'namePrefix');
  if (prefix) affixTransform(ra.resMap, prefix, config.namePrefix, 'prefix', at);
  const suffix = strOf(f, 'nameSuffix');
  if (suffix) affixTransform(ra.resMap, suffix, config.nameSuffix, 'suffix', at);
  for (const label of objsOf(f, 'labels')) {
    let specs: FieldSpec[] = objsOf(label, 'fields').map((spec) => ({
      gvk: { group: strOf(spec, 'group')?.value, version: strOf(spec, 'version')?.value, kind: strOf(spec, 'kind')?.value },
      path: strOf(spec, 'path')?.value ?? '',
      create: flagOf(spec, 'create'),
    }));
    specs = mergeFieldSpecs(specs, config.labels, at);
    if (flagOf(label, 'includeSelectors')) specs = mergeFieldSpecs(specs, config.commonLabels, at);
    else {
      if (flagOf(label, 'includeTemplates')) specs = mergeFieldSpecs(specs, config.templateLabels, at);
      specs = mergeFieldSpecs(specs, [{ gvk: {}, path: 'metadata/labels', create: true }], at);
    }
    mapEntriesTransform(ra.resMap, pairsOf(label, 'pairs'), specs, at);
  }
  mapEntriesTransform(ra.resMap, pairsOf(f, 'commonLabels'), config.commonLabels, at);
  mapEntriesTransform(ra.resMap, pairsOf(f, 'commonAnnotations'), config.commonAnnotations, at);
  for (const entry of jsonEntries) applyJson6902(ra.resMap, entry.text, entry.target);
  for (const replica of objsOf(f, 'replicas')) {
    const count = replica.count as { value: number; node: KNode } | undefined;
    const spec: ReplicaSpec = {
      name: strOf(replica, 'name')?.value ?? '',
      count: count?.value ?? 0,
      countNode: count?.node ?? replica.$node,
      node: replica.$node,
    };
    replicasTransform(ra.resMap, spec, config.replicas, at);
  }
  for (const image of [...objsOf(f, 'images'), ...objsOf(f, 'imageTags')]) {
    const spec: ImageSpec = {
      name: strOf(image, 'name')?.value ?? '',
      newName: strOf(image, 'newName'),
      newTag: strOf(image, 'newTag'),
      digest: strOf(image, 'digest'),
      tagSuffix: strOf(image, 'tagSuffix'),
      node: image.$node,
    };
    imageTransform(ra.resMap, spec, config.images, at);
  }
  if (replacements.length > 0) applyReplacements(ra.resMap, replacements);
}

function optionFlag(entry: Obj, name: string): boolean {
  const options = entry.options as { key: string; value?: { value: boolean } }[] | undefined;
  return options?.find((option) => option.key === name)?.value?.value ?? false;
}
