// Finding the files to check, and reading/writing them.
import * as fs from 'fs';
import * as path from 'path';
import { compileGlob, globError, isGlob } from '../engine/config/globs';
import { CONFIG_FILE_NAMES } from '../engine/config/projectConfig';
import { decodeFile, encodeText, type Encoding } from '../io/text';
import { UsageError } from './args';

export { decodeText } from '../io/text';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;
/** Config files are not manifests: directories and globs leave them out. */
const CONFIG_FILES = new Set<string>(CONFIG_FILE_NAMES);

export interface Collected {
  files: string[];
  /** Helm chart `templates/` folders left out (Go templates are not YAML until rendered): with `helm` off. */
  helmTemplateDirs: string[];
  /**
   * Helm charts to render and judge (folders holding a Chart.yaml, not subcharts), with the files to report:
   * all of them, or the chart templates given by name.
   */
  charts: Map<string, 'all' | Set<string>>;
}

/** Files of a chart's own folder that are inputs of the render, not manifests. */
const CHART_INPUT = /^(Chart\.ya?ml|Chart\.lock|values([.-][^/]*)?\.ya?ml)$/i;
const CHART_INPUT_DIRS = new Set(['templates', 'charts', 'ci']);

/**
 * Expands the command-line paths: files as given, directories recursively to their YAML files, glob patterns
 * (quoted, so the shell left them alone) to the files they match. Sorted, no duplicates. Directories and globs
 * skip node_modules and .git. With `helm`, a Helm chart found under a directory is collected as a chart (its
 * templates, subcharts, ci values and values files are inputs of the render, not manifests), and a chart
 * template given by name judges its chart; without, a chart's `templates/` folder is left out.
 */
export function collectFiles(paths: readonly string[], helm = true): Collected {
  const files = new Set<string>();
  const collected: Collected = { files: [], helmTemplateDirs: [], charts: new Map() };
  for (const given of paths) {
    if (given === '-') {
      files.add('-');
      continue;
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(given);
    } catch {
      stat = undefined;
    }
    if (!stat && isGlob(given)) {
      const before = files.size + collected.charts.size;
      expandGlob(given, files, collected, helm);
      if (files.size + collected.charts.size === before) throw new UsageError(`no files match ${given}`);
      continue;
    }
    if (!stat) throw new UsageError(`no such file or directory: ${given}`);
    if (stat.isDirectory()) {
      walk(given, (file) => YAML_FILE.test(file) && files.add(file), collected, helm);
      continue;
    }
    const chart = helm ? chartOfTemplate(given) : undefined;
    if (chart) {
      const wanted = collected.charts.get(chart);
      if (wanted !== 'all') collected.charts.set(chart, new Set([...(wanted ?? []), path.resolve(given)]));
    } else files.add(given);
  }
  collected.files = [...files].sort(comparePaths);
  collected.helmTemplateDirs = [...new Set(collected.helmTemplateDirs)].sort(comparePaths);
  collected.charts = new Map([...collected.charts].sort(([a], [b]) => comparePaths(a, b)));
  return collected;
}

/** The chart whose `templates/` folder holds the file (a template, a helper), if any. */
function chartOfTemplate(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (let depth = 0; depth < 32; depth++) {
    if (path.basename(dir) === 'templates' && isFile(path.join(path.dirname(dir), 'Chart.yaml'))) return path.dirname(dir);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function expandGlob(pattern: string, files: Set<string>, collected: Collected, helm: boolean): void {
  const normalized = pattern.split(path.sep).join('/');
  const error = globError(normalized);
  if (error) throw new UsageError(`bad pattern ${pattern}: ${error}`);
  // The folders before the first segment with glob syntax are walked; the rest is matched.
  const segments = normalized.split('/');
  const firstGlob = segments.findIndex(isGlob);
  const baseSegments = segments.slice(0, firstGlob);
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const matches = compileGlob(segments.slice(firstGlob).join('/'));
  let stat: fs.Stats;
  try {
    stat = fs.statSync(base);
  } catch {
    return;
  }
  if (!stat.isDirectory()) return;
  walk(
    base,
    (file) => {
      const relative = path.relative(base, file).split(path.sep).join('/');
      if (matches(relative)) files.add(base === '.' ? relative.split('/').join(path.sep) : file);
    },
    collected,
    helm,
  );
}

function walk(dir: string, visit: (file: string) => void, collected: Collected, helm: boolean): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing to check there
  }
  const isChart = entries.some((entry) => entry.name === 'Chart.yaml' && !entry.isDirectory());
  // Subcharts (in a chart's charts/ folder, skipped below) are rendered by their parent.
  if (isChart && helm) collected.charts.set(dir, 'all');
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (isChart && helm && CHART_INPUT_DIRS.has(entry.name)) continue;
      if (isChart && !helm && entry.name === 'templates') {
        collected.helmTemplateDirs.push(full);
        continue;
      }
      walk(full, visit, collected, helm);
    } else if (isChart && helm && CHART_INPUT.test(entry.name)) {
      continue;
    } else if (!CONFIG_FILES.has(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFileThroughLink(full)))) {
      visit(full);
    }
  }
}

/** Symbolic links to files are followed; links to directories are not (no cycles). */
function isFileThroughLink(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface InputFile {
  text: string;
  encoding: Encoding;
}

/** The text of a file ('-': standard input). */
export function readInput(file: string): string {
  return readInputFile(file).text;
}

/** The text of a file and the encoding it was in (so --fix can write it back the same way). */
export function readInputFile(file: string): InputFile {
  return decodeFile(fs.readFileSync(file === '-' ? 0 : file));
}

/** Writes fixed text back in the file's own encoding (through a temporary file, so a crash never leaves half a file). */
export function writeOutput(file: string, text: string, encoding: Encoding): void {
  const target = fs.realpathSync(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.kzd-${process.pid}.tmp`);
  fs.writeFileSync(temporary, encodeText(text, encoding), { mode: fs.statSync(target).mode });
  try {
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
