// The output of one analysis of a file, chunk by chunk. The next analysis, when neither the options nor the
// project's facts changed since (an edit inside a value or a comment), takes the output of the chunks in front of
// the edit as it was, shifts that of the chunks behind it by the edit's length, and checks only the chunks in
// between: a keystroke in a 3,000-document file then costs the chunks it touched, not a visit to every chunk.
import type { DocumentSource, PlacedChunk } from '../model/fileModel';
import type { Finding, InternalError, Notice } from '../types';

export class AnalysisOutput {
  readonly findings: Finding[] = [];
  readonly notices: Notice[] = [];
  readonly internalErrors: InternalError[] = [];
  suppressedCount = 0;
  get chunkCount(): number {
    return this.chunks.length;
  }

  /** The chunks, in order, and where each one's output ends in the arrays above. */
  private readonly chunks: PlacedChunk[] = [];
  private readonly findingsEnd: number[] = [];
  private readonly noticesEnd: number[] = [];
  private readonly errorsEnd: number[] = [];
  private readonly suppressed: number[] = [];

  /**
   * `optionsGeneration`/`projectGeneration`: what the chunks were checked against; `source`: where their
   * findings were placed (a rendered document's are placed at their origins, which are not shifted here).
   */
  constructor(
    readonly optionsGeneration: number,
    readonly projectGeneration: number,
    readonly source: DocumentSource,
  ) {}

  /** The output of a chunk checked now. */
  add(
    placed: PlacedChunk,
    findings: readonly Finding[],
    notices: readonly Notice[],
    errors: readonly InternalError[],
    suppressed: number,
  ): void {
    for (const finding of findings) this.findings.push(finding);
    for (const notice of notices) this.notices.push(notice);
    for (const error of errors) this.internalErrors.push(error);
    this.suppressedCount += suppressed;
    this.close(placed, suppressed);
  }

  /**
   * How many chunks at the front (`head`) and at the back (`tail`) of `chunks` have their output in this one:
   * the same chunks at the same place in front, the same chunks moved by one same distance behind (a file's
   * findings only: a rendered document's are placed at their origins).
   */
  reusable(chunks: readonly PlacedChunk[]): { head: number; tail: number } {
    const before = this.chunks;
    const most = Math.min(before.length, chunks.length);
    let head = 0;
    while (head < most && samePlace(before[head], chunks[head], 0)) head++;
    let tail = 0;
    if (this.source.kind === 'file' && head < most) {
      const delta = chunks[chunks.length - 1].start - before[before.length - 1].start;
      while (tail < most - head && samePlace(before[before.length - 1 - tail], chunks[chunks.length - 1 - tail], delta)) tail++;
    }
    return { head, tail };
  }

  /** Takes the output of `from`'s chunks `first` to `end` (excluded) for `chunks`, their new places (same order). */
  copy(from: AnalysisOutput | undefined, first: number, end: number, chunks: readonly PlacedChunk[]): void {
    if (!from || first >= end) return;
    const delta = chunks[0].start - from.chunks[first].start;
    const before = (ends: number[], i: number) => (i === 0 ? 0 : ends[i - 1]);
    const findingsBase = this.findings.length - before(from.findingsEnd, first);
    const noticesBase = this.notices.length - before(from.noticesEnd, first);
    const errorsBase = this.internalErrors.length - before(from.errorsEnd, first);
    for (let i = before(from.findingsEnd, first); i < before(from.findingsEnd, end); i++) {
      this.findings.push(delta === 0 ? from.findings[i] : shifted(from.findings[i], delta));
    }
    for (let i = before(from.noticesEnd, first); i < before(from.noticesEnd, end); i++) {
      this.notices.push(delta === 0 ? from.notices[i] : shifted(from.notices[i], delta));
    }
    for (let i = before(from.errorsEnd, first); i < before(from.errorsEnd, end); i++) this.internalErrors.push(from.internalErrors[i]);
    for (let i = first; i < end; i++) {
      this.chunks.push(chunks[i - first]);
      this.findingsEnd.push(from.findingsEnd[i] + findingsBase);
      this.noticesEnd.push(from.noticesEnd[i] + noticesBase);
      this.errorsEnd.push(from.errorsEnd[i] + errorsBase);
      this.suppressed.push(from.suppressed[i]);
      this.suppressedCount += from.suppressed[i];
    }
  }

  private close(placed: PlacedChunk, suppressed: number): void {
    this.chunks.push(placed);
    this.findingsEnd.push(this.findings.length);
    this.noticesEnd.push(this.notices.length);
    this.errorsEnd.push(this.internalErrors.length);
    this.suppressed.push(suppressed);
  }
}

function samePlace(before: PlacedChunk, now: PlacedChunk, delta: number): boolean {
  return before.chunk === now.chunk && before.docBase === now.docBase && now.start - before.start === delta;
}

function shifted<T extends { start: number; end: number }>(item: T, delta: number): T {
  return { ...item, start: item.start + delta, end: item.end + delta };
}
