// Records the edits of each document as offsets, so the engine can re-analyse only what changed.
// Plugged into TextDocuments as its create/update functions: every didChange passes through here with its
// ranges, which TextDocuments would otherwise throw away after applying them.
import type { Range, TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../engine';

interface Batch {
  /** Version before and after this didChange. */
  from: number;
  to: number;
  /** Undefined when the client sent the full text (no ranges). */
  changes?: TextChange[];
}

export class ChangeTracker {
  private readonly batches = new Map<string, Batch[]>();

  readonly configuration: TextDocumentsConfiguration<TextDocument> = {
    create: (uri, languageId, version, content) => {
      this.batches.set(uri, []);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (document, events, version) => {
      const changes: TextChange[] = [];
      let full = false;
      const from = document.version;
      for (const event of events) {
        if (isRanged(event)) {
          const offset = document.offsetAt(event.range.start);
          changes.push({ offset, length: document.offsetAt(event.range.end) - offset, newText: event.text });
        } else {
          full = true;
        }
        // One change at a time: each range refers to the text after the previous change.
        TextDocument.update(document, [event], version);
      }
      const list = this.batches.get(document.uri) ?? [];
      list.push({ from, to: version, changes: full ? undefined : changes });
      // Bounded: a document nobody lints for a long time falls back to a full analysis.
      if (list.length > 1000) {
        list.splice(0, list.length - 1000);
      }
      this.batches.set(document.uri, list);
      return document;
    },
  };

  /**
   * The changes leading from version `base` (what the linter last saw) to version `target`, in order; undefined
   * when they are not all known (full-text change, gap, or unknown base): then the caller re-analyses in full.
   * Batches up to `target` are dropped either way.
   */
  take(uri: string, base: number | undefined, target: number): TextChange[] | undefined {
    const list = this.batches.get(uri) ?? [];
    const upTo = list.filter((batch) => batch.to <= target);
    this.batches.set(
      uri,
      list.filter((batch) => batch.to > target),
    );
    if (base === undefined) {
      return undefined;
    }
    const relevant = upTo.filter((batch) => batch.to > base);
    let expected = base;
    const changes: TextChange[] = [];
    for (const batch of relevant) {
      if (batch.from !== expected || !batch.changes) {
        return undefined;
      }
      changes.push(...batch.changes);
      expected = batch.to;
    }
    return expected === target ? changes : undefined;
  }

  forget(uri: string): void {
    this.batches.delete(uri);
  }
}

function isRanged(event: TextDocumentContentChangeEvent): event is { range: Range; text: string } {
  return 'range' in event && event.range !== undefined;
}
