// Bytes <-> text for files the CLI reads (manifests, config files) and --fix writes back in the same encoding.

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'utf16be';

/**
 * Bytes -> text. A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE) and is removed; without one, the first
 * two bytes tell UTF-16 from UTF-8 the way the YAML spec does (a NUL next to an ASCII character); otherwise UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeFile(bytes).text;
}

export function decodeFile(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [b0, b1, b2, b3] = [buffer[0], buffer[1], buffer[2], buffer[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: buffer.toString('utf8', 3), encoding: 'utf8-bom' };
  if (b0 === 0xff && b1 === 0xfe && !(b2 === 0 && b3 === 0)) return { text: buffer.toString('utf16le', 2), encoding: 'utf16le-bom' };
  if (b0 === 0xfe && b1 === 0xff) return { text: swap16(buffer.subarray(2)).toString('utf16le'), encoding: 'utf16be-bom' };
  if (buffer.length >= 4 && b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return { text: buffer.toString('utf16le'), encoding: 'utf16le' };
  if (buffer.length >= 4 && b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) {
    return { text: swap16(buffer).toString('utf16le'), encoding: 'utf16be' };
  }
  return { text: buffer.toString('utf8'), encoding: 'utf8' };
}

/** Text -> bytes in the encoding the file was read in (BOM included when it had one). */
export function encodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return swap16(Buffer.from(text, 'utf16le'));
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swap16(Buffer.from(text, 'utf16le'))]);
  }
}

function swap16(bytes: Buffer): Buffer {
  const swapped = Buffer.alloc(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1];
    swapped[i + 1] = bytes[i];
  }
  return swapped;
}

// Byte-preserving UTF-8 for --fix on files that are not valid UTF-8 (a Latin-1 comment): decoding would turn
// each bad byte into U+FFFD and writing the text back would change bytes no fix touched. Instead each byte
// that is not part of a valid UTF-8 sequence stands in the text as a lone surrogate U+DC80..U+DCFF (Python's
// "surrogateescape"); valid UTF-8 never decodes to a lone surrogate, so encoding maps exactly those back to
// their bytes, wherever the fixes moved them.

/** Length of the valid UTF-8 sequence at `i` (Unicode's table of well-formed byte sequences), 0 if invalid. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [low, high] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [low, high] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Bytes -> text, every byte that is not valid UTF-8 kept as U+DC80..U+DCFF. */
export function decodeUtf8Escaped(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < buffer.length) {
    const length = sequenceLength(buffer, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (i > runStart) parts.push(buffer.toString('utf8', runStart, i));
    parts.push(String.fromCharCode(0xdc00 + buffer[i]));
    i++;
    runStart = i;
  }
  if (i > runStart) parts.push(buffer.toString('utf8', runStart, i));
  return parts.join('');
}

/** Text from decodeUtf8Escaped (possibly edited) -> the bytes, escaped bytes restored. */
export function encodeUtf8Escaped(text: string): Buffer {
  const parts: Buffer[] = [];
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A low surrogate after a high one is half of a real character, not an escaped byte.
    const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && isHighSurrogate(text.charCodeAt(i - 1)));
    if (!lone) continue;
    if (i > runStart) parts.push(Buffer.from(text.slice(runStart, i), 'utf8'));
    parts.push(Buffer.from([c - 0xdc00]));
    runStart = i + 1;
  }
  if (runStart < text.length) parts.push(Buffer.from(text.slice(runStart), 'utf8'));
  return Buffer.concat(parts);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
