// --fix / --fix-dry-run: the editor's source.fixAll edits (engine/fixAll.ts, safe fixes only), applied
// repeatedly because one fix can make another applicable (or an overlapping one waits a round).
import { Linter } from '../engine';
import { applicableFixes, applyEdits, chooseFix } from '../engine/fix/fixAll';
import type { LintOptions, LintResult, TextEdit } from '../engine/types';

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

export function fixText(text: string, options: LintOptions, linter = new Linter(), first?: LintResult): FixOutcome {
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
