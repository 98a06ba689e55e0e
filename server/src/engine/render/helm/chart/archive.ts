// A chart archive (`.tgz`): gunzip, then the tar entries, checked as Helm's LoadArchiveFiles checks them (paths
// inside the chart folder, the same size limits), so a subchart archive loads, or fails, as it does in Helm.
import { gunzip, InflateError } from './inflate';

/** Helm's limits (loader.MaxDecompressedChartSize, loader.MaxDecompressedFileSize). */
export const MAX_DECOMPRESSED_CHART_SIZE = 100 * 1024 * 1024;
export const MAX_DECOMPRESSED_FILE_SIZE = 5 * 1024 * 1024;

export interface ArchiveFile {
  /** Path inside the chart, the archive's top folder removed (`templates/x.yaml`). */
  name: string;
  data: Uint8Array;
}

/** Thrown with Helm's wording. */
export class ArchiveError extends Error {}

const BLOCK = 512;

export function loadArchiveFiles(archive: Uint8Array): ArchiveFile[] {
  if (!(archive.length >= 3 && archive[0] === 0x1f && archive[1] === 0x8b && archive[2] === 8)) {
    throw new ArchiveError('gzip: invalid header');
  }
  let tar: Uint8Array;
  try {
    // The tar stream carries headers and padding besides the file contents Helm counts: allow for them.
    tar = gunzip(archive, MAX_DECOMPRESSED_CHART_SIZE + MAX_DECOMPRESSED_CHART_SIZE / 8);
  } catch (error) {
    if (error instanceof InflateError && error.message.startsWith('decompressed data is larger')) {
      throw new ArchiveError(`decompressed chart is larger than the maximum file size ${MAX_DECOMPRESSED_CHART_SIZE}`);
    }
    throw new ArchiveError(error instanceof Error ? error.message : String(error));
  }
  const files: ArchiveFile[] = [];
  let remaining = MAX_DECOMPRESSED_CHART_SIZE;
  let pos = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (pos + BLOCK <= tar.length) {
    const header = tar.subarray(pos, pos + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new ArchiveError('archive/tar: invalid tar header');
    const type = String.fromCharCode(header[156] || 0x30);
    const size = readSize(header.subarray(124, 136));
    const dataStart = pos + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) throw new ArchiveError('unexpected EOF');
    const data = tar.subarray(dataStart, dataEnd);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'L') {
      longName = cString(data);
      continue;
    }
    if (type === 'x') {
      paxPath = paxRecords(data).get('path') ?? paxPath;
      continue;
    }
    if (type === 'g') continue;
    const name = paxPath ?? longName ?? ustarName(header);
    longName = undefined;
    paxPath = undefined;
    if (type === '5' || name.endsWith('/')) continue;

    const delimiter = name.includes('\\') ? '\\' : '/';
    const parts = name.split(delimiter);
    const inner = cleanPath(parts.slice(1).join('/'));
    if (inner.startsWith('/')) throw new ArchiveError('chart illegally contains absolute paths');
    if (inner === '.') throw new ArchiveError(`chart illegally contains content outside the base directory: "${name}"`);
    if (inner.startsWith('..')) throw new ArchiveError('chart illegally references parent directory');
    if (/^[a-zA-Z]:\//.test(inner)) throw new ArchiveError('chart contains illegally named files');
    if (parts[0] === 'Chart.yaml') throw new ArchiveError('chart yaml not in base directory');
    // Links and other special entries carry no data in the stream: Helm keeps them as empty files.
    const content = type === '0' || type === '7' ? data : new Uint8Array(0);
    if (content.length > remaining) {
      throw new ArchiveError(`decompressed chart is larger than the maximum file size ${MAX_DECOMPRESSED_CHART_SIZE}`);
    }
    if (content.length > MAX_DECOMPRESSED_FILE_SIZE) {
      throw new ArchiveError(`decompressed chart file "${name}" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`);
    }
    remaining -= content.length;
    if (remaining <= 0) throw new ArchiveError(`decompressed chart is larger than the maximum file size ${MAX_DECOMPRESSED_CHART_SIZE}`);
    files.push({ name: inner, data: stripBom(content) });
  }
  if (files.length === 0) throw new ArchiveError('no files in chart archive');
  return files;
}

function checksumOk(header: Uint8Array): boolean {
  const stored = parseOctal(header.subarray(148, 156));
  let unsigned = 0;
  for (let i = 0; i < BLOCK; i++) unsigned += i >= 148 && i < 156 ? 0x20 : header[i];
  return stored === unsigned;
}

function readSize(field: Uint8Array): number {
  // GNU base-256 for sizes past 8 GiB: far beyond any limit here, but read rather than misparsed.
  if (field[0] & 0x80) {
    let value = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i];
    return value;
  }
  return parseOctal(field);
}

function parseOctal(field: Uint8Array): number {
  let value = 0;
  for (const byte of field) {
    if (byte === 0 || byte === 0x20) {
      if (value > 0) break;
      continue;
    }
    if (byte < 0x30 || byte > 0x37) break;
    value = value * 8 + (byte - 0x30);
  }
  return value;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

function ustarName(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const magic = cString(header.subarray(257, 263));
  const prefix = magic.startsWith('ustar') ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const text = new TextDecoder().decode(data);
  let pos = 0;
  while (pos < text.length) {
    const space = text.indexOf(' ', pos);
    if (space < 0) break;
    const length = Number(text.slice(pos, space));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = text.slice(space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}

/** Go's path.Clean. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

function stripBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}
