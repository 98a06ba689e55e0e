// Helm charts in the language server. A document that is an input of a chart (a template or helper under
// `templates/`, a values file, `ci/*.yaml`, Chart.yaml, any of those in a subchart) is not linted on its own:
// its chart is rendered and judged (engine/charts/) with the editor's unsaved texts laid over the disk, once per
// burst of edits and only that chart, and every open document of the chart gets the findings placed in it. The
// judge keeps its renders' linters, so a keystroke re-checks only what changed. The rendered output of a
// template can be asked for (kubeZeroDowntime/renderedManifest) to show beside it.
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  DidChangeWatchedFilesNotification,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type RenderedManifestParams, type RenderedManifestResult } from '../../../protocol/src';
import { ChartJudge, type ChartFinding, type ChartVerdict } from '../engine/charts/judge';
import { DEFAULT_HELM_OPTIONS, type HelmOptions } from '../engine/config/options';
import { lineStarts, positionIn } from '../engine/text';
import type { Finding, FindingWithFixes, Fix, LintResult, RelatedLocation } from '../engine/types';
import { diskFiles, overlay } from '../io/projectFiles';
import { toDiagnostics, type DocsLinks } from './diagnostics';
import { toLintOptions, type SettingsStore } from './settings';
import type { FixSource, PublishedResult } from './validation';
import { workspaceFoldersOf } from './paths';

export const CHART_WATCH_GLOB = '**/*.{tpl,txt,json,tgz}';
const MAX_CHART_DEPTH = 32;

interface ChartState {
  dir: string;
  judge: ChartJudge;
  verdict?: ChartVerdict;
  /** The open documents' versions the verdict was judged with. */
  versions: Map<string, number>;
  published: Map<string, PublishedResult>;
}

export class ChartDocuments {
  private readonly disk = diskFiles();
  private readonly charts = new Map<string, ChartState>();
  private readonly pending = new Set<string>();
  private scheduled = false;
  private canWatch = false;
  private relatedSupport = false;
  private roots: string[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly links: DocsLinks,
  ) {}

  initialize(params: InitializeParams): void {
    const folders = workspaceFoldersOf(params);
    this.roots = folders.map((folder) => toPath(folder.uri)).filter((root): root is string => root !== undefined);
    this.canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.relatedSupport = params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
  }

  /** After `initialized`: watch the chart files that are not YAML (helpers, schemas, packaged subcharts). */
  register(): void {
    if (!this.canWatch) return;
    this.connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CHART_WATCH_GLOB }] })
      .catch((error: unknown) => this.connection.console.error(`Could not watch ${CHART_WATCH_GLOB}: ${String(error)}`));
  }

  /** The chart folder a document is an input of (the top chart, for a subchart's file), if any. */
  chartOf(uri: string): string | undefined {
    const file = toPath(uri);
    if (!file) return undefined;
    let chart: string | undefined;
    let dir = path.posix.dirname(file);
    for (let depth = 0; depth < MAX_CHART_DEPTH; depth++) {
      if (this.disk.readText(`${dir}/Chart.yaml`) !== undefined) {
        if (chart === undefined) {
          // The nearest chart decides whether the file is one of its inputs.
          if (!isChartInput(path.posix.relative(dir, file))) return undefined;
          chart = dir;
        } else if (path.posix.dirname(chart) === `${dir}/charts`) {
          chart = dir; // a subchart: its parent renders it
        } else break;
      }
      const parent = path.posix.dirname(dir);
      if (parent === dir || this.roots.includes(dir)) break;
      dir = parent;
    }
    return chart;
  }

  /** A chart document changed (or opened): its chart is judged once the current burst of messages is handled. */
  documentChanged(uri: string): void {
    const chart = this.chartOf(uri);
    if (chart) this.schedule(chart);
  }

  /** A chart document closed: the others of its chart are judged again with its text from disk. */
  documentClosed(uri: string): void {
    const chart = this.chartOf(uri);
    const state = chart ? this.charts.get(chart) : undefined;
    if (!state) return;
    state.published.delete(uri);
    if (this.openDocumentsOf(state).length > 0) this.schedule(state.dir);
    else this.charts.delete(state.dir);
  }

  /** `workspace/didChangeWatchedFiles`: what was read of these files is stale; their open charts are judged again. */
  filesChanged(params: DidChangeWatchedFilesParams): void {
    for (const change of params.changes) {
      const file = toPath(change.uri);
      if (!file) continue;
      this.disk.forget(file);
      for (const state of this.charts.values()) if (file.startsWith(`${state.dir}/`)) this.schedule(state.dir);
    }
  }

  lastPublished(uri: string): PublishedResult | undefined {
    const chart = this.chartOf(uri);
    return chart ? this.charts.get(chart)?.published.get(uri) : undefined;
  }

  /** The analysis of the document's current text: the published one when current, else the chart judged now. */
  async current(uri: string): Promise<PublishedResult | undefined> {
    const chart = this.chartOf(uri);
    const document = this.documents.get(uri);
    if (!chart || !document) return undefined;
    const published = this.charts.get(chart)?.published.get(uri);
    if (published?.version === document.version) return published;
    await this.judge(chart);
    const now = this.charts.get(chart)?.published.get(uri);
    return now?.version === this.documents.get(uri)?.version ? now : undefined;
  }

  /** The rendered output of a template under a values set, with the findings on it as markers. */
  async rendered(params: RenderedManifestParams): Promise<RenderedManifestResult> {
    const { uri } = params;
    const chart = this.chartOf(uri);
    const file = toPath(uri);
    if (!chart || !file) {
      return { found: false, uri, message: 'Not a template of a Helm chart (a file under the templates/ folder beside a Chart.yaml).' };
    }
    let state = this.charts.get(chart);
    if (!state?.verdict || this.stale(state)) {
      await this.judge(chart);
      state = this.charts.get(chart);
    }
    const view = state?.judge.rendered(file, params.valuesSet);
    if (!state?.verdict || !view) {
      const notice = state?.verdict?.notices.find((n) => n.file === file);
      return {
        found: false,
        uri,
        message: notice
          ? notice.message
          : `${path.posix.basename(file)} renders no manifest of its own${/\/_[^/]*$/.test(file) ? ' (a helper: its output is part of the templates that include it)' : ''}.`,
      };
    }
    const rendered = TextDocument.create(`${uri}#rendered`, 'yaml', 0, view.text);
    return {
      found: true,
      uri,
      template: view.template,
      valuesSet: view.valuesSet,
      valuesSets: state.verdict.valuesSets,
      text: view.text,
      diagnostics: view.findings.map((finding) => ({
        range: { start: rendered.positionAt(finding.start), end: rendered.positionAt(finding.end) },
        severity: finding.severity,
        code: finding.ruleId,
        message: finding.message,
      })),
    };
  }

  private schedule(chart: string): void {
    this.pending.add(chart);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const charts = [...this.pending];
      this.pending.clear();
      for (const dir of charts) {
        this.judge(dir).catch((error: unknown) => this.logError(dir, error));
      }
    });
  }

  private stale(state: ChartState): boolean {
    const open = this.openDocumentsOf(state);
    return open.length !== state.versions.size || open.some((document) => state.versions.get(document.uri) !== document.version);
  }

  private openDocumentsOf(state: ChartState): TextDocument[] {
    return this.documents.all().filter((document) => {
      const file = toPath(document.uri);
      return file !== undefined && file.startsWith(`${state.dir}/`) && this.chartOf(document.uri) === state.dir;
    });
  }

  /** Renders and judges the chart with the open documents' texts, and publishes for each of its open documents. */
  private async judge(dir: string): Promise<void> {
    let state = this.charts.get(dir);
    if (!state) {
      state = { dir, judge: new ChartJudge(dir), versions: new Map(), published: new Map() };
      this.charts.set(dir, state);
    }
    const settings = await this.settings.get(pathToFileURL(`${dir}/Chart.yaml`).href);
    const open = this.openDocumentsOf(state);
    const texts = new Map(open.map((document) => [toPath(document.uri)!, document.getText()]));
    const lint = toLintOptions(settings);
    const helm: HelmOptions = { ...DEFAULT_HELM_OPTIONS, ...lint.helm };
    state.versions = new Map(open.map((document) => [document.uri, document.version]));
    if (!settings.enable || !helm.enable) {
      state.verdict = undefined;
      for (const document of open) this.publish(state, document, { findings: [], notices: [], documentCount: 0 });
      return;
    }
    const files = overlay(this.disk, (file) => texts.get(file));
    const started = performance.now();
    state.verdict = state.judge.judge(files, {
      lint,
      values: { valuesFiles: helm.valuesFiles, set: helm.set, setString: helm.setString, ciValues: helm.ciValues },
    });
    this.connection.console.log(
      `Helm chart ${dir}: ${state.verdict.valuesSets.length} values set(s), ${state.verdict.findings.length} findings, ${state.verdict.notices.length} notices (${Math.round(performance.now() - started)} ms).`,
    );
    for (const document of open) {
      const file = toPath(document.uri)!;
      this.publish(state, document, {
        findings: state.verdict.findings.filter((finding) => finding.file === file),
        notices: state.verdict.notices.filter((notice) => notice.file === file),
        documentCount: 0,
      });
    }
  }

  private publish(state: ChartState, document: TextDocument, result: LintResult): void {
    const judge = state.judge;
    const fixes: FixSource = {
      fixesFor: (finding: Finding): Fix[] => judge.fixesFor(finding as ChartFinding),
      withFixes: (findings: readonly Finding[]): FindingWithFixes[] =>
        findings.map((f) => ({ ...f, fixes: judge.fixesFor(f as ChartFinding) })),
      ignoreFixesFor: (): Fix[] => [],
    };
    state.published.set(document.uri, { version: document.version, result, fixes });
    const diagnostics: Diagnostic[] = toDiagnostics(
      document,
      result,
      this.links,
      (error) => this.logError(state.dir, error),
      (related) => this.relatedInformation(related),
    );
    this.connection
      .sendDiagnostics({ uri: document.uri, version: document.version, diagnostics })
      .catch((error: unknown) => this.logError(state.dir, error));
  }

  /** A related place (a values entry) in a chart file: positions from the open document, or from the text on disk. */
  private relatedInformation(related: RelatedLocation): DiagnosticRelatedInformation | undefined {
    if (!this.relatedSupport || related.file === undefined) return undefined;
    const at = this.locate(related.file);
    if (!at) return undefined;
    return {
      location: { uri: at.uri, range: { start: at.position(related.start), end: at.position(related.end) } },
      message: related.message,
    };
  }

  /** A chart file (a project path) as the editor addresses it: its uri, version and positions. */
  locate(file: string): { uri: string; version: number | null; position(offset: number): { line: number; character: number } } | undefined {
    const uri = pathToFileURL(file).href;
    const open = this.documents.get(uri) ?? this.documents.all().find((document) => toPath(document.uri) === file);
    if (open) return { uri: open.uri, version: open.version, position: (offset) => open.positionAt(offset) };
    const text = this.disk.readText(file);
    if (text === undefined) return undefined;
    const starts = lineStarts(text);
    return { uri, version: null, position: (offset) => positionIn(starts, offset) };
  }

  private logError(dir: string, error: unknown): void {
    this.connection.console.error(`Helm chart ${dir}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

/** A path below a chart folder that is an input of its render. */
function isChartInput(below: string): boolean {
  return /^(templates\/|charts\/|ci\/[^/]+\.ya?ml$|Chart\.ya?ml$|values[^/]*\.ya?ml$)/.test(below);
}

/** A file uri as a project path (absolute, forward slashes). */
function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri).split(path.sep).join('/');
  } catch {
    return undefined;
  }
}
