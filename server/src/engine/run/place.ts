// Findings and fixes are computed relative to their chunk; placing them puts them at the chunk's offset in the
// file and, for a rendered document, also at their origin in the source files (model/originMap.ts).
import type { DocumentSource, PlacedChunk } from '../model/fileModel';
import { carryFix } from '../fix/redirect';
import type { Finding, Fix } from '../types';

/** The chunk's findings at their place in the file (copies: the cached ones stay relative). */
export function placeFindings(findings: readonly Finding[], { start, docBase }: PlacedChunk, source: DocumentSource): Finding[] {
  return findings.map((finding) => {
    const placed: Finding = { ...finding, start: finding.start + start, end: finding.end + start, docIndex: finding.docIndex + docBase };
    if (source.kind === 'rendered') {
      const origin = source.origins.locate(placed.start, placed.end);
      if (origin) placed.origin = origin;
    }
    return placed;
  });
}

/**
 * A fix at its place in the file. For a rendered document every edit must be carried over to a source file
 * (fix/redirect.ts); a fix with an edit that has no faithful place there is not offered: undefined.
 */
export function placeFix(fix: Fix, placed: PlacedChunk, source: DocumentSource): Fix | undefined {
  if (source.kind !== 'rendered') {
    return { ...fix, edits: fix.edits.map((edit) => (edit.file === undefined ? { ...edit, offset: edit.offset + placed.start } : edit)) };
  }
  return carryFix(fix, placed.chunk, placed.start, source.origins, source.sources);
}
