// Rendered text with origins, built as the executor writes, and the span arithmetic that string functions
// need to keep origins (shift, cut, indent, remove). Spans here are relative to the text they describe.
import type { OriginSpan, RenderedText, SourceRange } from '../../../model/origin';

export class OutputBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly spans: OriginSpan[] = [];

  constructor(private readonly onWrite: (chars: number) => void) {}

  get size(): number {
    return this.length;
  }

  /** Literal template text: a copy of the source at `sourceStart`. */
  copy(text: string, file: string, sourceStart: number): void {
    if (text === '') return;
    this.spans.push({
      start: this.length,
      end: this.length + text.length,
      kind: 'copy',
      source: { file, start: sourceStart, end: sourceStart + text.length },
    });
    this.write(text);
  }

  /** What an action printed: a `produced` span for the action, with the value's own spans inside. */
  produced(text: string, action: SourceRange, via: SourceRange | undefined, inner: OriginSpan[] | undefined): void {
    if (text === '') return;
    const span: OriginSpan = { start: this.length, end: this.length + text.length, kind: 'produced', source: action };
    if (via) span.via = [via];
    this.spans.push(span);
    if (inner) for (const s of inner) this.spans.push(shiftSpan(s, this.length));
    this.write(text);
  }

  /** Appends text whose spans are already known (relative to the text). */
  append(text: string, spans: OriginSpan[] | undefined): void {
    if (spans) for (const s of spans) this.spans.push(shiftSpan(s, this.length));
    this.write(text);
  }

  private write(text: string): void {
    this.onWrite(text.length);
    this.parts.push(text);
    this.length += text.length;
  }

  text(): string {
    const t = this.parts.join('');
    this.parts.length = 0;
    if (t !== '') this.parts.push(t);
    return t;
  }

  result(): RenderedText {
    return { text: this.text(), origins: sortSpans(this.spans) };
  }
}

export function sortSpans(spans: OriginSpan[]): OriginSpan[] {
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

export function shiftSpan(s: OriginSpan, delta: number): OriginSpan {
  return { ...s, start: s.start + delta, end: s.end + delta };
}

export function shiftSpans(spans: OriginSpan[] | undefined, delta: number): OriginSpan[] | undefined {
  return spans?.map((s) => shiftSpan(s, delta));
}

/** The spans of text[from, to), relative to `from`; a `copy` span cut at either end moves its source with it. */
export function sliceSpans(spans: OriginSpan[] | undefined, from: number, to: number): OriginSpan[] | undefined {
  if (!spans) return undefined;
  const out: OriginSpan[] = [];
  for (const s of spans) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end <= start) continue;
    const cut: OriginSpan = { ...s, start: start - from, end: end - from };
    if (s.kind === 'copy') cut.source = { ...s.source, start: s.source.start + (start - s.start), end: s.source.start + (end - s.start) };
    out.push(cut);
  }
  return out;
}

/**
 * Spans after inserting `pad` at the start of every line of `text` (Sprig's indent) and, with `newline`, a
 * leading "\n" (nindent). Copy spans are split at line starts; other spans stretch over the padding they contain.
 */
export function indentSpans(text: string, spans: OriginSpan[] | undefined, pad: number, newline: boolean): OriginSpan[] | undefined {
  if (!spans) return undefined;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lead = newline ? 1 : 0;
  // New offset of old offset i: every line start at or before i has received `pad` characters.
  const linesUpTo = (i: number): number => {
    let lo = 0;
    let hi = lineStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lineStarts[mid] <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const map = (i: number): number => i + lead + pad * linesUpTo(i);
  const out: OriginSpan[] = [];
  for (const s of spans) {
    if (s.kind !== 'copy') {
      out.push({ ...s, start: map(s.start), end: map(Math.max(s.start, s.end - 1)) + (s.end > s.start ? 1 : 0) });
      continue;
    }
    let pieceStart = s.start;
    for (let k = linesUpTo(s.start); k < lineStarts.length && lineStarts[k] < s.end; k++) {
      const cut = lineStarts[k];
      if (cut > pieceStart) out.push(copyPiece(s, pieceStart, cut, map));
      pieceStart = cut;
    }
    if (s.end > pieceStart) out.push(copyPiece(s, pieceStart, s.end, map));
  }
  return out;
}

function copyPiece(s: OriginSpan, from: number, to: number, map: (i: number) => number): OriginSpan {
  const start = map(from);
  return {
    ...s,
    start,
    end: start + (to - from),
    source: { ...s.source, start: s.source.start + (from - s.start), end: s.source.start + (to - s.start) },
  };
}

/** Removes every occurrence of `needle` from a rendered text (Helm drops "<no value>"), moving spans with it. */
export function removeAll(rendered: RenderedText, needle: string): RenderedText {
  const { text } = rendered;
  if (!text.includes(needle)) return rendered;
  const cuts: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) cuts.push(i);
  // Old offset -> new offset: minus the length of the cuts entirely before it; inside a cut, its start.
  const map = (i: number): number => {
    let removed = 0;
    for (const c of cuts) {
      if (c + needle.length <= i) removed += needle.length;
      else if (c < i) return c - removed;
      else break;
    }
    return i - removed;
  };
  const origins: OriginSpan[] = [];
  for (const s of rendered.origins) {
    const start = map(s.start);
    const end = map(s.end);
    if (end <= start) continue;
    if (s.kind === 'copy' && end - start !== s.end - s.start) {
      // A copy span that lost characters is no longer one for one; keep it as produced by its source.
      origins.push({ ...s, start, end, kind: 'produced' });
    } else origins.push({ ...s, start, end });
  }
  return { text: text.split(needle).join(''), origins };
}
