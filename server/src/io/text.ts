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
