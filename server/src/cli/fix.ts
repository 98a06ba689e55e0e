// --fix / --fix-dry-run: the editor's source.fixAll edits (engine/fix/fixAll.ts, safe fixes only), applied
// repeatedly because one fix can make another applicable (or an overlapping one waits a round).
import { Linter } from '../engine';
import { applicableFixes, applyEdits, chooseFix } from '../engine/fix/fixAll';
import type { LintOptions, LintResult, TextEdit } from '../engine/types';
import type { Encoding } from '../io/text';
import { fixSource } from './files';
import { checkWritable, writeAtomically, type WriteScope } from './write';

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

export interface FileFixRequest {
  /** The file as read. */
  input: { text: string; encoding: Encoding; bytes: Buffer };
  /** The lint of input.text. */
  result: LintResult;
  options: LintOptions;
  linter: Linter;
  /** Write the fixed file (--fix) to this path, within this scope; absent: only compute it (--fix-dry-run). */
  write?: { file: string; scope: WriteScope };
}

export type FileFix =
  /** Nothing to fix. */
  | { changed: false }
  /** Fixed (and written, for --fix); text and result are the file after the fixes. */
  | { changed: true; before: string; outcome: FixOutcome }
  /** Fixes apply, but the file is not written, and why (the findings stay those of the file as it is). */
  | { changed: false; refused: string };

/** --fix and --fix-dry-run for one file: the fixes, the checks before writing, the atomic write. */
export function fixFile(request: FileFixRequest): FileFix {
  const { input, options, linter, write } = request;
  const source = fixSource(input);
  if (!source.ok) {
    const edits = applicableFixes(linter.withFixes(request.result.findings), { safeOnly: true });
    return edits.length > 0 ? { changed: false, refused: source.reason } : { changed: false };
  }
  // Escaped text (bytes that are not UTF-8) is linted again: its offsets differ from the text shown.
  const outcome = fixText(source.text, options, linter, source.text === input.text ? request.result : undefined);
  if (outcome.text === source.text) return { changed: false };
  if (write) {
    const check = checkWritable(write.file, write.scope);
    if (!check.ok) return { changed: false, refused: check.reason };
    try {
      writeAtomically(check.target, source.encode(outcome.text), check.stat);
    } catch (error) {
      return { changed: false, refused: `cannot write the fixes: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { changed: true, before: source.text, outcome };
}
