// textDocument/codeAction: quick fixes for our diagnostics, "Fix all <rule> problems in this file", the
// "Ignore <rule> for this container/object" suppressions, and source.fixAll.kube-zero-downtime (what
// `editor.codeActionsOnSave` runs). Findings are looked up again in the server's own analysis, by rule id and
// range (never by message text), and only for the document version the diagnostic was published for: a
// request about an older version gets nothing rather than edits at stale positions.
import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applicableFixes, applyEdits, chooseFix } from '../engine/fix/fixAll';
import { fixAllText, wholeLineEdit } from '../engine/fix/fixPasses';
import type { Finding, TextEdit } from '../engine/types';
import { toWorkspaceEdit } from './workspaceEdit';
import { DIAGNOSTIC_SOURCE, NOT_CHECKED_CODE, toRange, type FindingData } from './diagnostics';
import type { PublishedResult } from './validation';

/** Our own fix-all kind; a client asking for `source.fixAll` (or `source`) gets it too. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-zero-downtime`;
export const CODE_ACTION_KINDS: string[] = [CodeActionKind.QuickFix, FIX_ALL_KIND];
export const FIX_ALL_TITLE = 'Fix all safely fixable zero-downtime problems';
/** Files up to this size (about 8,000 lines) get every fix-all pass on save; each pass lints the whole text again. */
const FIX_ALL_PASSES_MAX_CHARS = 256 * 1024;

export interface CodeActionSupport {
  /** WorkspaceEdit.documentChanges (versioned edits); otherwise `changes`. */
  documentChanges: boolean;
}

export function codeActionSupport(capabilities: ClientCapabilities): CodeActionSupport {
  return { documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true };
}

/** What the provider needs from the validator. */
export interface AnalysisSource {
  /** The last result published for the document (what its diagnostics came from). */
  lastPublished(uri: string): PublishedResult | undefined;
  /** The analysis of the document's current text: the published one when current, else computed now. */
  current(uri: string): Promise<PublishedResult | undefined>;
}

export class CodeActionProvider {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisSource,
    private readonly support: () => CodeActionSupport,
  ) {}

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) {
      actions.push(...this.quickFixes(params));
    }
    // Source actions only when asked for by kind (on save, the Source Action menu), never in the light bulb.
    if (only && wants(only, FIX_ALL_KIND)) {
      const fixAll = await this.fixAll(params.textDocument.uri);
      if (fixAll) {
        actions.push(fixAll);
      }
    }
    return actions;
  }

  private quickFixes(params: CodeActionParams): CodeAction[] {
    const uri = params.textDocument.uri;
    const document = this.documents.get(uri);
    const published = this.analyses.lastPublished(uri);
    if (!document || !published || published.version !== document.version) {
      return [];
    }
    const linter = published.fixes;
    const findings = published.result.findings;
    const fixesOf = (finding: Finding) => published.fixesFor?.(finding) ?? linter.fixesFor(finding);
    const actions: CodeAction[] = [];
    const push = (action: CodeAction | undefined): void => {
      if (action) actions.push(action);
    };
    const fixAllOffered = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      const finding = this.findingOf(diagnostic, document, findings);
      if (!finding) {
        continue;
      }
      for (const fix of fixesOf(finding)) {
        push(this.action(fix.title, CodeActionKind.QuickFix, document, fix.edits, [diagnostic], fix.preferred === true));
      }
      if (!fixAllOffered.has(finding.ruleId)) {
        fixAllOffered.add(finding.ruleId);
        const sameRule = findings.filter((f) => f.ruleId === finding.ruleId).map((f) => ({ ...f, fixes: fixesOf(f) }));
        const fixable = sameRule.filter((f) => chooseFix(f, false));
        if (fixable.length > 1) {
          const edits = applicableFixes(sameRule, { ruleId: finding.ruleId, safeOnly: false });
          if (edits.length > 0) {
            push(
              this.action(`Fix all ${finding.ruleId} problems in this file`, CodeActionKind.QuickFix, document, edits, [diagnostic], false),
            );
          }
        }
      }
      // Suppressions: never preferred, never part of fix-all (they silence instead of fixing).
      for (const fix of linter.ignoreFixesFor(finding)) {
        push(this.action(fix.title, CodeActionKind.QuickFix, document, fix.edits, [diagnostic], false));
      }
    }
    return actions;
  }

  /** The finding a diagnostic was made from: same rule, same range, same YAML document, same version. */
  private findingOf(diagnostic: Diagnostic, document: TextDocument, findings: Finding[]): Finding | undefined {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) {
      return undefined;
    }
    const data = (isObject(diagnostic.data) ? diagnostic.data : {}) as Partial<FindingData>;
    const ruleId = typeof data.ruleId === 'string' ? data.ruleId : typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    if (!ruleId || ruleId === NOT_CHECKED_CODE) {
      return undefined;
    }
    if (typeof data.version === 'number' && data.version !== document.version) {
      return undefined;
    }
    return findings.find(
      (finding) =>
        finding.ruleId === ruleId &&
        (typeof data.docIndex !== 'number' || finding.docIndex === data.docIndex) &&
        sameRange(toRange(document, finding.start, finding.end), diagnostic.range),
    );
  }

  private async fixAll(uri: string): Promise<CodeAction | undefined> {
    const analysis = await this.analyses.current(uri);
    const document = this.documents.get(uri);
    if (!analysis || !document || document.version !== analysis.version) {
      return undefined;
    }
    // A document's own findings: a Kustomize build's are left out (their fixes edit other files, not for a save).
    const own = analysis.result.findings.filter((finding) => !('roots' in finding));
    const edits = applicableFixes(analysis.fixes.withFixes(own), { safeOnly: true });
    if (edits.length === 0) {
      return undefined;
    }
    if (!analysis.options || edits.some((edit) => edit.file !== undefined)) {
      // A chart's documents: one pass (their fixes may edit the values file).
      return this.action(FIX_ALL_TITLE, FIX_ALL_KIND, document, edits, [], false);
    }
    // The first pass comes from the analysis at hand; the passes after it (what conflicted waits a pass) lint the
    // text again, as --fix does, while that stays cheap: a bigger file gets the rest on the next Fix all.
    const text = document.getText();
    let fixed = applyEdits(text, edits);
    if (text.length <= FIX_ALL_PASSES_MAX_CHARS) fixed = fixAllText(fixed, analysis.options).text;
    const edit = wholeLineEdit(text, fixed);
    return edit && this.action(FIX_ALL_TITLE, FIX_ALL_KIND, document, [edit], [], false);
  }

  private action(
    title: string,
    kind: string,
    document: TextDocument,
    edits: readonly TextEdit[],
    diagnostics: Diagnostic[],
    preferred: boolean,
  ): CodeAction | undefined {
    const edit = toWorkspaceEdit(document, edits, this.documents, this.support().documentChanges);
    if (!edit) return undefined;
    const action: CodeAction = { title, kind, edit };
    if (diagnostics.length > 0) {
      action.diagnostics = diagnostics;
    }
    if (preferred) {
      action.isPreferred = true;
    }
    return action;
  }
}

/** Does a request restricted to `only` kinds want actions of `kind`? (A kind matches itself and its sub-kinds.) */
export function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) {
    return true;
  }
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
