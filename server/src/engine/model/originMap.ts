// Lookups in a rendered text's origin map (model/origin.ts): where a range of the rendered text came from, and
// how an edit of the rendered text is made in the source file instead. A finding is placed at the innermost
// span that contains it; an edit is carried over only where the rendered characters are the source's own
// (`copy` spans): anything else would be a guess, and a fix that guesses is not offered.
import type { TextEdit } from '../types';
import type { OriginSpan, RenderedText, SourceRange } from './origin';

export class OriginMap {
  private readonly spans: readonly OriginSpan[];
  /** The largest `end` of spans[0..i]: a lookup stops at the first span before which nothing reaches that far. */
  private readonly reach: Float64Array;

  constructor(spans: readonly OriginSpan[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    this.reach = new Float64Array(this.spans.length);
    let reach = -Infinity;
    this.spans.forEach((span, i) => (this.reach[i] = reach = Math.max(reach, span.end)));
  }

  static of(rendered: RenderedText): OriginMap {
    return new OriginMap(rendered.origins);
  }

  /** The spans containing [start, end), innermost first. */
  spansAt(start: number, end: number): OriginSpan[] {
    const found: OriginSpan[] = [];
    // Spans are sorted by start: only those starting at or before `start` can contain the range.
    let hi = this.spans.length;
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid].start <= start) lo = mid + 1;
      else hi = mid;
    }
    // A span holding the range ends at or after `end`; nothing before index i does once reach[i] < end.
    for (let i = lo - 1; i >= 0 && this.reach[i] >= end; i--) {
      const span = this.spans[i];
      if (span.end >= Math.max(end, start + 1) || (span.end === end && span.start <= start)) found.push(span);
    }
    return found.sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  /**
   * Where a rendered range came from: exact inside one `copy` span, the source node or action of the innermost
   * other span. A range that no single span holds whole (`replicas: 1`: the key copied, the value printed by an
   * action) runs from where its start came from to where its end came from, when both are in one file and in
   * that order (`replicas: {{ .Values.replicaCount }}`); otherwise the innermost span holding it all.
   */
  locate(start: number, end: number): SourceRange | undefined {
    const span = this.spansAt(start, end)[0];
    if (span?.kind === 'copy') {
      const from = span.source.start + (start - span.start);
      return { file: span.source.file, start: from, end: Math.min(span.source.end, from + (end - start)) };
    }
    if (end > start + 1) {
      // The innermost spans at both ends that are in one file (an action and the helper it ran both produced
      // the text at its end: the action is the one in the file the range starts in).
      const lasts = this.spansAt(end - 1, end);
      for (const first of this.spansAt(start, start + 1)) {
        if (first === span) break;
        const last = lasts.find((l) => l.source.file === first.source.file);
        if (!last || last === first || last === span) continue;
        const from = first.kind === 'copy' ? first.source.start + (start - first.start) : first.source.start;
        const to = last.kind === 'copy' ? last.source.start + (end - last.start) : last.source.end;
        if (from < to) return { file: first.source.file, start: from, end: to };
      }
    }
    return span?.source;
  }

  /** The spans that overlap or border [start, end) (an insertion at a span's edge touches it), outermost first. */
  spansTouching(start: number, end: number): OriginSpan[] {
    const found: OriginSpan[] = [];
    for (const span of this.spans) {
      if (span.start > end) break;
      if (span.end >= start) found.push(span);
    }
    return found;
  }

  /**
   * The edit of the source file that makes the same change, when the edited text is copied verbatim from one.
   * An insertion at the seam of two spans belongs to the text before it when it starts a new line after that
   * text (`appendsLine`: how fixes add entries at the end of a block), else to the text after it.
   */
  mapEdit(edit: TextEdit, appendsLine = edit.length === 0 && /^\r?\n/.test(edit.newText)): TextEdit | undefined {
    const end = edit.offset + edit.length;
    if (appendsLine && edit.offset > 0) {
      const before = this.spansAt(edit.offset - 1, edit.offset)[0];
      if (before?.kind === 'copy' && before.end === edit.offset) return this.inSource(before, edit);
    }
    for (const span of this.spansAt(edit.offset, end)) {
      if (span.kind !== 'copy' || edit.offset < span.start || end > span.end) continue;
      return this.inSource(span, edit);
    }
    return undefined;
  }

  private inSource(span: OriginSpan, edit: TextEdit): TextEdit {
    return { file: span.source.file, offset: span.source.start + (edit.offset - span.start), length: edit.length, newText: edit.newText };
  }
}
