// The kustomization file: finding it in a directory, reading it as kustomize does (YAML 1.1, strict fields), and
// the typed view the build uses. Every decoded value keeps its node, so produced output can point at it.
import { type ProjectFiles, type SourceRange } from '../../model/origin';
import { ANY, BOOL, INT, STRING, decode, list, mapOf, object, type Obj, type Spec } from './decode';
import { fail } from './errors';
import { joinPath } from './paths';
import { type KMap, type KNode } from './tree';
import { type ParseCache, filePlace, readYaml } from './yamlRead';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const SELECTOR = object('Selector', {
  group: STRING,
  version: STRING,
  kind: STRING,
  name: STRING,
  namespace: STRING,
  labelSelector: STRING,
  annotationSelector: STRING,
});
const FIELD_SPEC = object('FieldSpec', { group: STRING, version: STRING, kind: STRING, path: STRING, create: BOOL });
const PATCH = object('Patch', { path: STRING, patch: STRING, target: SELECTOR, options: mapOf(BOOL) });
const GENERATOR_OPTIONS = object('GeneratorOptions', {
  labels: mapOf(STRING),
  annotations: mapOf(STRING),
  disableNameSuffixHash: BOOL,
  immutable: BOOL,
});
const GENERATOR_FIELDS: Record<string, Spec> = {
  namespace: STRING,
  name: STRING,
  behavior: STRING,
  literals: list(STRING),
  files: list(STRING),
  envs: list(STRING),
  env: STRING,
  options: GENERATOR_OPTIONS,
};
const FIELD_OPTIONS = object('FieldOptions', { delimiter: STRING, index: INT, encoding: STRING, create: BOOL });
export const REPLACEMENT_FIELDS: Record<string, Spec> = {
  source: object('SourceSelector', {
    group: STRING,
    version: STRING,
    kind: STRING,
    name: STRING,
    namespace: STRING,
    fieldPath: STRING,
    options: FIELD_OPTIONS,
  }),
  targets: list(object('TargetSelector', { select: SELECTOR, reject: list(SELECTOR), fieldPaths: list(STRING), options: FIELD_OPTIONS })),
};

export const KUSTOMIZATION_SPEC = object('Kustomization', {
  kind: STRING,
  apiVersion: STRING,
  metadata: object('ObjectMeta', { name: STRING, namespace: STRING, labels: mapOf(STRING), annotations: mapOf(STRING) }),
  openapi: mapOf(STRING),
  namePrefix: STRING,
  nameSuffix: STRING,
  namespace: STRING,
  commonLabels: mapOf(STRING),
  labels: list(object('Label', { pairs: mapOf(STRING), includeSelectors: BOOL, includeTemplates: BOOL, fields: list(FIELD_SPEC) })),
  commonAnnotations: mapOf(STRING),
  patchesStrategicMerge: list(STRING),
  patchesJson6902: list(PATCH),
  patches: list(PATCH),
  images: list(object('Image', { name: STRING, newName: STRING, tagSuffix: STRING, newTag: STRING, digest: STRING })),
  imageTags: list(object('Image', { name: STRING, newName: STRING, tagSuffix: STRING, newTag: STRING, digest: STRING })),
  replacements: list(object('ReplacementField', { ...REPLACEMENT_FIELDS, path: STRING })),
  replicas: list(object('Replica', { name: STRING, count: INT })),
  vars: list(
    object('Var', {
      name: STRING,
      objref: object('Target', { apiVersion: STRING, group: STRING, version: STRING, kind: STRING, name: STRING, namespace: STRING }),
      fieldref: object('FieldSelector', { fieldPath: STRING }),
    }),
  ),
  sortOptions: object('SortOptions', {
    order: STRING,
    legacySortOptions: object('LegacySortOptions', { orderFirst: list(STRING), orderLast: list(STRING) }),
  }),
  resources: list(STRING),
  components: list(STRING),
  crds: list(STRING),
  bases: list(STRING),
  configMapGenerator: list(object('ConfigMapArgs', GENERATOR_FIELDS)),
  secretGenerator: list(object('SecretArgs', { ...GENERATOR_FIELDS, type: STRING })),
  helmGlobals: object('HelmGlobals', { chartHome: STRING, configHome: STRING }),
  helmCharts: list(
    object('HelmChart', {
      name: STRING,
      version: STRING,
      repo: STRING,
      releaseName: STRING,
      namespace: STRING,
      additionalValuesFiles: list(STRING),
      valuesFile: STRING,
      valuesInline: ANY,
      valuesMerge: STRING,
      includeCRDs: BOOL,
      skipHooks: BOOL,
      apiVersions: list(STRING),
      kubeVersion: STRING,
      nameTemplate: STRING,
      skipTests: BOOL,
      debug: BOOL,
    }),
  ),
  helmChartInflationGenerator: list(
    object('HelmChartArgs', {
      chartName: STRING,
      chartVersion: STRING,
      chartRepoUrl: STRING,
      chartHome: STRING,
      chartRepoName: STRING,
      helmBin: STRING,
      helmHome: STRING,
      values: STRING,
      valuesLocal: ANY,
      valuesMerge: STRING,
      releaseName: STRING,
      releaseNamespace: STRING,
      extraArgs: list(STRING),
    }),
  ),
  generatorOptions: GENERATOR_OPTIONS,
  configurations: list(STRING),
  generators: list(STRING),
  transformers: list(STRING),
  validators: list(STRING),
  buildMetadata: list(STRING),
});

/** A kustomization file read and decoded. */
export interface Kustomization {
  /** The kustomization directory. */
  dir: string;
  /** The kustomization file's path. */
  file: string;
  text: string;
  root: KMap;
  fields: Obj;
  isComponent: boolean;
  /** The start of the file, for errors about the file as a whole. */
  at: SourceRange;
}

export function kustomizationFileIn(files: ProjectFiles, dir: string): { file?: string; error?: string } {
  const entries = files.list(dir);
  if (!entries) return {};
  const found = KUSTOMIZATION_FILE_NAMES.filter((name) => entries.some((entry) => !entry.directory && entry.name === name));
  if (found.length > 1) return { error: `found multiple kustomization files under ${dir}: ${found.join(', ')}` };
  return found.length === 1 ? { file: joinPath(dir, found[0]) } : {};
}

/** Reads the kustomization of a directory; throws a BuildFailure kustomize would also report. */
export function loadKustomization(
  files: ProjectFiles,
  dir: string,
  at: SourceRange,
  cache?: ParseCache,
  inputs?: Set<string>,
): Kustomization {
  const { file, error } = kustomizationFileIn(files, dir);
  if (error) fail(error, at);
  if (!file) fail(`unable to find one of ${KUSTOMIZATION_FILE_NAMES.map((n) => `'${n}'`).join(', ')} in directory '${dir}'`, at);
  inputs?.add(file);
  const text = files.readText(file);
  if (text === undefined) fail(`cannot read ${file}`, at);
  const here: SourceRange = { file, start: 0, end: 0 };
  const { docs, error: yamlError } = readYaml(text, filePlace(file, cache), 'config');
  if (yamlError) fail(`invalid Kustomization: ${yamlError.message}`, { file, start: yamlError.start, end: yamlError.end });
  const root = docs[0];
  if (!root) fail(`kustomization file ${file} is empty`, here);
  if (root.kind !== 'map') fail(`invalid Kustomization: ${file} is not a mapping`, root.src ?? here);
  const fields = decode(root, KUSTOMIZATION_SPEC, 'kustomization', here) as Obj;
  const meaningful = root.entries.some((entry) => entry.key !== 'kind' && entry.key !== 'apiVersion' && !isEmptyValue(entry.value));
  if (!meaningful) fail(`kustomization file ${file} is empty`, here);
  const kind = (fields.kind as { value: string } | undefined)?.value ?? '';
  const apiVersion = (fields.apiVersion as { value: string } | undefined)?.value ?? '';
  const kindNode = root.entries.find((entry) => entry.key === 'kind');
  if (kind !== '' && kind !== 'Kustomization' && kind !== 'Component') {
    fail(`kind should be Kustomization or Component`, kindNode?.src ?? here);
  }
  const isComponent = kind === 'Component';
  const required = isComponent ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (apiVersion !== '' && apiVersion !== required) {
    fail(
      `apiVersion for ${kind || 'Kustomization'} should be ${required}`,
      root.entries.find((entry) => entry.key === 'apiVersion')?.src ?? here,
    );
  }
  return { dir, file, text, root, fields, isComponent, at: here };
}

/** What Go's reflect.DeepEqual against an empty Kustomization sees as unset: null, "", false (an empty list is set). */
function isEmptyValue(node: KNode): boolean {
  return node.kind === 'scalar' && (node.value === null || node.value === '' || node.value === false);
}
