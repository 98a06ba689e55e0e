// Diagnostics scheduling: push diagnostics on open and change, analyse a burst of edits once, never publish a
// result older than one already sent, clear on close. No timer delay: a burst is "over" as soon as one turn of
// the event loop passes without a new edit (the JSON-RPC layer hands over one message per setImmediate).
import {
  DiagnosticSeverity,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Linter } from '../engine';
import type { FileModel } from '../engine/model/fileModel';
import type { Finding, FindingWithFixes, Fix, LintOptions, LintResult, Notice, RelatedLocation } from '../engine/types';
import type { ChartDocuments } from './charts';
import type { ChangeTracker } from './changeTracker';
import { DIAGNOSTIC_SOURCE, NOT_CHECKED_CODE, toDiagnostics, type DocsLinks } from './diagnostics';
import { toLintOptions, type Settings, type SettingsStore } from './settings';
import type { SkipLog } from './skipLog';

/** Where the fixes of a published result's findings come from: the document's linter, or its chart's judge. */
export interface FixSource {
  fixesFor(finding: Finding): Fix[];
  withFixes(findings: readonly Finding[]): FindingWithFixes[];
  ignoreFixesFor(finding: Finding): Fix[];
}

/** The last result published for a document: what code actions will look findings up in. */
export interface PublishedResult {
  version: number;
  result: LintResult;
  /** The document's linter (not for a chart's documents): its model is at `version` as long as the document is. */
  linter?: Linter;
  fixes: FixSource;
  /** The options the document was linted with (not for a chart's documents): fix-all lints its passes with them. */
  options?: LintOptions;
  /** The fixes of findings the linter did not make (a Kustomize build's, placed in this file); undefined: ask `fixes`. */
  fixesFor?: (finding: Finding) => Fix[] | undefined;
}

interface DocumentState {
  linter: Linter;
  /** Version of the text the linter last analysed: the base the recorded edits apply to. */
  lintedVersion?: number;
  /** Incremented for every analysis started; an analysis whose ticket is no longer the latest is dropped. */
  ticket: number;
  published?: PublishedResult;
}

/** Files above this size (UTF-16 units) are parsed in slices of PREPARE_SLICE_MS when opened. */
const PREPARE_THRESHOLD = 256 * 1024;
const PREPARE_SLICE_MS = 10;

function deadline(ms: number): () => boolean {
  const end = performance.now() + ms;
  return () => performance.now() >= end;
}

export class Validator {
  private readonly states = new Map<string, DocumentState>();
  private readonly pending = new Set<string>();
  private scheduled = false;
  private editedSinceLastTurn = false;
  /** Documents another module judges (the project config file: lsp/projectConfig.ts); undefined: lint it. */
  ownDiagnostics?: (document: TextDocument) => Diagnostic[] | undefined;
  /** Edits recorded as offsets (server.ts plugs it into TextDocuments), for incremental analysis. */
  changeTracker?: ChangeTracker;
  /** Helm charts (lsp/charts.ts): their documents are judged with their chart, not on their own. */
  charts?: ChartDocuments;
  /** The Output channel's lines about files not checked (lsp/skipLog.ts). */
  skipLog?: SkipLog;
  /** Cross-file context (lsp/workspaceIndex.ts): the facts of the other files of the workspace folder. */
  crossFile?: {
    lintOptionsFor(uri: string): Partial<LintOptions>;
    relatedInformation(related: RelatedLocation): DiagnosticRelatedInformation | undefined;
    /** The document was analysed: its model now holds its facts for the other files. */
    documentAnalysed(uri: string, model: FileModel): void;
  };
  /** Kustomize builds (lsp/kustomize.ts): a file a root builds is judged through the builds. */
  builds?: {
    adjust(
      uri: string,
      text: string,
      result: LintResult,
      settings: Settings,
    ): { result: LintResult; fixesFor?: (finding: Finding) => Fix[] | undefined };
  };

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly links: DocsLinks,
  ) {}

  /** Queue a document for analysis; the analysis runs once the current burst of messages is handled. */
  schedule(uri: string): void {
    this.pending.add(uri);
    this.editedSinceLastTurn = true;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.turn());
    }
  }

  /** Re-analyse every open document (settings changed). */
  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  /**
   * The document was opened (again: a client may send didOpen twice, or a lower version after a lost close):
   * what was known about its earlier text, versions and incremental state included, no longer applies.
   */
  opened(uri: string): void {
    this.states.delete(uri);
  }

  /** The document closed: forget it and clear its diagnostics. */
  close(uri: string): void {
    this.charts?.documentClosed(uri);
    this.pending.delete(uri);
    this.states.delete(uri);
    this.settings.forget(uri);
    this.changeTracker?.forget(uri);
    this.skipLog?.note('checked', uri, undefined);
    this.send(uri, undefined, []);
  }

  lastPublished(uri: string): PublishedResult | undefined {
    return this.charts?.lastPublished(uri) ?? this.states.get(uri)?.published;
  }

  /**
   * The analysis of the document's current text: the published one when it is current, otherwise a lint now
   * (not published; the scheduled analysis does that). For source.fixAll on save, which may arrive before the
   * analysis of the last keystrokes ran. Undefined when the document is gone, disabled, or changed meanwhile.
   */
  async current(uri: string): Promise<PublishedResult | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    if (this.charts?.chartOf(uri)) return this.charts.current(uri);
    const published = this.states.get(uri)?.published;
    if (published && published.version === document.version) return published;
    const settings = await this.settings.get(uri);
    const now = this.documents.get(uri);
    if (!now || now.version !== document.version || !settings.enable) return undefined;
    try {
      const state = this.state(uri);
      const options = this.lintOptions(uri, settings);
      const own = this.analyse(uri, state, now, options);
      const adjusted = this.builds?.adjust(uri, now.getText(), own, settings) ?? { result: own };
      return {
        version: now.version,
        result: adjusted.result,
        linter: state.linter,
        fixes: state.linter,
        options,
        ...(adjusted.fixesFor ? { fixesFor: adjusted.fixesFor } : {}),
      };
    } catch (error) {
      this.logError(uri, error);
      return undefined;
    }
  }

  private turn(): void {
    if (this.editedSinceLastTurn) {
      // More messages may be queued behind this one: give them a turn before analysing.
      this.editedSinceLastTurn = false;
      setImmediate(() => this.turn());
      return;
    }
    this.scheduled = false;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      this.validate(uri).catch((error: unknown) => this.logError(uri, error));
    }
  }

  private lintOptions(uri: string, settings: Settings): LintOptions {
    const options = toLintOptions(settings);
    return this.crossFile ? { ...options, ...this.crossFile.lintOptionsFor(uri) } : options;
  }

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { linter: new Linter(), ticket: 0 };
      this.states.set(uri, state);
    }
    return state;
  }

  /** Lints the document's text, incrementally when the edits since the last analysis are known. */
  private analyse(uri: string, state: DocumentState, document: TextDocument, options: LintOptions): LintResult {
    const changes = this.changeTracker?.take(uri, state.lintedVersion, document.version);
    const result = changes ? state.linter.update(document.getText(), changes, options) : state.linter.lint(document.getText(), options);
    state.lintedVersion = document.version;
    this.crossFile?.documentAnalysed(uri, state.linter.model);
    return result;
  }

  private async validate(uri: string): Promise<void> {
    const opened = this.documents.get(uri);
    if (!opened) return;
    if (this.charts?.chartOf(uri)) {
      this.charts.documentChanged(uri);
      return;
    }
    // The client also sends a chart's non-YAML files (helpers, NOTES.txt); other such files are not ours.
    if (opened.languageId !== 'yaml') return;
    const state = this.state(uri);
    const ticket = ++state.ticket;
    const settings = await this.settings.get(uri);
    // While settings were read the document may have changed, closed, or a newer analysis may have started.
    const document = this.documents.get(uri);
    // The latest analysis of the current text wins (tickets), whatever its version number: a client that
    // reopens a document with a lower version must not be left with the old diagnostics.
    if (!document || this.states.get(uri) !== state || state.ticket !== ticket) return;

    const own = settings.enable ? this.ownDiagnostics?.(document) : undefined;
    if (!settings.enable || own) {
      state.published = undefined;
      this.send(uri, document.version, own ?? []);
      return;
    }
    // A big file opened (or replaced) in full is parsed a slice at a time, yielding to the message loop between
    // slices, so other documents and requests are served meanwhile; a newer version takes over the parsed chunks.
    const text = document.getText();
    const maxLength = toLintOptions(settings).maxTextLength ?? Infinity;
    if (text.length > PREPARE_THRESHOLD && text.length <= maxLength && state.lintedVersion === undefined) {
      while (!state.linter.prepare(text, deadline(PREPARE_SLICE_MS))) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.states.get(uri) !== state || state.ticket !== ticket || this.documents.get(uri)?.version !== document.version) return;
      }
    }
    let result: LintResult;
    let fixesFor: PublishedResult['fixesFor'];
    const options = this.lintOptions(uri, settings);
    try {
      result = this.analyse(uri, state, document, options);
      const adjusted = this.builds?.adjust(uri, text, result, settings);
      if (adjusted) ({ result, fixesFor } = adjusted);
    } catch (error) {
      this.logError(uri, error);
      // The engine failed on this text: a fresh linter next time, and tell the user why there is nothing.
      state.linter = new Linter();
      state.lintedVersion = undefined;
      state.published = undefined;
      this.send(uri, document.version, [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: NOT_CHECKED_CODE,
          source: DIAGNOSTIC_SOURCE,
          message: 'Not checked: the analysis failed on this file (internal error; details in the Kubernetes Zero-Downtime output).',
        },
      ]);
      return;
    }
    this.logSkips(uri, document, result.notices, result.documentCount);
    const diagnostics = toDiagnostics(
      document,
      result,
      this.links,
      (error) => this.logError(uri, error),
      this.crossFile && ((related) => this.crossFile?.relatedInformation(related)),
    );
    state.published = {
      version: document.version,
      result,
      linter: state.linter,
      fixes: state.linter,
      options,
      ...(fixesFor ? { fixesFor } : {}),
    };
    this.send(uri, document.version, diagnostics);
  }

  private send(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    this.connection.sendDiagnostics({ uri, version, diagnostics }).catch((error: unknown) => this.logError(uri, error));
  }

  /** One line in the Output channel per file not (wholly) checked, said again only when the reasons change. */
  private logSkips(uri: string, document: TextDocument, notices: Notice[], documentCount: number): void {
    if (!this.skipLog) return;
    if (notices.length === 0) {
      this.skipLog.note('checked', uri, undefined);
      return;
    }
    const key = notices.map((n) => `${n.docIndex}:${n.reason}`).join(',');
    this.skipLog.note('checked', uri, key, describeSkips(document, notices, documentCount));
  }

  private logError(uri: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.connection.console.error(`Analysis of ${uri} failed: ${detail}`);
  }
}

/** Why a document's text is not (wholly) checked, in one line: "document 2 (line 14) does not parse: ...". */
export function describeSkips(document: TextDocument, notices: readonly Notice[], documentCount: number): string {
  const parts: string[] = [];
  const helm = notices.filter((n) => n.reason === 'helm-template');
  if (helm.length > 0) {
    parts.push('Helm template syntax, not YAML until rendered: check the output of `helm template` instead');
  }
  const broken = notices.filter((n) => n.reason === 'yaml-error');
  if (broken.length > 0) {
    const line = (n: Notice) => document.positionAt(n.start).line + 1;
    // The parser's first line says what is wrong; the rest is a picture of the place.
    const said = broken[0].detail?.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const detail = said ? `: ${said}` : '';
    if (documentCount <= 1) parts.push(`it does not parse (line ${line(broken[0])}${detail})`);
    else {
      const which = broken.map((n) => `${n.docIndex + 1} (line ${line(n)})`).join(', ');
      const others = broken.length < documentCount ? '; the other documents are checked' : '';
      parts.push(
        `${broken.length === 1 ? 'document' : 'documents'} ${which} ${broken.length === 1 ? 'does' : 'do'} not parse${detail}${others}`,
      );
    }
  }
  for (const notice of notices) {
    if (notice.reason === 'too-large' || notice.reason === 'binary') {
      parts.push(notice.message.replace(/^Not checked: (the file is )?/, ''));
    }
  }
  return parts.join('; ');
}
