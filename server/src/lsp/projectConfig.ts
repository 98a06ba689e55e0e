// The project config file (.kube-zero-downtime.yaml) in the language server:
// - applies it on top of each document's VS Code settings (through SettingsStore.useProjectConfig);
// - shows its problems as diagnostics on the config file itself (live while it is open, from disk otherwise);
// - watches it (workspace/didChangeWatchedFiles, registered dynamically) and re-lints open documents on change.
//
// Precedence: the config file first, then VS Code settings. A user setting that would loosen the config (a lower
// severity, or off) is ignored, and logged once, unless `kubeZeroDowntime.overrideProjectConfig` is true.
//
// Restricted Mode: when the client says the workspace is not trusted (initializationOptions.workspaceTrusted ===
// false), config files are neither read nor watched nor applied: a repository you have not trusted does not decide
// what is checked, and its ignore globs are never compiled. The VS Code client restarts the server on trust.
import { lineStarts } from '../engine/text';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  type Connection,
  type Diagnostic,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { filePathOf, workspaceFoldersOf } from './paths';
import { mergeWithProjectConfig } from '../engine/config/merge';
import { CONFIG_FILE_NAMES, parseConfig, type ConfigProblem } from '../engine/config/projectConfig';
import type { SeveritySetting } from '../engine/types';
import { ConfigResolver, isIgnoredBy, type LoadedConfig } from '../io/projectConfig';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { toLintOptions, type Settings, type SettingsStore } from './settings';
import type { Validator } from './validation';

export const CONFIG_WATCH_GLOB = '**/.kube-zero-downtime.{yaml,yml}';
export const CONFIG_ERROR_CODE = 'config-error';
export const CONFIG_NOT_APPLIED_CODE = 'config-not-applied';

export function isConfigFile(file: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file));
}

export class ProjectConfigs {
  private readonly resolver = new ConfigResolver();
  private canWatch = false;
  /** False in an untrusted workspace: config files are not read at all. */
  private trusted = true;
  /** Configs whose disk problems were published (a reload makes new objects, published again). */
  private readonly published = new WeakSet<LoadedConfig>();
  private readonly logged = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    settings: SettingsStore,
    private readonly validator: Validator,
  ) {
    settings.useProjectConfig((uri, user) => this.apply(uri, user));
    validator.ownDiagnostics = (document) => this.documentDiagnostics(document);
    // Closing an edited config file clears its live diagnostics (the validator does that); show the disk state again.
    documents.onDidClose((event) => {
      const file = filePathOf(event.document.uri);
      if (this.trusted && file && isConfigFile(file)) setImmediate(() => this.publishDiskState(file));
    });
  }

  initialize(params: InitializeParams): void {
    const folders = workspaceFoldersOf(params);
    this.resolver.setRoots(folders.map((folder) => filePathOf(folder.uri)).filter((p): p is string => p !== undefined));
    this.canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const options = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    this.trusted = options?.workspaceTrusted !== false;
  }

  /** After `initialized`: ask the client to watch config files. */
  register(): void {
    if (!this.trusted) {
      this.connection.console.info(
        'Restricted Mode: .kube-zero-downtime.yaml files are not read; files are checked with your settings. Trust the workspace to apply them.',
      );
      return;
    }
    if (!this.canWatch) {
      this.connection.console.info(
        'The client cannot watch files: changes to .kube-zero-downtime.yaml apply after a restart of the server.',
      );
      return;
    }
    this.connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_WATCH_GLOB }] })
      .catch((error: unknown) => {
        this.connection.console.error(`Could not watch ${CONFIG_WATCH_GLOB}: ${String(error)}`);
      });
  }

  /** `workspace/didChangeWatchedFiles`: a config file was created, changed or deleted. */
  filesChanged(params: DidChangeWatchedFilesParams): void {
    if (!this.trusted) return;
    const changed = params.changes
      .map((change) => filePathOf(change.uri))
      .filter((file): file is string => file !== undefined && isConfigFile(file));
    if (changed.length === 0) return;
    this.resolver.clear();
    for (const file of changed) this.publishDiskState(file);
    this.validator.scheduleAll();
  }

  /** The effective settings of a document: its VS Code settings combined with its project config. */
  apply(uri: string, user: Settings): Settings {
    const file = filePathOf(uri);
    if (!this.trusted || !file || isConfigFile(file)) return user;
    try {
      const loaded = this.resolver.forFile(file);
      if (!loaded) return user;
      this.publishDisk(loaded, false);
      if (isIgnoredBy(loaded, file)) return { ...user, enable: false };
      const merged = mergeWithProjectConfig(toLintOptions(user), loaded.config, user.overrideProjectConfig);
      for (const { ruleId, user: mine, project } of merged.ignoredLoosenings) {
        const key = `${loaded.file}\u0000${ruleId}\u0000${mine}`;
        if (this.logged.has(key)) continue;
        this.logged.add(key);
        this.connection.console.info(
          `kubeZeroDowntime.rules.${ruleId} = ${mine} is ignored for files under ${loaded.dir}: ${path.basename(loaded.file)} sets ${project}. ` +
            'Set kubeZeroDowntime.overrideProjectConfig to true to let your settings loosen the project config.',
        );
      }
      const { rules, fixDefaults, maxTextLength: _maxTextLength, ...extras } = merged.options;
      return {
        ...user,
        rules: (rules ?? {}) as Record<string, SeveritySetting>,
        fixes: fixDefaults ?? {},
        lintExtras: { ...user.lintExtras, ...extras },
      };
    } catch (error) {
      this.connection.console.error(
        `Could not apply the project config to ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return user;
    }
  }

  /** For the validator: an open config file gets its own problems (from the editor's text), not a lint. */
  documentDiagnostics(document: TextDocument): Diagnostic[] | undefined {
    const file = filePathOf(document.uri);
    if (!file || !isConfigFile(file)) return undefined;
    if (!this.trusted) return [this.notAppliedDiagnostic()];
    return parseConfig(document.getText()).problems.map((problem) => this.diagnostic(problem, (offset) => document.positionAt(offset)));
  }

  /** A config file changed, was created or deleted, or closed in the editor: show its problems on disk, or none. */
  private publishDiskState(file: string): void {
    if (fs.existsSync(file)) {
      this.publishDisk(this.resolver.load(file), true);
    } else {
      const uri = pathToFileURL(file).href;
      if (!this.documents.get(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    }
  }

  /** Publishes a config file's problems as read from disk, unless the file is open (then the editor's text rules). */
  private publishDisk(loaded: LoadedConfig, force: boolean): void {
    if (!force && this.published.has(loaded)) return;
    this.published.add(loaded);
    const uri = pathToFileURL(loaded.file).href;
    if (this.documents.get(uri)) return;
    const lines = lineStarts(loaded.text);
    const diagnostics = loaded.problems.map((problem) =>
      this.diagnostic(problem, (offset) => {
        const line = Math.max(0, upperBound(lines, offset) - 1);
        return { line, character: offset - lines[line] };
      }),
    );
    this.connection
      .sendDiagnostics({ uri, diagnostics })
      .catch((error: unknown) => this.connection.console.error(`Could not publish config problems: ${String(error)}`));
  }

  private notAppliedDiagnostic(): Diagnostic {
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      code: CONFIG_NOT_APPLIED_CODE,
      source: DIAGNOSTIC_SOURCE,
      message: 'Not applied: this workspace is in Restricted Mode. Trust the workspace to apply this config file.',
    };
  }

  private diagnostic(problem: ConfigProblem, position: (offset: number) => { line: number; character: number }): Diagnostic {
    return {
      range: { start: position(problem.start), end: position(Math.max(problem.end, problem.start)) },
      severity: DiagnosticSeverity.Error,
      code: CONFIG_ERROR_CODE,
      source: DIAGNOSTIC_SOURCE,
      message: problem.message,
    };
  }
}

/** Number of line starts <= offset. */
function upperBound(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid] <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
