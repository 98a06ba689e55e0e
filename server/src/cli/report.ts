// Rendering results: offsets -> 1-based line/column, then text lines or JSON records.
import { lineStarts, positionIn } from '../engine/text';
import type { Finding, Notice, Severity } from '../engine/types';

export const NOT_CHECKED = 'not-checked';

/** One line of output: a finding, or a notice saying why a document was not checked. */
export interface Entry {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  docIndex: number;
  kind?: string;
  name?: string;
  namespace?: string;
  container?: string;
  /** Only on not-checked entries: why (yaml-error, helm-template, too-large, binary, template-error, chart-error, kustomize-error). */
  reason?: string;
  /** A chart's findings: Helm's name of the template they were rendered from. */
  template?: string;
  /** A chart's findings and notices: the values sets under which they appear. */
  valuesSets?: string[];
  /** A chart's findings: the values entries (and other objects) that decided them, 1-based positions. */
  related?: { file: string; line: number; column: number; message: string }[];
  /** Findings of Kustomize builds: the roots whose builds have it. */
  roots?: string[];
  /** Internal: for sorting. */
  offset: number;
}

/** Offsets (UTF-16 code units, as the engine reports them) to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    // LF, CRLF and lone CR end lines, as in the editor.
    this.starts = lineStarts(text);
  }

  position(offset: number): { line: number; column: number } {
    const { line, character } = positionIn(this.starts, offset);
    return { line: line + 1, column: character + 1 };
  }
}

export function findingEntry(file: string, index: LineIndex, finding: Finding): Entry {
  const start = index.position(finding.start);
  const end = index.position(Math.max(finding.start, finding.end));
  const entry: Entry = {
    file,
    rule: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
    docIndex: finding.docIndex,
    offset: finding.start,
  };
  if (finding.kind !== undefined) entry.kind = finding.kind;
  if (finding.name !== undefined) entry.name = finding.name;
  if (finding.namespace !== undefined) entry.namespace = finding.namespace;
  if (finding.container !== undefined) entry.container = finding.container;
  return entry;
}

export function noticeEntry(file: string, index: LineIndex, notice: Notice): Entry {
  const start = index.position(notice.start);
  const end = index.position(Math.max(notice.start, notice.end));
  return {
    file,
    rule: NOT_CHECKED,
    severity: 'info',
    message: notice.message,
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
    docIndex: notice.docIndex,
    reason: notice.reason,
    offset: notice.start,
  };
}

export function compareEntries(a: Entry, b: Entry): number {
  return a.offset - b.offset || a.startLine - b.startLine || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

export function textLine(entry: Entry): string {
  const message = entry.message.replace(/\s*\r?\n\s*/g, ' ');
  const related = (entry.related ?? []).map((r) => ` (${r.message} at ${r.file}:${r.line}:${r.column})`).join('');
  return `${entry.file}:${entry.startLine}:${entry.startColumn} ${entry.severity} ${entry.rule} ${message}${related}`;
}

/** The JSON record of an entry (field order as documented; no internal fields). */
export function jsonRecord(entry: Entry): Record<string, unknown> {
  const record: Record<string, unknown> = { ...entry };
  delete record.offset;
  return record;
}

export interface Totals {
  files: number;
  bySeverity: Record<Severity, number>;
  notChecked: number;
  /** Not-checked documents left out of the output (Helm templates without --verbose). */
  hidden: number;
}

export function summaryLine(totals: Totals): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const { error, warning, info, hint } = totals.bySeverity;
  const problems = error + warning + info + hint;
  const parts = [plural(error, 'error'), plural(warning, 'warning')];
  if (info) parts.push(plural(info, 'info'));
  if (hint) parts.push(plural(hint, 'hint'));
  const found = problems === 0 ? 'no problems' : `${plural(problems, 'problem')} (${parts.join(', ')})`;
  const hidden = totals.hidden ? ` (${totals.hidden} Helm template${totals.hidden === 1 ? '' : 's'}: --verbose lists them)` : '';
  const skipped = totals.notChecked ? `; ${plural(totals.notChecked, 'document')} not checked${hidden}` : '';
  return `Checked ${plural(totals.files, 'file')}: ${found}${skipped}.`;
}
