// Finding the files to check and decoding them to text.
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

/** Expands the command-line paths: files as given, directories recursively to their YAML files. Sorted, no duplicates. */
export function collectFiles(paths: readonly string[]): string[] {
  const files = new Set<string>();
  for (const given of paths) {
    if (given === '-') {
      files.add('-');
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (stat.isDirectory()) {
      walk(given, files);
    } else {
      files.add(given);
    }
  }
  return [...files].sort(comparePaths);
}

function walk(dir: string, files: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing to check there
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, files);
    } else if (YAML_FILE.test(entry.name) && (entry.isFile() || isFileThroughLink(full))) {
      files.add(full);
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

/**
 * Bytes -> text. A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE) and is removed; without one, the first
 * two bytes tell UTF-16 from UTF-8 the way the YAML spec does (a NUL next to an ASCII character); otherwise UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [b0, b1, b2, b3] = [buffer[0], buffer[1], buffer[2], buffer[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return buffer.toString('utf8', 3);
  if (b0 === 0xff && b1 === 0xfe && !(b2 === 0 && b3 === 0)) return buffer.toString('utf16le', 2);
  if (b0 === 0xfe && b1 === 0xff) return utf16be(buffer.subarray(2));
  if (buffer.length >= 4 && b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return buffer.toString('utf16le');
  if (buffer.length >= 4 && b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return utf16be(buffer);
  return buffer.toString('utf8');
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.alloc(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1];
    swapped[i + 1] = bytes[i];
  }
  return swapped.toString('utf16le');
}

export function readInput(file: string): string {
  return decodeText(fs.readFileSync(file === '-' ? 0 : file));
}
