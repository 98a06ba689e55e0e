// Go strings are bytes, JavaScript strings UTF-16. Text decoded from valid UTF-8 is the same in both; a byte that
// is no part of valid UTF-8 (what `trunc 2 "héllo"` leaves, or b64dec of binary data) is kept as the lone
// surrogate U+DC80..U+DCFF (Python's "surrogateescape"), so that len, b64enc, the hashes and %q see the raw byte
// and concatenating the pieces of a cut character gives the character back. Rendered output shows each such
// byte as U+FFFD, as a UTF-8 reader of Helm's output does.

import type { OriginSpan, RenderedText } from '../../../model/origin';

const encoder = new TextEncoder();
const replacingDecoder = new TextDecoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const ESCAPED_BYTES = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;
const ESCAPED_RUNS = /(?<![\ud800-\udbff])[\udc80-\udcff]+/g;

/** The bytes of a Go string. */
export function utf8(s: string): Uint8Array {
  if (!ESCAPED_BYTE.test(s)) return encoder.encode(s);
  const parts: Uint8Array[] = [];
  let last = 0;
  for (const m of s.matchAll(ESCAPED_BYTES)) {
    parts.push(encoder.encode(s.slice(last, m.index)), Uint8Array.of(m[0].charCodeAt(0) - 0xdc00));
    last = m.index + 1;
  }
  parts.push(encoder.encode(s.slice(last)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Go's string(bytes): valid UTF-8 decoded, every other byte kept as an escaped byte. */
export function fromUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    let out = '';
    let i = 0;
    while (i < bytes.length) {
      const n = validSequenceLength(bytes, i);
      if (n === 0) {
        out += String.fromCharCode(0xdc00 + bytes[i]);
        i++;
      } else {
        out += strictDecoder.decode(bytes.subarray(i, i + n));
        i += n;
      }
    }
    return out;
  }
}

/** The length of the valid UTF-8 sequence at `i` (Go's utf8.DecodeRune rules), 0 when the byte starts none. */
function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The byte an escaped-byte code unit stands for, or undefined. */
export function escapedByte(s: string, i: number): number | undefined {
  const c = s.charCodeAt(i);
  if (c < 0xdc80 || c > 0xdcff) return undefined;
  const before = i > 0 ? s.charCodeAt(i - 1) : 0;
  return before >= 0xd800 && before <= 0xdbff ? undefined : c - 0xdc00;
}

/**
 * Output as a UTF-8 reader sees Helm's: a run of escaped bytes is decoded (the pieces of a cut character that
 * met again are that character, other bytes U+FFFD), and origin spans follow the shorter text.
 */
export function displayText(rendered: RenderedText): RenderedText {
  const { text } = rendered;
  if (!ESCAPED_BYTE.test(text)) return rendered;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const m of text.matchAll(ESCAPED_RUNS)) {
    const bytes = Uint8Array.from(m[0], (c) => c.charCodeAt(0) - 0xdc00);
    edits.push({ start: m.index, end: m.index + m[0].length, text: replacingDecoder.decode(bytes) });
  }
  // Old offset -> new: shifted by the edits before it; inside an edited run, its start.
  const map = (offset: number): number => {
    let delta = 0;
    for (const e of edits) {
      if (e.end <= offset) delta += e.text.length - (e.end - e.start);
      else if (e.start < offset) return e.start + delta;
      else break;
    }
    return offset + delta;
  };
  let out = '';
  let last = 0;
  for (const e of edits) {
    out += text.slice(last, e.start) + e.text;
    last = e.end;
  }
  out += text.slice(last);
  const origins: OriginSpan[] = [];
  for (const span of rendered.origins) {
    const start = map(span.start);
    const end = map(span.end);
    if (end <= start) continue;
    const resized = span.kind === 'copy' && end - start !== span.end - span.start;
    origins.push({ ...span, start, end, ...(resized ? { kind: 'produced' as const } : {}) });
  }
  return { text: out, origins };
}
