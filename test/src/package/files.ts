// Reading what the package tests look at, without a dependency: a .vsix (a zip: its central directory, then
// the entries), PNG chunks, and the images and links of a Markdown file.
import * as zlib from 'node:zlib';

// ---------------------------------------------------------------------------------------------------------
// Zip

export interface ZipEntry {
  name: string;
  size: number;
  read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** The entries of a zip file, in central-directory order (no zip64, no encryption: vsce writes neither). */
export function readZip(zip: Buffer): ZipEntry[] {
  // The end record is the last 22 bytes plus a comment of at most 64 KiB.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    const read = (): Buffer => {
      if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) throw new Error(`bad local header for ${name}`);
      const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(start, start + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return zlib.inflateRawSync(data);
      throw new Error(`${name}: unsupported compression method ${method}`);
    };
    entries.push({ name, size, read });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------------------
// PNG

export interface PngInfo {
  width: number;
  height: number;
  /** tEXt chunks: keyword -> text. */
  text: Map<string, string>;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The size and text chunks of a PNG, or undefined when the bytes are not a PNG. */
export function readPng(png: Buffer): PngInfo | undefined {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const info: PngInfo = { width: png.readUInt32BE(16), height: png.readUInt32BE(20), text: new Map() };
  for (let at = 8; at + 8 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'tEXt') {
      const data = png.toString('latin1', at + 8, at + 8 + length);
      const zero = data.indexOf('\0');
      if (zero > 0) info.text.set(data.slice(0, zero), data.slice(zero + 1));
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return info;
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

export interface MarkdownReference {
  kind: 'image' | 'link';
  target: string;
  line: number;
}

/** Images and links of a Markdown text (Markdown syntax, reference definitions, HTML img/a), outside code. */
export function markdownReferences(markdown: string): MarkdownReference[] {
  const found: MarkdownReference[] = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const marker = /^\s*(`{3,}|~{3,})/.exec(raw);
    if (marker) {
      if (fence === undefined) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const text = raw.replace(/(`+)[^`]*?\1/g, ''); // inline code spans
    for (const m of text.matchAll(/(!?)\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ kind: m[1] ? 'image' : 'link', target: m[2], line });
    }
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(text);
    if (definition) found.push({ kind: 'link', target: definition[1], line });
    for (const m of text.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) found.push({ kind: 'image', target: m[1], line });
    for (const m of text.matchAll(/<a\b[^>]*\bhref\s*=\s*["']([^"']+)["']/gi)) found.push({ kind: 'link', target: m[1], line });
  });
  return found;
}

/** The anchors of a Markdown text's headings, as GitHub and VS Code make them. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) fence = !fence;
    const heading = fence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let anchor = slug;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${slug}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}
