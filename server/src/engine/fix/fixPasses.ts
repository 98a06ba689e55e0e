// Fix all, as passes: the safe fixes that apply together (fixAll.ts), applied, the text linted again, and again,
// because one fix can make another applicable and a conflicting one waits a pass. The CLI's --fix and the
// editor's source.fixAll both run this, so they write the same text.
import { Linter } from '../run/linter';
import type { LintOptions, LintResult, TextEdit } from '../types';
import { applicableFixes, applyEdits, chooseFix } from './fixAll';

export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The text after all passes. */
  text: string;
  /** The lint of `text`: what is left. */
  result: LintResult;
  /** Fixes applied per rule id, over all passes. */
  applied: Record<string, number>;
  /** Passes that changed the text. */
  passes: number;
}

export function fixAllText(text: string, options: LintOptions, linter = new Linter(), first?: LintResult): FixOutcome {
  let current = text;
  let result = first ?? linter.lint(current, options);
  let findings = linter.withFixes(result.findings);
  const applied: Record<string, number> = {};
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const edits = applicableFixes(findings, { safeOnly: true });
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    const kept = new Set(edits.map(editKey));
    for (const finding of findings) {
      const fix = chooseFix(finding, true);
      if (fix && fix.edits.every((edit) => kept.has(editKey(edit)))) applied[finding.ruleId] = (applied[finding.ruleId] ?? 0) + 1;
    }
    current = next;
    passes++;
    result = linter.lint(current, options);
    findings = linter.withFixes(result.findings);
  }
  return { text: current, result, applied, passes };
}

function editKey(edit: TextEdit): string {
  return `${edit.offset}:${edit.length}:${edit.newText}`;
}

/**
 * One edit turning `before` into `after`: the lines between their common start and common end (whole lines, so an
 * edit never splits a CRLF or a surrogate pair). For a client that takes one edit of the passes' result.
 */
export function wholeLineEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  start = start === 0 ? 0 : before.lastIndexOf('\n', start - 1) + 1;
  let end = 0; // common characters at the end, not reaching into the common start
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Back to the end of a line: the kept tail starts right after a line feed (or is the whole remaining text).
  while (end > 0 && before.charCodeAt(before.length - end - 1) !== 10) end--;
  return { offset: start, length: before.length - end - start, newText: after.slice(start, after.length - end) };
}
