// Loading a chart as Helm's loader does: walk the chart folder through ProjectFiles (honouring the top chart's
// .helmignore), sort the files into Chart.yaml, values, schema, templates, subcharts (folders or `.tgz` in
// `charts/`) and `.Files`, decode and validate Chart.yaml. Errors carry Helm's wording and the file at fault.
import type { ProjectFiles } from '../../../model/origin';
import { valuesFromYaml, ValuesError, yamlToGo, type GoMap } from '../template/value';
import { ArchiveError, loadArchiveFiles, MAX_DECOMPRESSED_FILE_SIZE } from './archive';
import { ChartYamlError, decodeMetadata, emptyMetadata, validateMetadata } from './chartYaml';
import { IgnoreRules } from './helmignore';
import type { Chart, ChartFile, Metadata } from './model';

/** A chart that cannot be loaded; `file` is the file at fault (a project path), `offset` where in it, if known. */
export class ChartLoadError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** Bounds on what a chart folder may hold, so that a runaway folder (or a directory link loop) is refused. */
export const MAX_CHART_FILES = 20000;
export const MAX_CHART_DEPTH = 48;

const decoder = new TextDecoder();

/** Loads the chart in folder `dir` (a project path). Throws ChartLoadError. */
export function loadChartDir(files: ProjectFiles, dir: string): Chart {
  const ignoreFile = join(dir, '.helmignore');
  let rules: IgnoreRules;
  const ignoreText = files.readText(ignoreFile);
  try {
    rules = ignoreText === undefined ? IgnoreRules.defaults() : IgnoreRules.parse(ignoreText);
  } catch (error) {
    throw new ChartLoadError(messageOf(error), ignoreFile);
  }
  const found: ChartFile[] = [];
  walk(files, dir, '', rules, found);
  return loadFiles(found, dir, join(dir, 'Chart.yaml'));
}

function walk(files: ProjectFiles, dir: string, rel: string, rules: IgnoreRules, out: ChartFile[], depth = 0): void {
  if (depth > MAX_CHART_DEPTH) {
    throw new ChartLoadError(`chart folder ${rel} is nested more than ${MAX_CHART_DEPTH} levels deep; not loaded`, join(dir, 'Chart.yaml'));
  }
  const entries = files.list(rel === '' ? dir : join(dir, rel));
  if (!entries) return;
  for (const entry of entries) {
    const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (rules.ignores(name, entry.directory)) continue;
    if (entry.directory) {
      walk(files, dir, name, rules, out, depth + 1);
      continue;
    }
    if (out.length >= MAX_CHART_FILES) {
      throw new ChartLoadError(`chart has more than ${MAX_CHART_FILES} files; not loaded`, join(dir, 'Chart.yaml'));
    }
    out.push(projectFile(files, name, join(dir, name)));
  }
}

function projectFile(files: ProjectFiles, name: string, path: string): ChartFile {
  let text: string | undefined;
  let bytes: Uint8Array | undefined;
  return {
    name,
    path,
    text() {
      if (text === undefined) {
        const read = files.readText(path) ?? (bytes ? decoder.decode(bytes) : undefined);
        if (read === undefined) throw new ChartLoadError(`error reading ${name}`, path);
        checkSize(read.length, name, path);
        text = read.replace(/^\uFEFF/, '');
      }
      return text;
    },
    bytes() {
      if (bytes === undefined) {
        const read = files.readBytes(path);
        if (read === undefined) throw new ChartLoadError(`error reading ${name}`, path);
        checkSize(read.length, name, path);
        bytes = stripBom(read);
      }
      return bytes;
    },
  };
}

function checkSize(size: number, name: string, path: string): void {
  if (size > MAX_DECOMPRESSED_FILE_SIZE) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    throw new ChartLoadError(`chart file "${base}" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`, path);
  }
}

function archiveFile(name: string, path: string, data: Uint8Array): ChartFile {
  let text: string | undefined;
  return {
    name,
    path,
    bytes: () => data,
    text: () => (text ??= decoder.decode(data)),
  };
}

/** LoadFiles: builds a chart from its files (names relative to the chart). */
function loadFiles(chartFiles: ChartFile[], dir: string, chartYamlPath: string): Chart {
  let metadata: Metadata | undefined;
  let chartFile = chartYamlPath;
  for (const f of chartFiles) {
    if (f.name !== 'Chart.yaml') continue;
    chartFile = f.path;
    metadata ??= emptyMetadata();
    decodeInto(f, metadata, 'Chart.yaml');
    if (metadata.apiVersion === '') metadata.apiVersion = 'v1';
  }
  const chart: Chart = {
    metadata: metadata ?? emptyMetadata(),
    chartFile,
    dir,
    values: new Map(),
    templates: [],
    files: [],
    dependencies: [],
  };
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of chartFiles) {
    const name = f.name;
    if (name === 'Chart.yaml') continue;
    if (name === 'Chart.lock' || name === 'requirements.lock') {
      const text = f.text();
      try {
        yamlToGo(text, undefined, false);
      } catch (error) {
        throw new ChartLoadError(`cannot load ${name}: ${messageOf(error)}`, f.path, offsetOf(error));
      }
      if (name === 'requirements.lock' && chart.metadata.apiVersion === 'v1') chart.files.push(f);
    } else if (name === 'values.yaml') {
      const text = f.text();
      try {
        chart.values = parsedValues(text, f.path);
        chart.valuesFile = f.path;
      } catch (error) {
        throw new ChartLoadError(`cannot load values.yaml: ${messageOf(error)}`, f.path, offsetOf(error));
      }
    } else if (name === 'values.schema.json') {
      chart.schema = f;
    } else if (name === 'requirements.yaml') {
      // Helm 2's dependency list; a v2 chart reads it too, but only a v1 chart keeps it among its files.
      decodeInto(f, chart.metadata, 'requirements.yaml');
      if (chart.metadata.apiVersion === 'v1') chart.files.push(f);
    } else if (name.startsWith('templates/')) {
      chart.templates.push(f);
    } else if (name.startsWith('charts/')) {
      if (name.endsWith('.prov')) {
        chart.files.push(f);
        continue;
      }
      const rest = name.slice('charts/'.length);
      const group = rest.split('/', 1)[0];
      const list = subcharts.get(group) ?? [];
      list.push({ ...f, name: rest });
      subcharts.set(group, list);
    } else {
      chart.files.push(f);
    }
  }
  if (metadata === undefined) throw new ChartLoadError('Chart.yaml file is missing', chartYamlPath);
  const invalid = validateMetadata(chart.metadata);
  if (invalid) throw new ChartLoadError(invalid, chartFile);

  // Helm visits subchart folders in Go map order (random); a sorted order is one of those.
  for (const group of [...subcharts.keys()].sort()) {
    if (group.startsWith('_') || group.startsWith('.')) continue;
    const groupFiles = subcharts.get(group) ?? [];
    let sub: Chart;
    try {
      if (group.endsWith('.tgz')) {
        const archive = groupFiles[0];
        if (archive.name !== group) {
          throw new ChartLoadError(
            `error unpacking subchart tar in ${chart.metadata.name}: expected ${group}, got ${archive.name}`,
            archive.path,
          );
        }
        sub = loadArchive(archive);
      } else {
        const inner = groupFiles.filter((f) => f.name.includes('/')).map((f) => ({ ...f, name: f.name.slice(f.name.indexOf('/') + 1) }));
        sub = loadFiles(inner, join(dir, `charts/${group}`), join(dir, `charts/${group}/Chart.yaml`));
      }
    } catch (error) {
      if (!(error instanceof ChartLoadError)) throw error;
      throw new ChartLoadError(`error unpacking subchart ${group} in ${chart.metadata.name}: ${error.message}`, error.file, error.offset);
    }
    sub.parent = chart;
    chart.dependencies.push(sub);
  }
  return chart;
}

/**
 * values.yaml parsed once per text: re-rendering as the user types re-reads every chart's values. Safe to share
 * because coalescing deep-copies chart values before anything can change them (templates change only the copy).
 */
const valuesCache = new Map<string, { text: string; values: GoMap }>();
const MAX_CACHED_VALUES = 256;

function parsedValues(text: string, path: string): GoMap {
  const hit = valuesCache.get(path);
  if (hit && hit.text === text) return hit.values;
  const values = valuesFromYaml(text, path);
  if (valuesCache.size >= MAX_CACHED_VALUES) valuesCache.delete(valuesCache.keys().next().value as string);
  valuesCache.set(path, { text, values });
  return values;
}

function loadArchive(archive: ChartFile): Chart {
  let entries;
  try {
    entries = loadArchiveFiles(archive.bytes());
  } catch (error) {
    if (error instanceof ArchiveError) throw new ChartLoadError(error.message, archive.path);
    throw error;
  }
  const files = entries.map((e) => archiveFile(e.name, `${archive.path}!/${e.name}`, e.data));
  return loadFiles(files, archive.path, `${archive.path}!/Chart.yaml`);
}

function decodeInto(f: ChartFile, metadata: Metadata, what: string): void {
  const text = f.text();
  try {
    decodeMetadata(text, metadata);
  } catch (error) {
    if (error instanceof ChartYamlError || error instanceof ValuesError) {
      throw new ChartLoadError(`cannot load ${what}: ${error.message}`, f.path, offsetOf(error));
    }
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function offsetOf(error: unknown): number | undefined {
  return error instanceof ValuesError ? error.offset : undefined;
}

function stripBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}

export function join(dir: string, name: string): string {
  if (dir === '' || dir === '.') return name;
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
