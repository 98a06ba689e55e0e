// A real VS Code without a desktop: code-server (VS Code's server and web workbench) on a loopback port,
// with Debian's Chromium driven by playwright-core as the window. Used by run-headless.mjs (extension tests)
// and by scripts/screenshots.mjs. Every process started here is stopped by dispose().
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXTENSION_ID, log } from './common.mjs';
import { CHROMIUM, ensureCodeServer } from './setup.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// User settings for a quiet, deterministic window.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Rejects after ms with a message, unless the promise settles first. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function runCodeServerCli(entry, args, timeoutMs) {
  return withTimeout(
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${out}`))));
    }),
    timeoutMs,
    `code-server ${args.join(' ')}`,
  );
}

/**
 * A session: temp folders, a code-server process and (after openWorkbench) a Chromium window.
 * options.env is added to code-server's environment, which its extension host inherits.
 */
export class Session {
  constructor({ verbose = false } = {}) {
    this.verbose = verbose;
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-e2e-'));
    this.userDataDir = path.join(this.tmp, 'user-data');
    this.extensionsDir = path.join(this.tmp, 'extensions');
    this.browserProfile = path.join(this.tmp, 'chromium');
    fs.mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(this.extensionsDir, { recursive: true });
    fs.writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    this.paths = ensureCodeServer();
    this.server = undefined;
    this.context = undefined;
    this.serverLog = '';
  }

  /** A fresh copy of a fixture folder inside the session's temp folder (tests may change files and settings). */
  copyWorkspace(from, name = 'workspace') {
    const to = path.join(this.tmp, name);
    fs.cpSync(from, to, { recursive: true });
    return to;
  }

  async installExtension(vsix) {
    const out = await runCodeServerCli(
      this.paths.entry,
      ['--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir, '--install-extension', vsix],
      120_000,
    );
    if (this.verbose) process.stderr.write(out);
    const installed = fs.readdirSync(this.extensionsDir).filter((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
    if (installed.length !== 1)
      throw new Error(
        `expected ${EXTENSION_ID} in ${this.extensionsDir} after install, found: ${fs.readdirSync(this.extensionsDir).join(', ')}\n${out}`,
      );
    return path.join(this.extensionsDir, installed[0]);
  }

  async startServer(workspace, env = {}) {
    this.port = await freePort();
    const args = [
      this.paths.entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${this.port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--config',
      path.join(this.tmp, 'code-server.yaml'), // else it writes ~/.config/code-server/config.yaml
      '--user-data-dir',
      this.userDataDir,
      '--extensions-dir',
      this.extensionsDir,
      workspace,
    ];
    const child = spawn(process.execPath, args, {
      cwd: this.tmp,
      detached: true, // own process group, so dispose() stops the extension host and language server too
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    this.server = child;
    const onData = (d) => {
      this.serverLog += d;
      if (this.verbose) process.stderr.write(`[code-server] ${d}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    await withTimeout(
      new Promise((resolve, reject) => {
        const check = () => {
          if (/HTTP server listening on/.test(this.serverLog)) resolve();
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.on('exit', (code) => reject(new Error(`code-server exited early (${code}):\n${this.serverLog}`)));
      }),
      60_000,
      'code-server start',
    );
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    log(`code-server ${this.baseUrl} (workspace ${workspace})`);
  }

  remoteUri(absPath) {
    return `vscode-remote://127.0.0.1:${this.port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
  }

  /**
   * Opens the workbench on folder. payload: [key, value] pairs (extensionDevelopmentPath, extensionTestsPath as
   * absolute paths, turned into vscode-remote URIs here). Resolves to { page, exit } where exit resolves
   * with the code the workbench passes to codeAutomationExit (when an extension test module settles).
   */
  async openWorkbench(folder, payload = [], { viewport = { width: 1440, height: 900 } } = {}) {
    const { chromium } = await import('playwright-core');
    this.context = await chromium.launchPersistentContext(this.browserProfile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      timeout: 60_000,
    });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    let resolveExit;
    const exit = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (this.verbose || type === 'error') {
        const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
        if (this.verbose || /kube-zero-downtime|extension test|Extension Host/i.test(text))
          process.stderr.write(`[workbench ${type}] ${text}\n`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    if (this.verbose) page.on('console', (m) => process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    // A crashed or closed window never reports an exit code: end the wait now instead of at the timeout.
    page.on('crash', () => {
      log('the browser page crashed');
      resolveExit(-1);
    });
    this.context.on('close', () => resolveExit(-1));
    const pairs = payload.map(([k, v]) => [k, v.startsWith('/') ? this.remoteUri(v) : v]);
    const url = `${this.baseUrl}/?folder=${encodeURIComponent(folder)}${pairs.length ? `&payload=${encodeURIComponent(JSON.stringify(pairs))}` : ''}`;
    if (this.verbose) log(`open ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return { page, exit };
  }

  async dispose() {
    try {
      await this.context?.close();
    } catch {
      /* browser already gone */
    }
    this.context = undefined;
    const child = this.server;
    this.server = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const signal = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          /* group gone */
        }
      };
      signal('SIGTERM');
      await withTimeout(exited, 5_000, 'code-server stop').catch(() => signal('SIGKILL'));
    }
    if (!process.env.KZD_E2E_KEEP_TMP) fs.rmSync(this.tmp, { recursive: true, force: true });
    else log(`kept ${this.tmp}`);
  }
}
