// Spawns the built language server (dist/server.js) and talks LSP to it like an editor would.
// Everything here waits on messages (with a timeout that fails the test), never on sleeps.
import { fork, spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InlayHintRefreshRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type InitializeResult,
  type LogMessageParams,
  type ProgressToken,
  type ProtocolConnection,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const DEFAULT_TIMEOUT_MS = 15_000;

export function uriFor(name: string): string {
  return pathToFileURL(path.join(ROOT, 'test', 'workspace-lsp', name)).href;
}

export interface StartOptions {
  transport?: 'stdio' | 'ipc';
  /** Whether the client supports `workspace/configuration` (and dynamic didChangeConfiguration registration). */
  configuration?: boolean;
  /** The `kubeZeroDowntime` section the client answers with. Mutable: change it, then call `configurationChanged()`. */
  settings?: Record<string, unknown>;
  /** Extra client capabilities, merged over the defaults per section (`workspace`, `textDocument`, `window`). */
  capabilities?: ClientCapabilities;
  /** Workspace folders sent in `initialize` (default: none). */
  workspaceFolders?: WorkspaceFolder[];
  /** `initializationOptions` sent in `initialize` (the VS Code client sends `{ workspaceTrusted }`). */
  initializationOptions?: unknown;
}

interface Waiter {
  uri: string;
  predicate: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

export class TestServer {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly configurationRequests: unknown[] = [];
  readonly registrations: string[] = [];
  /** Work-done progress the server created (window/workDoneProgress/create) and what it reported ($/progress). */
  readonly progressTokens: ProgressToken[] = [];
  readonly progress: { token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }[] = [];
  /** workspace/inlayHint/refresh requests received. */
  inlayHintRefreshes = 0;
  stderr = '';
  /** Called after every progress message and refresh request (see `until`). */
  private readonly listeners = new Set<() => void>();
  settings: Record<string, unknown>;
  private readonly waiters = new Set<Waiter>();
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (this.stderr += chunk));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params)) {
          this.waiters.delete(waiter);
          waiter.resolve(params);
        }
      }
    });
    connection.onNotification(LogMessageNotification.method, (params: LogMessageParams) => {
      this.logs.push(params);
      for (const waiter of [...this.logWaiters]) waiter(params);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'kubeZeroDowntime' ? structuredClone(this.settings) : null));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      for (const registration of params.registrations) this.registrations.push(registration.method);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progressTokens.push(params.token);
      this.notify();
    });
    connection.onNotification('$/progress', (params: { token: ProgressToken; value: WorkDoneProgressBegin }) => {
      this.progress.push(params);
      this.notify();
    });
    connection.onRequest(InlayHintRefreshRequest.type, () => {
      this.inlayHintRefreshes++;
      this.notify();
    });
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestServer> {
    const transport = options.transport ?? 'stdio';
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (transport === 'stdio') {
      child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(child.stdout!, child.stdin!);
    } else {
      child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    }
    const server = new TestServer(child, connection, options.settings ?? {});
    const configuration = options.configuration ?? true;
    const capabilities: ClientCapabilities = {
      workspace: configuration ? { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } : {},
      textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
    };
    capabilities.workspace = { ...capabilities.workspace, ...options.capabilities?.workspace };
    capabilities.textDocument = { ...capabilities.textDocument, ...options.capabilities?.textDocument };
    if (options.capabilities?.window) capabilities.window = options.capabilities.window;
    server.initializeResult = await withTimeout(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities,
        workspaceFolders: options.workspaceFolders ?? null,
        initializationOptions: options.initializationOptions,
      }),
      DEFAULT_TIMEOUT_MS,
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return server;
  }

  initializeResult?: InitializeResult;

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves once `condition()` holds, checked now and after each progress message or refresh request. */
  until(condition: () => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        if (!condition()) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  private readonly logWaiters = new Set<(params: LogMessageParams) => void>();

  /** The first log message (window/logMessage) matching `pattern`, already received or to come. */
  waitForLog(pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<LogMessageParams> {
    const past = this.logs.find((log) => pattern.test(log.message));
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const waiter = (params: LogMessageParams): void => {
        if (!pattern.test(params.message)) return;
        this.logWaiters.delete(waiter);
        clearTimeout(timer);
        resolve(params);
      };
      const timer = setTimeout(() => {
        this.logWaiters.delete(waiter);
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for a log matching ${pattern}; server stderr: ${this.stderr.slice(-2000)}`),
        );
      }, timeoutMs);
      this.logWaiters.add(waiter);
    });
  }

  /**
   * The first publish for `uri` matching `predicate`, received from now on (or already received, when
   * `includePast`). Rejects after `timeoutMs` with what did arrive.
   */
  waitFor(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    { timeoutMs = DEFAULT_TIMEOUT_MS, includePast = false, label = '' } = {},
  ): Promise<PublishDiagnosticsParams> {
    if (includePast) {
      const past = this.published.find((p) => p.uri === uri && predicate(p));
      if (past) return Promise.resolve(past);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, predicate, resolve };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.published
          .filter((p) => p.uri === uri)
          .map((p) => `v${p.version}:${p.diagnostics.map((d) => d.code).join(',') || '-'}`);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for diagnostics ${label} on ${uri}; received: [${seen.join(' ')}]; server stderr: ${this.stderr.slice(-2000)}`,
          ),
        );
      }, timeoutMs);
      waiter.resolve = (params) => {
        clearTimeout(timer);
        resolve(params);
      };
      this.waiters.add(waiter);
    });
  }

  /** Opens a document and resolves with its first publish for that version. */
  async open(uri: string, text: string, version = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    const published = this.waitFor(uri, (p) => p.version === version, { timeoutMs, label: `for v${version}` });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
    return published;
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /**
   * Writes several notifications to the server's stdin in a single write, so they arrive together as a burst
   * (the jsonrpc writer would otherwise write them one by one). stdio transport only.
   */
  writeBurst(notifications: { method: string; params: unknown }[]): void {
    const frames = notifications.map((n) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: n.method, params: n.params }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.child.stdin!.write(Buffer.concat(frames));
  }

  async close(uri: string): Promise<PublishDiagnosticsParams> {
    const published = this.waitFor(uri, (p) => p.diagnostics.length === 0, { label: 'after close' });
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return published;
  }

  /** Tells the server the settings changed (as VS Code does: pull model, `settings: null`). */
  async configurationChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  isAlive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** shutdown + exit, as an editor does; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    if (this.isAlive()) {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), DEFAULT_TIMEOUT_MS, 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
    }
    const code = await withTimeout(this.exited, DEFAULT_TIMEOUT_MS, 'server exit');
    this.connection.dispose();
    return code;
  }

  /** Last resort in `after` hooks when a test failed half-way. */
  kill(): void {
    if (this.isAlive()) this.child.kill();
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - containerPort: 80
`;

/** 0-based line and the start/end characters of `needle` on the first line containing it. */
export function rangeOf(
  text: string,
  needle: string,
): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}
