// Document markers as Helm and kubectl read them. A template may print `---# a comment` (cert-manager's
// rbac.yaml does): Helm splits its output at every `---` that starts a line, and kubectl takes `---` followed by
// a comment for a separator, but for YAML `---#` is no marker at all, so the document would not parse. The
// rendered text gets a space after such a marker before it is linted; origins move with it (the space comes
// from nowhere, so nothing is ever carried back into it).
import type { OriginSpan, RenderedText } from '../model/origin';

const MARKER_WITH_COMMENT = /^---#/gm;

export function spacedMarkers(rendered: RenderedText): RenderedText {
  const at: number[] = [];
  for (const match of rendered.text.matchAll(MARKER_WITH_COMMENT)) at.push((match.index ?? 0) + 3);
  if (at.length === 0) return rendered;
  let text = '';
  let from = 0;
  for (const point of at) {
    text += `${rendered.text.slice(from, point)} `;
    from = point;
  }
  text += rendered.text.slice(from);
  /** Offset in the new text of old offset `i`; `after`: an insertion point at `i` moves `i` forward. */
  const moved = (i: number, after: boolean): number => i + at.filter((p) => p < i || (after && p === i)).length;
  const origins: OriginSpan[] = [];
  for (const span of rendered.origins) {
    const inside = at.filter((p) => span.start < p && p < span.end);
    if (span.kind !== 'copy' || inside.length === 0) {
      origins.push({ ...span, start: moved(span.start, true), end: moved(span.end, false) });
      continue;
    }
    // A copied text is cut around the space: each piece still copies its source one for one.
    let pieceStart = span.start;
    for (const cut of [...inside, span.end]) {
      origins.push({
        ...span,
        start: moved(pieceStart, true),
        end: moved(cut, false),
        source: { ...span.source, start: span.source.start + (pieceStart - span.start), end: span.source.start + (cut - span.start) },
      });
      pieceStart = cut;
    }
  }
  return { text, origins };
}
