// Rendering a chart as `helm template` does: load, refuse what Helm refuses (library charts, missing
// dependencies, bad values, schema violations, an incompatible kubeVersion), process dependencies, coalesce
// values, then parse every template of the chart tree into one set and execute each, each chart's templates
// seeing their own scope. Unlike Helm, one template's error does not stop the others: each gets its own answer.
import type { ProjectFiles } from '../../../model/origin';
import { helmFunctions, TemplateError, TemplateSet } from '../template';
import { typedMap, type GoMap, type GoValue } from '../template/value';
import { marshalYaml } from '../functions/serialize';
import { chartObject, filesObject, releaseMap, templateMap } from './builtins';
import { capabilitiesObject, DEFAULT_API_VERSIONS, DEFAULT_KUBE_VERSION, parseKubeVersion } from './capabilities';
import { coalesceValues, CoalesceError, table } from './coalesce';
import { checkDependencies, processDependencies } from './dependencies';
import { ChartLoadError, loadChartDir } from './loader';
import { chartFullPath, isLibraryChart, type Chart } from './model';
import { validateChartSchemas } from './schemaCheck';
import { isCompatibleRange } from './semver';
import type { ChartCRD, ChartError, HelmRenderOptions, RenderedChart, RenderedTemplate } from './types';
import { UserValuesError, userValues } from './values';

interface Renderable {
  name: string;
  file: string;
  text: () => string;
  data: GoMap;
  basePath: string;
}

export function renderChart(files: ProjectFiles, chartDir: string, options: HelmRenderOptions = {}): RenderedChart {
  try {
    return render(files, chartDir, options);
  } catch (error) {
    // A fault of the renderer (or a stack exhausted by absurd input): an answer, never a crash of the caller.
    const message = `internal error rendering the chart: ${error instanceof Error ? error.message : String(error)}`;
    const file = chartDir === '' ? 'Chart.yaml' : `${chartDir.replace(/\/+$/, '')}/Chart.yaml`;
    return { chart: baseName(chartDir), templates: [], errors: [{ message, file, start: 0, end: 0 }], warnings: [], valuesFiles: [] };
  }
}

function render(files: ProjectFiles, chartDir: string, options: HelmRenderOptions): RenderedChart {
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
  };
  const result: RenderedChart = { chart: baseName(chartDir), templates: [], errors: [], warnings, valuesFiles: [] };
  const fail = (message: string, file: string, start = 0, end = start): RenderedChart => {
    result.errors.push({ message, file, start, end });
    return result;
  };

  let chart: Chart;
  try {
    chart = loadChartDir(files, chartDir);
  } catch (error) {
    if (error instanceof ChartLoadError) return fail(error.message, error.file, error.offset ?? 0);
    throw error;
  }
  result.chart = chart.metadata.name;
  if (chart.metadata.deprecated) warn('This chart is deprecated');
  const chartText = (): string => files.readText(chart.chartFile) ?? '';
  if (!['', 'application'].includes(chart.metadata.type)) {
    const at = keyRange(chartText(), 'type');
    return fail(`${chart.metadata.type} charts are not installable`, chart.chartFile, at.start, at.end);
  }
  const missing = checkDependencies(chart);
  if (missing) {
    const at = keyRange(chartText(), 'dependencies');
    return fail(missing, chart.chartFile, at.start, at.end);
  }

  let user: GoMap;
  try {
    user = userValues(files, options);
  } catch (error) {
    if (error instanceof UserValuesError) return fail(error.message, error.file, error.offset ?? 0);
    throw error;
  }

  const kube = parseKubeVersion(options.kubeVersion ?? DEFAULT_KUBE_VERSION);
  if (typeof kube === 'string') return fail(kube, chart.chartFile);

  let values: GoMap;
  try {
    processDependencies(chart, user, warn);
    values = coalesceValues(chart, user, warn);
  } catch (error) {
    if (error instanceof CoalesceError) return fail(error.message, chart.chartFile);
    throw error;
  }
  result.valuesFiles = [...(options.valuesFiles ?? [])].reverse().concat(chartValuesFiles(chart));

  const schemaFailures = options.skipSchemaValidation ? [] : validateChartSchemas(chart, values, warn);
  if (schemaFailures.length > 0) {
    for (const f of schemaFailures) result.errors.push({ message: f.message, file: f.at.file, start: f.at.start, end: f.at.end });
    return result;
  }
  if (chart.metadata.kubeVersion !== '' && !isCompatibleRange(chart.metadata.kubeVersion, kube.version)) {
    const at = keyRange(chartText(), 'kubeVersion');
    return fail(
      `chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.version}`,
      chart.chartFile,
      at.start,
      at.end,
    );
  }

  const top = new Map<string, GoValue>([
    [
      'Release',
      releaseMap({
        name: options.releaseName ?? 'release-name',
        namespace: options.namespace ?? 'default',
        isUpgrade: options.isUpgrade ?? false,
      }),
    ],
    ['Capabilities', capabilitiesObject(kube, [...DEFAULT_API_VERSIONS, ...(options.apiVersions ?? [])])],
    ['Values', typedMap(values, 'chartutil.Values')],
  ]);
  const renderables: Renderable[] = [];
  allTemplates(chart, top, renderables);
  if (options.includeCRDs) result.crds = crdObjects(chart);
  result.templates = execute(renderables);
  return result;
}

/** recAllTpls: each chart's templates with the data they see (`.Values` is the parent's section for the chart). */
function allTemplates(chart: Chart, parent: GoMap, out: Renderable[]): GoMap {
  const subcharts: GoMap = new Map();
  const toYaml = (m: GoMap): string => marshalYaml(m).text.replace(/\n$/, '');
  const next: GoMap = typedMap(
    new Map<string, GoValue>([
      ['Chart', chartObject(chart)],
      ['Files', filesObject(chart.files, toYaml)],
      ['Release', parent.get('Release') ?? null],
      ['Capabilities', parent.get('Capabilities') ?? null],
      ['Values', typedMap(new Map(), 'chartutil.Values')],
      ['Subcharts', subcharts],
    ]),
    'chartutil.Values',
  );
  const parentValues = parent.get('Values');
  if (!chart.parent) next.set('Values', parentValues ?? null);
  else if (parentValues instanceof Map) {
    const section = table(parentValues, chart.metadata.name);
    if (section) next.set('Values', section);
  }
  for (const child of chart.dependencies) subcharts.set(child.metadata.name, allTemplates(child, next, out));
  const prefix = chartFullPath(chart);
  for (const t of chart.templates) {
    // A library chart contributes only its partials.
    if (isLibraryChart(chart) && !baseName(t.name).startsWith('_')) continue;
    out.push({ name: `${prefix}/${t.name}`, file: t.path, text: () => t.text(), data: next, basePath: `${prefix}/templates` });
  }
  return next;
}

function execute(renderables: Renderable[]): RenderedTemplate[] {
  const ordered = [...renderables].sort((a, b) => byPathLengthDescending(a.name, b.name));
  const { set, parseErrors } = parsedSet(ordered);
  const out: RenderedTemplate[] = [];
  for (const r of ordered) {
    // A helper file that does not parse breaks every template in Helm: it is answered here, not skipped.
    const parseError = parseErrors.get(r.name);
    if (parseError) {
      out.push({ template: r.name, file: r.file, error: parseError });
      continue;
    }
    if (baseName(r.name).startsWith('_')) continue;
    const notes = r.name.endsWith('NOTES.txt');
    // Helm sets .Template on the chart's shared data before each template runs.
    r.data.set('Template', templateMap(r.name, r.basePath));
    try {
      const rendered = set.execute(r.name, r.data);
      // NOTES.txt is rendered (its errors fail Helm too) but is no manifest.
      if (!notes) out.push({ template: r.name, file: r.file, rendered });
    } catch (error) {
      out.push({ template: r.name, file: r.file, error: asChartError(error, r, 'exec') });
    }
  }
  return out;
}

interface ParsedSet {
  /** Names, files and texts of the templates, in parse order: the set is reused while this is unchanged. */
  signature: string[];
  set: TemplateSet;
  parseErrors: Map<string, ChartError>;
}

/**
 * The chart's templates parsed into one set, in Helm's order (later definitions win). A set is immutable once
 * built, so a re-render whose templates are all unchanged (the user edited values) reuses the parsed set.
 */
const parsedSets: ParsedSet[] = [];
const MAX_PARSED_SETS = 8;

function parsedSet(ordered: Renderable[]): ParsedSet {
  const signature = ordered.flatMap((r) => [r.name, r.file, r.text()]);
  const same = (a: string[]): boolean => a.length === signature.length && a.every((x, i) => x === signature[i]);
  const hit = parsedSets.find((p) => same(p.signature));
  if (hit) return hit;
  const set = new TemplateSet({ functions: helmFunctions() });
  const parseErrors = new Map<string, ChartError>();
  for (const r of ordered) {
    try {
      set.add(r.name, r.text(), r.file);
    } catch (error) {
      parseErrors.set(r.name, asChartError(error, r, 'parse'));
    }
  }
  const parsed = { signature, set, parseErrors };
  if (parsedSets.length >= MAX_PARSED_SETS) parsedSets.shift();
  parsedSets.push(parsed);
  return parsed;
}

/** engine.sortTemplates: more path segments first, then names in descending order. */
function byPathLengthDescending(a: string, b: string): number {
  const ca = a.split('/').length;
  const cb = b.split('/').length;
  if (ca !== cb) return cb - ca;
  return a < b ? 1 : a > b ? -1 : 0;
}

function asChartError(error: unknown, r: Renderable, phase: 'parse' | 'exec'): ChartError {
  if (!(error instanceof TemplateError)) {
    if (error instanceof ChartLoadError) return { message: error.message, file: error.file, start: 0, end: 0 };
    // A fault of the renderer itself: this template gets the answer, the others still render.
    return {
      message: `internal error rendering ${r.name}: ${error instanceof Error ? error.message : String(error)}`,
      file: r.file,
      start: 0,
      end: 0,
    };
  }
  const offset = Math.max(0, error.offset);
  const file = error.file || r.file;
  return {
    message: phase === 'parse' ? cleanupParseError(r.name, error.message) : cleanupExecError(error),
    file,
    start: offset,
    end: offset,
  };
}

/** engine.cleanupParseError. */
function cleanupParseError(name: string, message: string): string {
  const tokens = message.split(': ');
  if (tokens.length === 1) return `parse error in (${name}): ${message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

/** engine.cleanupExecError: `required`/`fail` get Helm's short form; other errors stay as Go words them. */
function cleanupExecError(error: TemplateError): string {
  return error.helmMessage ?? error.message;
}

/** chart.CRDObjects: `crds/*.{yaml,yml,json}` of the chart, then of each (enabled) subchart, depth first. */
function crdObjects(chart: Chart): ChartCRD[] {
  const prefix = chartFullPath(chart);
  const own = chart.files
    .filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/i.test(f.name))
    .map((f) => ({ name: `${prefix}/${f.name}`, file: f.path, text: f.text() }));
  return [...own, ...chart.dependencies.flatMap(crdObjects)];
}

function chartValuesFiles(chart: Chart): string[] {
  const files = chart.valuesFile ? [chart.valuesFile] : [];
  for (const d of chart.dependencies) for (const f of chartValuesFiles(d)) if (!files.includes(f)) files.push(f);
  return files;
}

/** The range of a top-level `key:` in a YAML text, or the start of the file. */
function keyRange(text: string, key: string): { start: number; end: number } {
  const m = new RegExp(`^${key}\\s*:`, 'm').exec(text);
  return m ? { start: m.index, end: m.index + key.length } : { start: 0, end: 0 };
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
