// Which fixes "fix all" applies, as one set of non-overlapping edits. Pure, so the editor's fix-all actions
// (source.fixAll, "Fix all <rule> problems") and the CLI's --fix apply exactly the same edits.
//
// Selection: one fix per finding (the first safe fix with `safeOnly`, else the preferred fix or the first).
// Fixes are then taken in the order of their first edit (offset, then length); a fix is kept only when none of
// its edits overlaps an edit already kept, so a multi-edit fix is applied entirely or not at all. Two edits
// conflict when their ranges intersect, or when both insert at one place; an insertion at the boundary of a
// replaced range does not conflict (as vscode-eslint's Fixes.getApplicable). A fix identical to one already kept
// (two findings asking for the same edit) is applied once. What is dropped is found again by the next lint:
// `fixAllText` runs the passes (the CLI's --fix and the editor's source.fixAll).
import type { FindingWithFixes, Fix, TextEdit } from '../types';

export interface FixAllOptions {
  /** Only findings of this rule ("Fix all <rule> problems in this file"). */
  ruleId?: string;
  /** Only fixes marked `safe` (source.fixAll, --fix): they need no human judgement. */
  safeOnly: boolean;
}

/** The fix "fix all" uses for a finding, or undefined when it has none eligible. */
export function chooseFix(finding: Pick<FindingWithFixes, 'fixes'>, safeOnly: boolean): Fix | undefined {
  if (safeOnly) {
    return finding.fixes.find((fix) => fix.safe && fix.edits.length > 0);
  }
  return finding.fixes.find((fix) => fix.preferred && fix.edits.length > 0) ?? finding.fixes.find((fix) => fix.edits.length > 0);
}

/** The edits of the chosen fixes that can be applied together, sorted by offset (then length, then fix order). */
export function applicableFixes(findings: readonly Pick<FindingWithFixes, 'ruleId' | 'fixes'>[], options: FixAllOptions): TextEdit[] {
  const candidates: { edits: TextEdit[]; order: number }[] = [];
  for (const finding of findings) {
    if (options.ruleId !== undefined && finding.ruleId !== options.ruleId) {
      continue;
    }
    const fix = chooseFix(finding, options.safeOnly);
    if (fix) {
      candidates.push({ edits: sortEdits(fix.edits), order: candidates.length });
    }
  }
  candidates.sort((a, b) => compareEdits(a.edits[0], b.edits[0]) || a.order - b.order);

  const kept: TextEdit[] = [];
  const keptKeys = new Set<string>();
  for (const candidate of candidates) {
    const key = JSON.stringify(candidate.edits);
    if (keptKeys.has(key) || !selfConsistent(candidate.edits)) {
      continue;
    }
    if (candidate.edits.some((edit) => kept.some((other) => overlaps(edit, other)))) {
      continue;
    }
    keptKeys.add(key);
    kept.push(...candidate.edits);
  }
  return sortEdits(kept);
}

/** Do two edits touch the same text? Insertions at the edge of a replaced range do not. */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false; // edits of different files (a template and its values file)
  if (a.length === 0 && b.length === 0) {
    // Two fixes inserting at one place conflict: which goes first decides what the second lands in (a container's
    // readinessProbe inserted after a pod-level topologySpreadConstraints would become part of it). The next pass
    // applies the other one, at the place the re-lint gives it.
    return a.offset === b.offset;
  }
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

/**
 * Applies non-overlapping edits of one file (offsets into `text`) and returns the new text. Insertions at the same offset
 * appear in the order given. Throws on overlapping or out-of-range edits: that is a bug in the caller.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.some((edit) => edit.file !== edits[0].file)) throw new Error('edits of several files applied to one text');
  const sorted = sortEdits(edits);
  let result = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.offset < position || edit.length < 0 || edit.offset + edit.length > text.length) {
      throw new Error(`edit at ${edit.offset} (+${edit.length}) overlaps another edit or lies outside the text`);
    }
    result += text.slice(position, edit.offset) + edit.newText;
    position = edit.offset + edit.length;
  }
  return result + text.slice(position);
}

function compareEdits(a: TextEdit, b: TextEdit): number {
  const files = (a.file ?? '').localeCompare(b.file ?? '');
  return files || a.offset - b.offset || a.length - b.length;
}

/** Stable: edits at the same place keep their relative order. */
function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => compareEdits(a.edit, b.edit) || a.index - b.index)
    .map(({ edit }) => edit);
}

/** A fix whose own edits overlap cannot be applied (a bug in the rule); it is skipped, not half-applied. */
function selfConsistent(sorted: TextEdit[]): boolean {
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].file === sorted[i - 1].file && sorted[i].offset < sorted[i - 1].offset + sorted[i - 1].length) {
      return false;
    }
  }
  return sorted.every((edit) => edit.offset >= 0 && edit.length >= 0);
}
