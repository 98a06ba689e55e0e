// Finding the files to check, and reading/writing them.
import * as fs from 'fs';
import * as path from 'path';
import { compileGlob, globError, isGlob } from '../engine/config/globs';
import { CONFIG_FILE_NAMES } from '../engine/config/projectConfig';
import { readBoundedSync } from '../io/boundedRead';
import { decodeFile, decodeUtf8Escaped, encodeText, encodeUtf8Escaped, type Encoding } from '../io/text';
import { UsageError } from './args';

export { decodeText } from '../io/text';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;
/** Config files are not manifests: directories and globs leave them out. */
const CONFIG_FILES = new Set<string>(CONFIG_FILE_NAMES);

export interface Collected {
  files: string[];
  /** Helm chart `templates/` folders left out (Go templates are not YAML until rendered). */
  helmTemplateDirs: string[];
  /** The folders glob patterns were expanded in (with the paths given: where --fix may write). */
  globBases: string[];
}

/**
 * Expands the command-line paths: files as given, directories recursively to their YAML files, glob patterns
 * (quoted, so the shell left them alone) to the files they match. Sorted, no duplicates. Directories and globs
 * skip node_modules, .git and the `templates/` folder of a Helm chart (a folder beside a Chart.yaml).
 */
export function collectFiles(paths: readonly string[]): Collected {
  const files = new Set<string>();
  const helmTemplateDirs: string[] = [];
  const globBases: string[] = [];
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
      const before = files.size;
      globBases.push(expandGlob(given, files, helmTemplateDirs));
      if (files.size === before) throw new UsageError(`no files match ${given}`);
      continue;
    }
    if (!stat) throw new UsageError(`no such file or directory: ${given}`);
    if (stat.isDirectory()) {
      walk(given, (file) => YAML_FILE.test(file) && files.add(file), helmTemplateDirs);
    } else {
      files.add(given);
    }
  }
  return {
    files: [...files].sort(comparePaths),
    helmTemplateDirs: [...new Set(helmTemplateDirs)].sort(comparePaths),
    globBases,
  };
}

/** Adds the files a pattern matches; returns the folder it was expanded in. */
function expandGlob(pattern: string, files: Set<string>, helmTemplateDirs: string[]): string {
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
    (file) => {
      const relative = path.relative(base, file).split(path.sep).join('/');
      if (matches(relative)) files.add(base === '.' ? relative.split('/').join(path.sep) : file);
    },
    helmTemplateDirs,
  );
  return base;
}

function walk(dir: string, visit: (file: string) => void, helmTemplateDirs: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing to check there
  }
  const isChart = entries.some((entry) => entry.name === 'Chart.yaml' && !entry.isDirectory());
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (isChart && entry.name === 'templates') {
        helmTemplateDirs.push(full);
        continue;
      }
      walk(full, visit, helmTemplateDirs);
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
