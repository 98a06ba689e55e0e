// gzip (RFC 1952) around DEFLATE (RFC 1951), decoded in TypeScript so that the engine can open a `.tgz` subchart
// without Node's zlib, and can stop at a size limit while inflating: a compression bomb costs at most `limit`
// bytes of memory and time proportional to them.

export class InflateError extends Error {}

/** Bit reader over the compressed bytes, least significant bit first as DEFLATE stores them. */
class Bits {
  private bitBuffer = 0;
  private bitCount = 0;
  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  read(count: number): number {
    while (this.bitCount < count) {
      if (this.pos >= this.data.length) throw new InflateError('unexpected EOF');
      this.bitBuffer |= this.data[this.pos++] << this.bitCount;
      this.bitCount += 8;
    }
    const value = this.bitBuffer & ((1 << count) - 1);
    this.bitBuffer >>>= count;
    this.bitCount -= count;
    return value;
  }

  alignToByte(): void {
    this.bitBuffer = 0;
    this.bitCount = 0;
  }
}

/** Canonical Huffman code: symbol counts per length and symbols sorted by code. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function buildHuffman(lengths: ArrayLike<number>, offset: number, count: number): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < count; i++) counts[lengths[offset + i]]++;
  counts[0] = 0;
  let left = 1;
  for (let len = 1; len < 16; len++) {
    left = left * 2 - counts[len];
    if (left < 0) throw new InflateError('invalid code lengths');
  }
  const offs = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + counts[len];
  const symbols = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const len = lengths[offset + i];
    if (len !== 0) symbols[offs[len]++] = i;
  }
  return { counts, symbols };
}

function decodeSymbol(bits: Bits, code: Huffman): number {
  let value = 0;
  let first = 0;
  let index = 0;
  for (let len = 1; len < 16; len++) {
    value |= bits.read(1);
    const count = code.counts[len];
    if (value - first < count) return code.symbols[index + value - first];
    index += count;
    first = (first + count) << 1;
    value <<= 1;
  }
  throw new InflateError('invalid Huffman code');
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385,
  24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

let fixedCodes: { literal: Huffman; distance: Huffman } | undefined;
function fixed(): { literal: Huffman; distance: Huffman } {
  if (!fixedCodes) {
    const lengths = new Uint8Array(288 + 30);
    lengths.fill(8, 0, 144);
    lengths.fill(9, 144, 256);
    lengths.fill(7, 256, 280);
    lengths.fill(8, 280, 288);
    lengths.fill(5, 288, 318);
    fixedCodes = { literal: buildHuffman(lengths, 0, 288), distance: buildHuffman(lengths, 288, 30) };
  }
  return fixedCodes;
}

/** Growable output that refuses to pass `limit` bytes. */
class Output {
  buffer = new Uint8Array(1 << 16);
  length = 0;
  constructor(private readonly limit: number) {}

  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed > this.limit) throw new InflateError(`decompressed data is larger than the limit of ${this.limit} bytes`);
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const next = new Uint8Array(Math.min(size, Math.max(needed, this.limit)));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

/** Inflates raw DEFLATE data starting at `start`; returns the bytes and where the compressed stream ended. */
export function inflateRaw(data: Uint8Array, start: number, limit: number): { bytes: Uint8Array; end: number } {
  const bits = new Bits(data, start);
  const out = new Output(limit);
  let last = 0;
  while (!last) {
    last = bits.read(1);
    const type = bits.read(2);
    if (type === 0) stored(bits, data, out);
    else if (type === 1) codes(bits, out, fixed().literal, fixed().distance);
    else if (type === 2) {
      const dynamicCodes = dynamic(bits);
      codes(bits, out, dynamicCodes.literal, dynamicCodes.distance);
    } else throw new InflateError('invalid block type');
  }
  return { bytes: out.buffer.subarray(0, out.length), end: bits.pos };
}

function stored(bits: Bits, data: Uint8Array, out: Output): void {
  bits.alignToByte();
  if (bits.pos + 4 > data.length) throw new InflateError('unexpected EOF');
  const len = data[bits.pos] | (data[bits.pos + 1] << 8);
  const nlen = data[bits.pos + 2] | (data[bits.pos + 3] << 8);
  if (len !== (~nlen & 0xffff)) throw new InflateError('invalid stored block length');
  bits.pos += 4;
  if (bits.pos + len > data.length) throw new InflateError('unexpected EOF');
  out.ensure(len);
  out.buffer.set(data.subarray(bits.pos, bits.pos + len), out.length);
  out.length += len;
  bits.pos += len;
}

function dynamic(bits: Bits): { literal: Huffman; distance: Huffman } {
  const literalCount = bits.read(5) + 257;
  const distanceCount = bits.read(5) + 1;
  const codeLengthCount = bits.read(4) + 4;
  if (literalCount > 286 || distanceCount > 30) throw new InflateError('invalid code counts');
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits.read(3);
  const lengthCode = buildHuffman(codeLengths, 0, 19);
  const lengths = new Uint8Array(literalCount + distanceCount);
  let i = 0;
  while (i < lengths.length) {
    const symbol = decodeSymbol(bits, lengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (symbol === 16) {
      if (i === 0) throw new InflateError('repeat with no previous length');
      value = lengths[i - 1];
      repeat = 3 + bits.read(2);
    } else if (symbol === 17) repeat = 3 + bits.read(3);
    else repeat = 11 + bits.read(7);
    if (i + repeat > lengths.length) throw new InflateError('too many code lengths');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw new InflateError('no end-of-block code');
  return { literal: buildHuffman(lengths, 0, literalCount), distance: buildHuffman(lengths, literalCount, distanceCount) };
}

function codes(bits: Bits, out: Output, literal: Huffman, distance: Huffman): void {
  for (;;) {
    const symbol = decodeSymbol(bits, literal);
    if (symbol < 256) {
      out.ensure(1);
      out.buffer[out.length++] = symbol;
    } else if (symbol === 256) {
      return;
    } else {
      const index = symbol - 257;
      if (index >= 29) throw new InflateError('invalid length symbol');
      const len = LENGTH_BASE[index] + bits.read(LENGTH_EXTRA[index]);
      const distSymbol = decodeSymbol(bits, distance);
      if (distSymbol >= 30) throw new InflateError('invalid distance symbol');
      const dist = DIST_BASE[distSymbol] + bits.read(DIST_EXTRA[distSymbol]);
      if (dist > out.length) throw new InflateError('distance too far back');
      out.ensure(len);
      const buffer = out.buffer;
      let from = out.length - dist;
      for (let k = 0; k < len; k++) buffer[out.length++] = buffer[from++];
    }
  }
}

/** Decompresses gzip data (every member, as Go's gzip reader does), refusing output past `limit` bytes. */
export function gunzip(data: Uint8Array, limit: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let pos = 0;
  do {
    pos = skipGzipHeader(data, pos);
    const { bytes, end } = inflateRaw(data, pos, limit - total);
    parts.push(bytes);
    total += bytes.length;
    pos = end + 8; // CRC32 and size, not checked: the tar reader validates its own structure.
    if (pos > data.length) throw new InflateError('unexpected EOF');
  } while (pos + 2 <= data.length && data[pos] === 0x1f && data[pos + 1] === 0x8b);
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

function skipGzipHeader(data: Uint8Array, start: number): number {
  if (data.length < start + 10 || data[start] !== 0x1f || data[start + 1] !== 0x8b || data[start + 2] !== 8) {
    throw new InflateError('gzip: invalid header');
  }
  const flags = data[start + 3];
  let pos = start + 10;
  if (flags & 4) {
    if (pos + 2 > data.length) throw new InflateError('unexpected EOF');
    pos += 2 + (data[pos] | (data[pos + 1] << 8));
  }
  if (flags & 8) pos = skipZeroTerminated(data, pos);
  if (flags & 16) pos = skipZeroTerminated(data, pos);
  if (flags & 2) pos += 2;
  if (pos > data.length) throw new InflateError('unexpected EOF');
  return pos;
}

function skipZeroTerminated(data: Uint8Array, pos: number): number {
  while (pos < data.length && data[pos] !== 0) pos++;
  if (pos >= data.length) throw new InflateError('unexpected EOF');
  return pos + 1;
}
