// Why a document or a whole file was not judged, said to the user so that silence is never a mystery.
import type { PlacedChunk, Refusal } from '../model/fileModel';
import type { Notice } from '../types';

/** Notices of a chunk's documents: Go-template syntax, YAML that does not parse. */
export function chunkNotices({ chunk, start, docBase }: PlacedChunk): Notice[] {
  const notices: Notice[] = [];
  chunk.parsed.forEach((parsed, j) => {
    const range = parsed.doc.range;
    if (chunk.helm) {
      notices.push({
        reason: 'helm-template',
        message: 'Not checked: Helm/Go template syntax; check the rendered manifests (helm template) instead.',
        start: start + range[0],
        end: start + Math.max(range[0] + 1, Math.min(range[1], range[0] + 3)),
        docIndex: docBase + j,
      });
    } else if (parsed.error) {
      const [from, to] = visibleRange(chunk.text, parsed.error.start, parsed.error.end);
      notices.push({
        reason: 'yaml-error',
        message: `Zero-downtime checks skipped for this YAML document: it does not parse (${parsed.error.message}).`,
        start: start + from,
        end: start + to,
        docIndex: docBase + j,
        detail: parsed.error.message,
      });
    }
  });
  return notices;
}

/** The notice of a file that is not modelled at all; `sizeLimitHint` says how to change the limit here. */
export function refusalNotice(refusal: Refusal, sizeLimitHint?: string): Notice {
  const [start, end] = refusal.firstLine;
  const message =
    refusal.reason === 'too-large'
      ? `Not checked: the file is ${megabytes(refusal.length)} MB, over the ${megabytes(refusal.maxLength)} MB limit${sizeLimitHint ? ` (${sizeLimitHint})` : ''}.`
      : 'Not checked: this looks like a binary file, not YAML text.';
  return { reason: refusal.reason, message, start, end, docIndex: -1 };
}

/** Widens an error position to something an editor can underline: the rest of its line, or the last character before it. */
function visibleRange(text: string, start: number, end: number): [number, number] {
  let from = Math.min(start, text.length);
  while (from > 0 && (from >= text.length || /\s/.test(text[from]))) from--;
  const lineEnd = text.indexOf('\n', from);
  const to = Math.max(end, lineEnd < 0 ? text.length : lineEnd);
  return [from, Math.max(from + 1, Math.min(to, text.length))].map((n) => Math.min(n, text.length)) as [number, number];
}

function megabytes(length: number): string {
  return (length / (1024 * 1024)).toFixed(length >= 10 * 1024 * 1024 ? 0 : 1);
}
