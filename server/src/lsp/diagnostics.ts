// Engine results -> LSP diagnostics. The only translation here is offsets -> positions
// (TextDocument.positionAt, UTF-16 like the engine) and engine severities -> LSP severities.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../engine';
import type { Finding, LintResult, Notice, NoticeReason, RelatedLocation, Severity } from '../engine/types';

export const DIAGNOSTIC_SOURCE = 'kube-zero-downtime';
/** Diagnostic code of "this document was not judged" (notices). Not a rule id. */
export const NOT_CHECKED_CODE = 'not-checked';

/** Notices shown to the user; Helm templates are only logged (their users must not get noise). */
const PUBLISHED_NOTICES: ReadonlySet<NoticeReason> = new Set<NoticeReason>([
  'yaml-error',
  'too-large',
  'binary',
  'template-error',
  'chart-error',
  'kustomize-error',
]);

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `Diagnostic.data` of a finding: enough for code actions to find the finding again (by rule id, never by message). */
export interface FindingData {
  ruleId: string;
  docIndex: number;
  /** Document version the range refers to. */
  version: number;
}

/** `Diagnostic.data` of a notice. */
export interface NoticeData {
  reason: NoticeReason;
  docIndex: number;
}

/**
 * Links a rule id to its documentation: the docs page shipped next to the bundle (`dist/../docs/rules/<id>.md`)
 * when it exists, otherwise the engine's https URL. Lookups are cached (one stat per rule per process).
 */
export class DocsLinks {
  private readonly cache = new Map<string, string>();

  constructor(private readonly docsDir: string) {}

  href(ruleId: string): string {
    let href = this.cache.get(ruleId);
    if (href === undefined) {
      const file = path.join(this.docsDir, `${ruleId}.md`);
      href = isFile(file) ? pathToFileURL(file).href : docsUrl(ruleId);
      this.cache.set(ruleId, href);
    }
    return href;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(Math.max(start, end)) };
}

/** Turns a finding's related location (usually in another file) into LSP relatedInformation; undefined: leave it out. */
export type RelatedConverter = (related: RelatedLocation) => DiagnosticRelatedInformation | undefined;

export function findingToDiagnostic(document: TextDocument, finding: Finding, links: DocsLinks, related?: RelatedConverter): Diagnostic {
  // Fixes stay on the server (code actions find the finding again); publishing them would multiply the payload.
  const data: FindingData = { ruleId: finding.ruleId, docIndex: finding.docIndex, version: document.version };
  return {
    range: toRange(document, finding.start, finding.end),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.ruleId,
    codeDescription: { href: links.href(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
    ...relatedInformation(finding, related),
  };
}

function relatedInformation(
  finding: Finding,
  convert: RelatedConverter | undefined,
): { relatedInformation?: DiagnosticRelatedInformation[] } {
  if (!convert || !finding.related?.length) return {};
  const converted = finding.related.map(convert).filter((info): info is DiagnosticRelatedInformation => info !== undefined);
  return converted.length > 0 ? { relatedInformation: converted } : {};
}

export function isPublishedNotice(notice: Notice): boolean {
  return PUBLISHED_NOTICES.has(notice.reason);
}

export function noticeToDiagnostic(document: TextDocument, notice: Notice): Diagnostic {
  const data: NoticeData = { reason: notice.reason, docIndex: notice.docIndex };
  return {
    range: toRange(document, notice.start, notice.end),
    severity: DiagnosticSeverity.Information,
    code: NOT_CHECKED_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: notice.message,
    data,
  };
}

/**
 * Diagnostics published per file at most. VS Code shows no more than 1,000 per file (errors first, then warnings,
 * information and hints, each in the order given) and drops the rest; publishing them anyway costs a big file
 * its speed on every keystroke (6,000 findings are 3.5 MB of JSON). The same choice is made here, and the last
 * place says how many are not shown.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;
/** Diagnostic code of the "not showing N further findings" notice. */
export const NOT_SHOWN_CODE = 'not-shown';

const SEVERITY_ORDER = [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint];

/**
 * All diagnostics for one lint result (at most MAX_DIAGNOSTICS_PER_FILE). A finding that cannot be converted is
 * reported to `onError` and skipped, so one bad finding never hides the others.
 */
export function toDiagnostics(
  document: TextDocument,
  result: LintResult,
  links: DocsLinks,
  onError: (error: unknown) => void,
  related?: RelatedConverter,
  max = MAX_DIAGNOSTICS_PER_FILE,
): Diagnostic[] {
  const notices = result.notices.filter(isPublishedNotice);
  const findings = result.findings;
  const total = notices.length + findings.length;
  // Converted only when shown: a big file's findings are mostly not (a keystroke must not pay for them).
  const keep = total <= max ? undefined : mostSevere(notices.length, findings, max - 1);
  const diagnostics: Diagnostic[] = [];
  const convert = (make: () => Diagnostic) => {
    try {
      diagnostics.push(make());
    } catch (error) {
      onError(error);
    }
  };
  for (const notice of notices) if (!keep || keep.take(DiagnosticSeverity.Information)) convert(() => noticeToDiagnostic(document, notice));
  for (const finding of findings) {
    if (!keep || keep.take(severityOf(finding))) convert(() => findingToDiagnostic(document, finding, links, related));
  }
  if (keep) diagnostics.push(notShown(total - (max - 1), max));
  return diagnostics;
}

function severityOf(finding: Finding): DiagnosticSeverity {
  return SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning;
}

/**
 * Which of the notices (information) and findings to show, `count` in all: the most severe first (errors, then
 * warnings, information and hints), within one severity the first ones; asked in their own order (`take`).
 */
function mostSevere(noticeCount: number, findings: readonly Finding[], count: number): { take(severity: DiagnosticSeverity): boolean } {
  const bySeverity = new Map<DiagnosticSeverity, number>([[DiagnosticSeverity.Information, noticeCount]]);
  for (const finding of findings) bySeverity.set(severityOf(finding), (bySeverity.get(severityOf(finding)) ?? 0) + 1);
  // Every item of a severity before `cut` is shown, `room` of the `cut` severity, none after it.
  let left = count;
  const room = new Map<DiagnosticSeverity, number>();
  for (const severity of SEVERITY_ORDER) {
    const shown = Math.min(left, bySeverity.get(severity) ?? 0);
    room.set(severity, shown);
    left -= shown;
  }
  return {
    take(severity) {
      const free = room.get(severity) ?? 0;
      if (free === 0) return false;
      room.set(severity, free - 1);
      return true;
    },
  };
}

function notShown(count: number, max: number): Diagnostic {
  const plural = count === 1 ? 'finding' : 'findings';
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: NOT_SHOWN_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `Not showing ${count.toLocaleString('en-US')} further ${plural} of this file: an editor shows at most ${max.toLocaleString('en-US')} per file (errors first, then warnings, information and hints). The command line lists them all: kube-zero-downtime <file>.`,
  };
}
