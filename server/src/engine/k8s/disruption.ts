// Words and numbers shared by the rules about disruption budgets and autoscalers: how a fact from another file
// is pointed at, how the scope of the facts is said, how a PDB's budget is read.
import type { Scope } from '../facts/project';
import type { FactOrigin } from '../facts/types';
import type { RelatedLocation } from '../types';

/** A related location for a fact from another file (facts of the linted text have no origin: nothing to add). */
export function relatedTo(origin: FactOrigin | undefined, message: string): RelatedLocation[] {
  return origin ? [{ file: origin.file, start: origin.start, end: origin.end, message }] : [];
}

export function describeFact(fact: { kind?: string; name?: string }, kind = fact.kind ?? 'object'): string {
  return fact.name ? `${kind} "${fact.name}"` : kind;
}

/** Where the facts came from, for messages: "this file", "the files checked", "the workspace folder", "the build". */
export function scopePhrase(scope: Scope | undefined): string {
  if (scope?.build) return 'in the build';
  if (scope?.complete) return 'in the folder';
  if (scope?.crossFile) return 'in the files checked';
  return 'in this file';
}

/** Said when only the file itself was seen and an object elsewhere would change the verdict. */
export function fileAloneNote(scope: Scope | undefined, what: string): string {
  return scope?.crossFile
    ? ''
    : ` (only this file was checked: ${what} in other files count when the folder is open as a workspace, or when the CLI is given the other files too)`;
}

/** Int or percent as written in a PDB (`2`, `"50%"`); undefined when not understood. */
export function budgetValue(value: number | string | undefined): { kind: 'int' | 'percent'; value: number } | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { kind: 'int', value };
  if (typeof value === 'string') {
    const percent = /^\s*(\d+)%\s*$/.exec(value);
    if (percent) return { kind: 'percent', value: Number(percent[1]) };
    if (/^\s*\d+\s*$/.test(value)) return { kind: 'int', value: Number(value) };
  }
  return undefined;
}
