// A kustomization's `helmCharts:` (and the legacy `helmChartInflationGenerator:`), inflated as kustomize v5.5.0's
// HelmChartInflationGenerator does with `helm template`, but through the in-process Helm renderer: the chart must
// be in chartHome (nothing is pulled), the values are assembled as kustomize assembles its temporary values file,
// and every rendered node keeps its origin in the chart's templates, helpers and values (the kustomization's
// `valuesInline` included).
import { type ProjectFiles, type SourceRange } from '../../model/origin';
import { OriginMap } from '../../model/originMap';
import { renderChart, type RenderedChart } from '../helm';
import { type Obj, type Str, flagOf, objOf, objsOf, strOf, strsOf } from './decode';
import { fail } from './errors';
import { type Kustomization } from './kustomization';
import { type Loader } from './loader';
import { joinPath } from './paths';
import { type Resource } from './resource';
import { resourcesFromText } from './resources';
import { serializeDocuments } from './serialize';
import { strategicMerge } from './smp';
import { type KMap, type KNode, type Produced, clone, isMap, lookup } from './tree';
import { type TextPlace, readYaml } from './yamlRead';

/** One chart to inflate, with kustomize's defaults applied where they do not need the file system. */
export interface HelmChartEntry {
  name: string;
  version?: string;
  repo?: string;
  releaseName?: string;
  namespace?: string;
  nameTemplate?: string;
  valuesFile?: Str;
  additionalValuesFiles: Str[];
  valuesInline?: KNode;
  valuesMerge: string;
  includeCRDs: boolean;
  skipHooks: boolean;
  skipTests: boolean;
  apiVersions: string[];
  kubeVersion?: string;
  chartHome: string;
  /** The entry in the kustomization. */
  at: SourceRange;
}

const MERGE_OPTIONS = ['merge', 'override', 'replace'];

/** types.FixKustomization: `helmChartInflationGenerator` entries appended to `helmCharts`. */
export function helmChartsOf(k: Kustomization): HelmChartEntry[] {
  const globals = objOf(k.fields, 'helmGlobals');
  const legacy = objsOf(k.fields, 'helmChartInflationGenerator');
  // SplitHelmParameters: the last non-empty legacy chartHome, used only when helmGlobals is absent.
  const legacyHome = legacy.map((old) => strOf(old, 'chartHome')?.value).filter((home) => home !== undefined);
  const chartHome = globals ? strOf(globals, 'chartHome')?.value : legacyHome[legacyHome.length - 1];
  const base = (entry: Obj): Pick<HelmChartEntry, 'at' | 'chartHome' | 'additionalValuesFiles' | 'apiVersions'> => ({
    at: entry.$node.src ?? k.at,
    chartHome: chartHome ?? 'charts',
    additionalValuesFiles: [],
    apiVersions: [],
  });
  const charts = objsOf(k.fields, 'helmCharts').map((entry): HelmChartEntry => ({
    ...base(entry),
    name: strOf(entry, 'name')?.value ?? '',
    ...optional('version', strOf(entry, 'version')?.value),
    ...optional('repo', strOf(entry, 'repo')?.value),
    ...optional('releaseName', strOf(entry, 'releaseName')?.value),
    ...optional('namespace', strOf(entry, 'namespace')?.value),
    ...optional('nameTemplate', strOf(entry, 'nameTemplate')?.value),
    ...optional('valuesFile', strOf(entry, 'valuesFile')),
    additionalValuesFiles: strsOf(entry, 'additionalValuesFiles'),
    ...optional('valuesInline', entry.valuesInline as KNode | undefined),
    valuesMerge: valuesMergeOf(entry),
    includeCRDs: flagOf(entry, 'includeCRDs'),
    skipHooks: flagOf(entry, 'skipHooks'),
    skipTests: flagOf(entry, 'skipTests'),
    apiVersions: strsOf(entry, 'apiVersions').map((item) => item.value),
    ...optional('kubeVersion', strOf(entry, 'kubeVersion')?.value),
  }));
  const converted = legacy.map((old): HelmChartEntry => ({
    ...base(old),
    name: strOf(old, 'chartName')?.value ?? '',
    ...optional('version', strOf(old, 'chartVersion')?.value),
    ...optional('repo', strOf(old, 'chartRepoUrl')?.value),
    ...optional('releaseName', strOf(old, 'releaseName')?.value),
    ...optional('valuesFile', strOf(old, 'values')),
    ...optional('valuesInline', old.valuesLocal as KNode | undefined),
    valuesMerge: valuesMergeOf(old),
    includeCRDs: false,
    skipHooks: false,
    skipTests: false,
  }));
  return [...charts, ...converted];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function valuesMergeOf(entry: Obj): string {
  const merge = strOf(entry, 'valuesMerge');
  if (!merge) return 'override';
  if (!MERGE_OPTIONS.includes(merge.value)) {
    fail(`valuesMerge must be one of [${MERGE_OPTIONS.join(' ')}]`, merge.node.src ?? entry.$node.src ?? { file: '', start: 0, end: 0 });
  }
  return merge.value;
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Renders one chart as kustomize's generator would and returns its resources (hooks and tests as Helm prints them). */
export function inflateChart(loader: Loader, k: Kustomization, chart: HelmChartEntry): Resource[] {
  const at = chart.at;
  if (chart.name === '') fail('chart name cannot be empty', at);
  if (chart.chartHome.startsWith('/')) {
    fail(`helmGlobals.chartHome '${chart.chartHome}' is an absolute path; only charts inside the project are built`, at, true);
  }
  // absChartHome: a versioned folder when both version and repo are set.
  const home = chart.version && chart.repo ? joinPath(chart.chartHome, `${chart.name}-${chart.version}`) : chart.chartHome;
  const chartDir = joinPath(k.dir, joinPath(home, chart.name));
  if (!loader.isDirectory(chartDir)) {
    if (!chart.repo) fail(`no repo specified for pull, no chart found at '${chartDir}'`, at);
    fail(
      `helmCharts entry '${chart.name}' is not in ${chartDir}: kustomize would pull it from ${chart.repo}, and this renderer never reaches the network (put the chart there, e.g. with helm pull --untar)`,
      at,
      true,
    );
  }
  const releaseName = releaseNameOf(chart);
  // The values file kustomize hands to Helm: the chart's values.yaml by default, read through the loader.
  const valuesPath = chart.valuesFile
    ? loader.resolveFile(chart.valuesFile.value, chart.valuesFile.node)
    : loader.resolveFile(joinPath(joinPath(home, chart.name), 'values.yaml'), undefined);
  const valuesText = loader.readText(valuesPath, chart.valuesFile?.node);
  const additional = chart.additionalValuesFiles.map((file) => {
    const path = loader.resolveFile(file.value, file.node);
    loader.readText(path, file.node);
    return path;
  });
  const inline = chart.valuesInline;
  const synthetic = inline && isMap(inline) && inline.entries.length > 0 ? inlineValues(valuesText, valuesPath, inline, chart) : undefined;
  const virtual = `${k.dir === '' ? '' : `${k.dir}/`}\u0000${chart.name}-kustomize-values.yaml`;
  const files = recordingFiles(loader, synthetic ? { path: virtual, text: synthetic.text } : undefined);
  const rendered = renderChart(files, chartDir, {
    releaseName,
    ...(chart.namespace ? { namespace: chart.namespace } : {}),
    valuesFiles: [synthetic ? virtual : valuesPath, ...additional],
    ...(chart.kubeVersion ? { kubeVersion: chart.kubeVersion } : {}),
    apiVersions: chart.apiVersions,
    includeCRDs: chart.includeCRDs,
  });
  const remap = (range: SourceRange): SourceRange => {
    if (!synthetic || range.file !== virtual) return range;
    return synthetic.origins.locate(range.start, Math.max(range.end, range.start + 1)) ?? inline?.src ?? at;
  };
  refuseErrors(rendered, chart, remap);
  const resources: Resource[] = [];
  for (const crd of rendered.crds ?? []) {
    resources.push(...resourcesFromText(crd.text, loader.place(crd.file), at));
  }
  const hooks: Resource[] = [];
  for (const template of rendered.templates) {
    if (!template.rendered) continue;
    const origins = new OriginMap(template.rendered.origins);
    const place: TextPlace = {
      file: template.file,
      at: (offset) => origins.locate(offset, offset + 1)?.start ?? 0,
      whole: { file: template.file, start: 0, end: 0 },
      origin: (start, end) => helmOrigin(origins, start, end, remap),
    };
    for (const resource of resourcesFromText(template.rendered.text, place, at)) {
      const hook = hookEvents(resource.node);
      if (hook === undefined) resources.push(resource);
      else if (!chart.skipHooks && !(chart.skipTests && hook.some((event) => event === 'test' || event === 'test-success'))) {
        hooks.push(resource);
      }
    }
  }
  return [...resources, ...hooks];
}

/** install.NameAndChart as kustomize calls it: a release name, or the name template, or a clock-made name. */
function releaseNameOf(chart: HelmChartEntry): string {
  let name = chart.releaseName;
  if (chart.nameTemplate !== undefined) {
    if (name !== undefined) fail(`cannot set --name-template and also specify a name`, chart.at);
    if (chart.nameTemplate.includes('{{')) {
      fail(`helmCharts entry '${chart.name}': a nameTemplate with template actions is not built here; set releaseName`, chart.at, true);
    }
    name = chart.nameTemplate;
  }
  if (name === undefined) {
    fail(
      `helmCharts entry '${chart.name}' has no releaseName: kustomize then runs helm template --generate-name, whose name comes from the clock; set releaseName`,
      chart.at,
      true,
    );
  }
  if (name.length > 53 || !RELEASE_NAME.test(name)) {
    fail(
      `release name "${name}": invalid release name, must match regex ${RELEASE_NAME.source} and the length must not be longer than 53`,
      chart.at,
    );
  }
  return name;
}

/**
 * kustomize's createNewMergedValuesFile: `override` puts valuesInline over the values file, `merge` the values file
 * over valuesInline (kyaml merge2: maps merged, lists replaced, a null deletes), `replace` takes valuesInline alone.
 */
function inlineValues(valuesText: string, valuesPath: string, inline: KMap, chart: HelmChartEntry): { text: string; origins: OriginMap } {
  let merged: KMap = clone(inline);
  if (chart.valuesMerge !== 'replace') {
    const { docs, error } = readYaml(valuesText, { file: valuesPath, at: (offset) => offset }, 'resource');
    if (error) fail(`could not parse values file into rnode: ${error.message}`, { file: valuesPath, start: error.start, end: error.end });
    const values = docs[0] && isMap(docs[0]) ? docs[0] : { kind: 'map' as const, entries: [] };
    const [dest, patch] = chart.valuesMerge === 'override' ? [values, clone(inline)] : [clone(inline), values];
    merged = strategicMerge(dest, patch, chart.at) ?? { kind: 'map', entries: [] };
  }
  const { text, origins } = serializeDocuments([merged]);
  return { text, origins: new OriginMap(origins) };
}

/** The chart's files as the renderer reads them: every read and listed folder is an input of the build; the merged values file is virtual. */
function recordingFiles(loader: Loader, virtual: { path: string; text: string } | undefined): ProjectFiles {
  const files = loader.files;
  return {
    readText: (path) => {
      if (virtual && path === virtual.path) return virtual.text;
      loader.inputs.add(path);
      return files.readText(path);
    },
    readBytes: (path) => {
      loader.inputs.add(path);
      return files.readBytes(path);
    },
    list: (path) => {
      // A folder the chart was read from (templates/, charts/): a file created or deleted there changes the render.
      loader.inputs.add(path);
      return files.list(path);
    },
    ...(files.realPath ? { realPath: (path: string) => files.realPath?.(path) } : {}),
  };
}

/** What Helm refuses fails the build, at the place the renderer names. */
function refuseErrors(rendered: RenderedChart, chart: HelmChartEntry, remap: (range: SourceRange) => SourceRange): void {
  const error = rendered.errors[0] ?? rendered.templates.find((template) => template.error)?.error;
  if (!error) return;
  const at = error.file === '' ? chart.at : remap({ file: error.file, start: error.start, end: error.end });
  fail(`helm template of chart '${chart.name}' failed: ${error.message.split('\u0000').join('')}`, at);
}

/**
 * The origin of a range of a template's output: the template text it was copied from, the values node printed
 * whole, or the action that produced it (with the values nodes it read).
 */
function helmOrigin(
  origins: OriginMap,
  start: number,
  end: number,
  remap: (range: SourceRange) => SourceRange,
): { src?: SourceRange; produced?: Produced } {
  const innermost = origins.spansAt(start, end)[0];
  if (innermost?.kind === 'node') return { src: remap(innermost.source) };
  if (innermost?.kind === 'produced') {
    const via = innermost.via?.map(remap);
    return { produced: { source: remap(innermost.source), ...(via && via.length > 0 ? { via } : {}) } };
  }
  const located = origins.locate(start, end);
  return located ? { src: remap(located) } : {};
}

/** The events of a Helm hook (`helm.sh/hook`), or undefined for a plain manifest. */
function hookEvents(node: KNode): string[] | undefined {
  const hook = lookup(node, 'metadata', 'annotations', 'helm.sh/hook');
  if (!hook || hook.kind !== 'scalar') return undefined;
  return String(hook.value ?? '')
    .split(',')
    .map((event) => event.trim());
}
