// Finding the files to check, and reading/writing them.
import * as fs from 'fs';
import * as path from 'path';
import { compileGlob, globError, isGlob } from '../engine/config/globs';
import { CONFIG_FILE_NAMES } from '../engine/config/projectConfig';
import { readBoundedSync } from '../io/boundedRead';
import { decodeFile, decodeUtf8Escaped, encodeText, encodeUtf8Escaped, type Encoding } from '../io/text';
import { UsageError } from './args';
import { WriteScope } from './write';

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
  /** The folders glob patterns were expanded in (with the paths given: where --fix may write). */
  globBases: string[];
}

/** Files of a chart's own folder that are inputs of the render, not manifests. */
const CHART_INPUT = /^(Chart\.ya?ml|Chart\.lock|values([.-][^/]*)?\.ya?ml)$/i;
const CHART_INPUT_DIRS = new Set(['templates', 'charts', 'ci']);

/**
 * Expands the command-line paths: files as given, directories recursively to their YAML files, glob patterns
 * (quoted, so the shell left them alone) to the files they match. Sorted, no duplicates. Directories and globs
 * skip node_modules, .git, and symbolic links to files outside the paths given (their objects are not part of
 * what was asked for: a PDB elsewhere must not hide a missing one here). With `helm`, a Helm chart found under a directory is collected as a chart (its
 * templates, subcharts, ci values and values files are inputs of the render, not manifests), and a chart
 * template given by name judges its chart; without, a chart's `templates/` folder is left out.
 */
export function collectFiles(paths: readonly string[], helm = true): Collected {
  const files = new Set<string>();
  const collected: Collected = { files: [], helmTemplateDirs: [], charts: new Map(), globBases: [] };
  const links: string[] = [];
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
      const before = files.size + links.length + collected.charts.size;
      collected.globBases.push(expandGlob(given, files, links, collected, helm));
      if (files.size + links.length + collected.charts.size === before) throw new UsageError(`no files match ${given}`);
      continue;
    }
    if (!stat) throw new UsageError(`no such file or directory: ${given}`);
    if (stat.isDirectory()) {
      walk(given, (file, link) => YAML_FILE.test(file) && (link ? links.push(file) : files.add(file)), collected, helm);
      continue;
    }
    const chart = helm ? chartOfTemplate(given) : undefined;
    if (chart) {
      const wanted = collected.charts.get(chart);
      if (wanted !== 'all') collected.charts.set(chart, new Set([...(wanted ?? []), path.resolve(given)]));
    } else files.add(given);
  }
  if (links.length > 0) {
    // The folders given, as --fix knows them: a link is followed when what it points to is inside one of them.
    const scope = new WriteScope(paths, collected.globBases, process.cwd());
    for (const link of links) {
      const real = realPath(link);
      if (real !== undefined && scope.contains(real)) files.add(link);
    }
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

/** Adds the files (and charts) a pattern matches (symbolic links to `links`); returns the folder it was expanded in. */
function expandGlob(pattern: string, files: Set<string>, links: string[], collected: Collected, helm: boolean): string {
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
    return base;
  }
  if (!stat.isDirectory()) return base;
  walk(
    base,
    (file, link) => {
      const relative = path.relative(base, file).split(path.sep).join('/');
      if (!matches(relative)) return;
      const found = base === '.' ? relative.split('/').join(path.sep) : file;
      if (link) links.push(found);
      else files.add(found);
    },
    collected,
    helm,
  );
  return base;
}

/** Visits the files under `dir`; `link`: the file is a symbolic link (to a regular file). */
function walk(dir: string, visit: (file: string, link: boolean) => void, collected: Collected, helm: boolean): void {
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
    } else if (!CONFIG_FILES.has(entry.name) && entry.isFile()) {
      visit(full, false);
    } else if (!CONFIG_FILES.has(entry.name) && entry.isSymbolicLink() && isFileThroughLink(full)) {
      visit(full, true);
    }
  }
}

/** Symbolic links to files are followed (when they point inside the paths given); links to directories are not (no cycles). */
function isFileThroughLink(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type InputFile =
  | {
      ok: true;
      text: string;
      encoding: Encoding;
      /** As read: --fix writes back only when these bytes survive the round trip through text. */
      bytes: Buffer;
    }
  | {
      ok: false;
      /** not-a-file and too-large: not checked (a notice); unreadable: an error. */
      reason: 'not-a-file' | 'too-large' | 'unreadable';
      message: string;
    };

/**
 * The text of a file ('-': standard input) and the encoding it was in (so --fix can write it back the same
 * way). Type and size are checked before anything is read (io/boundedRead.ts). Never throws.
 */
export function readInputFile(file: string, maxBytes: number): InputFile {
  const read = readBoundedSync(file, maxBytes);
  if (!read.ok) return { ok: false, reason: read.reason, message: read.message };
  return { ok: true, ...decodeFile(read.bytes), bytes: read.bytes };
}

/** The text --fix works on, and how to turn the fixed text back into the file's bytes. */
export type FixSource = { ok: true; text: string; encode: (text: string) => Buffer } | { ok: false; reason: string };

/**
 * Text that gives back exactly the bytes read when nothing is changed: the decoded text when it does; for UTF-8
 * that is not valid (a Latin-1 comment), the text with the bad bytes escaped (config/text.ts), so the fixes
 * leave them as they were. Anything else that does not survive decoding is refused.
 */
export function fixSource(input: { text: string; encoding: Encoding; bytes: Buffer }): FixSource {
  const { text, encoding, bytes } = input;
  if (encodeText(text, encoding).equals(bytes)) return { ok: true, text, encode: (fixed) => encodeText(fixed, encoding) };
  if (encoding === 'utf8' || encoding === 'utf8-bom') {
    const bom = encoding === 'utf8-bom' ? bytes.subarray(0, 3) : Buffer.alloc(0);
    const escaped = decodeUtf8Escaped(bytes.subarray(bom.length));
    return { ok: true, text: escaped, encode: (fixed) => Buffer.concat([bom, encodeUtf8Escaped(fixed)]) };
  }
  return {
    ok: false,
    reason: `its bytes are not valid ${encoding.startsWith('utf16') ? 'UTF-16' : 'UTF-8'} text, and --fix would change them`,
  };
}
