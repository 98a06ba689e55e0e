// The model of one file: its text cut into chunks (one per YAML document, model/documents.ts), each parsed once
// (model/yamlChunk.ts). Successive versions reuse every chunk whose text did not change; given the edits, an
// update re-splits only around them, so a keystroke in a 200k-line file costs the parse of one document.
// Everything else (linter, suppressions, Ignore fixes, the rollout timeline, CodeLenses, the project index)
// reads the file through this model. The parse of chunks not needed lately is released beyond a memory budget.
import { looksBinary, splitDocuments } from './documents';
import type { SourceTexts } from '../fix/redirect';
import type { OriginMap } from './originMap';
import { YamlChunk } from './yamlChunk';

/** A text change: replace `length` characters at `offset` (in the text as it was before this change) by `newText`. */
export interface TextChange {
  offset: number;
  length: number;
  newText: string;
}

/**
 * Where the model's text came from: the file itself, or a renderer (with the map back to the source files and,
 * for fixes that edit a source node such as a values-file entry, read access to those files).
 */
export type DocumentSource = { kind: 'file' } | { kind: 'rendered'; origins: OriginMap; sources?: SourceTexts };

/** A chunk at its place in the current text. */
export interface PlacedChunk {
  start: number;
  /** Index, in the file, of the chunk's first YAML document. */
  docBase: number;
  chunk: YamlChunk;
}

/** Why the file is not modelled at all; `firstLine`: the range a notice can underline. */
export type Refusal = ({ reason: 'binary' } | { reason: 'too-large'; length: number; maxLength: number }) & { firstLine: [number, number] };

export const DEFAULT_MAX_TEXT_LENGTH = 16 * 1024 * 1024;

/** Parsed YAML kept for at most this much text (UTF-16 units) of chunks not used by the latest operation. */
const KEEP_PARSED_TEXT = 2 * 1024 * 1024;

interface Slot {
  start: number;
  chunk: YamlChunk;
}

export class FileModel {
  private slots: Slot[] = [];
  private placed: PlacedChunk[] | undefined;
  private currentText: string | undefined;
  private refusal: Refusal | undefined;
  private stamp = 0;
  /** Chunks parsed ahead by `prepare()` for a text not modelled yet. */
  private prepared: { text: string; pieces: { start: number; text: string }[]; next: number; chunks: Map<string, YamlChunk> } | undefined;

  constructor(public source: DocumentSource = { kind: 'file' }) {}

  get text(): string | undefined {
    return this.currentText;
  }

  /** Set when the text is binary or over the size limit: then there are no chunks. */
  get refused(): Refusal | undefined {
    return this.refusal;
  }

  /** The chunks of the current text, in order. */
  get chunks(): readonly PlacedChunk[] {
    if (!this.placed) {
      let docBase = 0;
      this.placed = this.slots.map(({ start, chunk }) => {
        const placed = { start, docBase, chunk };
        docBase += chunk.docCount;
        return placed;
      });
    }
    return this.placed;
  }

  get documentCount(): number {
    const last = this.chunks[this.chunks.length - 1];
    return last ? last.docBase + last.chunk.docCount : 0;
  }

  /**
   * Parses the chunks of `text` a few at a time, until `shouldPause()` says so; returns true when all are parsed.
   * A host calls it between turns of its event loop so that opening a huge file never blocks other work; the
   * next `setText(text)` then reuses every prepared chunk.
   */
  prepare(text: string, shouldPause: () => boolean): boolean {
    if (text === this.currentText) return true;
    if (this.prepared?.text !== text) {
      // Keep what an interrupted preparation of an older text already parsed: most chunks are unchanged.
      const chunks = new Map<string, YamlChunk>(this.prepared?.chunks ?? []);
      for (const slot of this.slots) chunks.set(slot.chunk.text, slot.chunk);
      this.prepared = { text, pieces: splitDocuments(text), next: 0, chunks };
    }
    const prepared = this.prepared;
    while (prepared.next < prepared.pieces.length) {
      const piece = prepared.pieces[prepared.next++];
      if (!prepared.chunks.has(piece.text)) prepared.chunks.set(piece.text, this.newChunk(piece.text));
      if (prepared.next < prepared.pieces.length && shouldPause()) return false;
    }
    return true;
  }

  /** Models `text` from scratch (reusing every chunk whose text is unchanged or prepared). */
  setText(text: string, maxLength = DEFAULT_MAX_TEXT_LENGTH): void {
    if (this.refuse(text, maxLength)) return;
    if (text !== this.currentText) {
      const prepared = this.prepared?.text === text ? this.prepared : undefined;
      const known = prepared?.chunks ?? new Map<string, YamlChunk>();
      if (!prepared) {
        for (const slot of this.slots) known.set(slot.chunk.text, slot.chunk);
      }
      const pieces = prepared?.pieces ?? splitDocuments(text);
      this.setSlots(pieces.map((piece) => ({ start: piece.start, chunk: this.reuse(known.get(piece.text)) ?? this.newChunk(piece.text) })));
      this.currentText = text;
    }
    this.prepared = undefined;
  }

  /**
   * Models `text`, which is the current text with `changes` applied in order, re-splitting only around them.
   * Falls back to `setText()` when there is no current text or the changes do not lead to `text`.
   */
  applyChanges(text: string, changes: readonly TextChange[], maxLength = DEFAULT_MAX_TEXT_LENGTH): void {
    const touchesStart = changes.some((change) => change.offset < 8192);
    if (this.currentText === undefined || text.length > maxLength || (touchesStart && looksBinary(text))) {
      this.setText(text, maxLength);
      return;
    }
    let slots = this.slots;
    for (const change of changes) {
      const next = applyChange(slots, change, (text) => this.newChunk(text));
      if (!next) {
        this.setText(text, maxLength);
        return;
      }
      slots = next;
    }
    const last = slots[slots.length - 1];
    const length = last ? last.start + last.chunk.text.length : 0;
    if (length !== text.length) {
      this.setText(text, maxLength);
      return;
    }
    this.setSlots(slots);
    this.currentText = text;
    this.prepared = undefined;
  }

  /** The chunk holding `offset` (the last chunk for the end of the text). */
  chunkAt(offset: number): PlacedChunk | undefined {
    const chunks = this.chunks;
    const at = lastAtOrBefore(chunks.length, (i) => chunks[i].start <= offset);
    return at < 0 ? undefined : chunks[at];
  }

  /** The chunk holding the file's YAML document `docIndex`. */
  chunkOfDocument(docIndex: number): PlacedChunk | undefined {
    const chunks = this.chunks;
    const at = lastAtOrBefore(chunks.length, (i) => chunks[i].docBase <= docIndex);
    const found = at < 0 ? undefined : chunks[at];
    return found && docIndex < found.docBase + found.chunk.docCount ? found : undefined;
  }

  /** Starts an operation: chunks it touches are marked with the returned stamp (see `releaseUnused`). */
  beginUse(): number {
    return ++this.stamp;
  }

  /** Drops the parse of chunks the operation `stamp` did not need, beyond the budget (the most recent stay). */
  releaseUnused(stamp: number): void {
    let kept = 0;
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const chunk = this.slots[i].chunk;
      if (!chunk.isParsed || chunk.used === stamp) continue;
      kept += chunk.text.length;
      if (kept > KEEP_PARSED_TEXT) chunk.release();
    }
  }

  private newChunk(text: string): YamlChunk {
    return new YamlChunk(text, this.source.kind === 'rendered');
  }

  /** A known chunk, when it was made for the same kind of source. */
  private reuse(chunk: YamlChunk | undefined): YamlChunk | undefined {
    return chunk && chunk.rendered === (this.source.kind === 'rendered') ? chunk : undefined;
  }

  private setSlots(slots: Slot[]): void {
    this.slots = slots;
    this.placed = undefined;
  }

  private refuse(text: string, maxLength: number): boolean {
    const firstLineEnd = text.indexOf('\n');
    const firstLine: [number, number] = [
      0,
      Math.min(Math.max(1, Math.min(firstLineEnd < 0 ? text.length : firstLineEnd, 200)), text.length),
    ];
    this.refusal =
      text.length > maxLength
        ? { reason: 'too-large', length: text.length, maxLength, firstLine }
        : looksBinary(text)
          ? { reason: 'binary', firstLine }
          : undefined;
    if (this.refusal) {
      this.setSlots([]);
      this.currentText = undefined;
      this.prepared = undefined;
      return true;
    }
    return false;
  }
}

/** The largest index i < length with `atOrBefore(i)` (a monotone predicate), or -1. */
function lastAtOrBefore(length: number, atOrBefore: (i: number) => boolean): number {
  let lo = 0;
  let hi = length - 1;
  if (hi < 0 || !atOrBefore(0)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (atOrBefore(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Applies one change to the slot list: re-splits the changed chunks together with their neighbours. */
function applyChange(slots: Slot[], change: TextChange, newChunk: (text: string) => YamlChunk): Slot[] | undefined {
  const { offset, length, newText } = change;
  if (slots.length === 0) {
    return splitDocuments(newText).map((piece) => ({ start: piece.start, chunk: newChunk(piece.text) }));
  }
  const end = offset + length;
  const total = slots[slots.length - 1].start + slots[slots.length - 1].chunk.text.length;
  if (offset < 0 || end > total) return undefined;
  const slotAt = (at: number): number =>
    Math.max(
      0,
      lastAtOrBefore(slots.length, (i) => slots[i].start <= at),
    );
  const first = Math.max(0, slotAt(offset) - 1);
  const last = Math.min(slots.length - 1, slotAt(end) + 1);
  const regionStart = slots[first].start;
  let region = '';
  for (let i = first; i <= last; i++) region += slots[i].chunk.text;
  region = region.slice(0, offset - regionStart) + newText + region.slice(end - regionStart);
  const pieces = splitDocuments(region);
  // A directive line (%YAML) may move a cut outside the region: let a full split decide.
  if (pieces.length > 0 && /(^|\n)%/.test(pieces[pieces.length - 1].text) && last < slots.length - 1) return undefined;
  const known = new Map<string, YamlChunk>();
  for (let i = first; i <= last; i++) known.set(slots[i].chunk.text, slots[i].chunk);
  const replaced = pieces.map((piece) => ({ start: regionStart + piece.start, chunk: known.get(piece.text) ?? newChunk(piece.text) }));
  const delta = newText.length - length;
  const after = slots.slice(last + 1).map((slot) => ({ start: slot.start + delta, chunk: slot.chunk }));
  return [...slots.slice(0, first), ...replaced, ...after];
}
