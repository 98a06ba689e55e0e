// --fix / --fix-dry-run: the editor's source.fixAll passes (engine/fix/fixPasses.ts, safe fixes only), written
// back in the file's own bytes.
import type { Linter } from '../engine';
import { applicableFixes } from '../engine/fix/fixAll';
import { fixAllText, type FixOutcome } from '../engine/fix/fixPasses';
import type { LintOptions, LintResult } from '../engine/types';
import type { Encoding } from '../io/text';
import { fixSource } from './files';
import { checkWritable, writeAtomically, type WriteScope } from './write';

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
  const outcome = fixAllText(source.text, options, linter, source.text === input.text ? request.result : undefined);
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
