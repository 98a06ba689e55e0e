// A minimal LSP client over stdio for the benchmark: Content-Length framing, JSON-RPC requests and
// notifications, answers to server requests, and waiting for publishDiagnostics of a given version.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export class LspClient {
  /**
   * @param {string[]} argv command and args, e.g. ['node', 'dist/server.js', '--stdio']
   * @param {{ cwd?: string, configuration?: (item: {section?: string, scopeUri?: string}) => unknown, log?: (s: string) => void }} opts
   */
  constructor(argv, opts = {}) {
    this.configuration = opts.configuration ?? (() => ({}));
    this.log = opts.log ?? (() => {});
    this.proc = spawn(argv[0], argv.slice(1), { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.proc.pid;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, reject, method}
    this.publishes = []; // {seq, t, uri, version, count}
    this.waiters = new Set();
    this.seq = 0; // counts every message from the server
    this.lastMessageAt = performance.now();
    this.serverRequests = []; // methods the server asked us
    this.stderr = '';
    this.exited = new Promise((resolve) =>
      this.proc.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
        this.failAll(new Error(`server exited (${code ?? signal})`));
      }),
    );
    this.proc.on('error', (e) => this.failAll(e));
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d) => {
      if (this.stderr.length < 20000) this.stderr += d;
    });
    this.buf = Buffer.alloc(0);
    // Pieces of a message body not complete yet: joined once it is (a 600 KB publish arrives in 64 KB pieces).
    this.parts = [];
    this.partsLength = 0;
    this.need = 0;
    this.proc.stdout.on('data', (chunk) => this.onData(chunk));
    this.proc.stdin.on('error', () => {}); // EPIPE when the server dies: reported through `exited`
  }

  failAll(err) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const w of this.waiters) w.reject(err);
    this.waiters.clear();
  }

  onData(chunk) {
    this.parts.push(chunk);
    this.partsLength += chunk.length;
    if (this.partsLength < this.need) return;
    this.buf = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.partsLength);
    this.parts = [];
    this.partsLength = 0;
    this.need = 0;
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return this.keep(0);
      const header = this.buf.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header: ${header}`);
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return this.keep(headerEnd + 4 + len);
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  /** Keeps the unread rest until `need` bytes are there (0: unknown, the header is not complete). */
  keep(need) {
    if (this.buf.length > 0) {
      this.parts.push(this.buf);
      this.partsLength += this.buf.length;
    }
    this.buf = Buffer.alloc(0);
    this.need = need;
  }

  onMessage(msg, t) {
    this.seq++;
    this.lastMessageAt = t;
    if ('id' in msg && !('method' in msg)) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    if ('id' in msg) return this.onServerRequest(msg);
    if (msg.method === 'textDocument/publishDiagnostics') {
      const { uri, version, diagnostics } = msg.params;
      const pub = { seq: this.seq, t, uri, version, count: diagnostics.length };
      this.publishes.push(pub);
      if (this.publishes.length > 1000) this.publishes.splice(0, 500);
      for (const w of [...this.waiters])
        if (w.match(pub)) {
          this.waiters.delete(w);
          w.resolve(pub);
        }
    } else if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
      this.log(`[server ${msg.method}] ${msg.params?.message}`);
    }
  }

  onServerRequest(msg) {
    this.serverRequests.push(msg.method);
    let result = null;
    if (msg.method === 'workspace/configuration') result = (msg.params?.items ?? []).map((it) => this.configuration(it) ?? null);
    else if (msg.method === 'workspace/workspaceFolders') result = [];
    this.write({ jsonrpc: '2.0', id: msg.id, result });
  }

  write(obj) {
    const body = Buffer.from(JSON.stringify(obj), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request(method, params, timeoutMs = 30000) {
    const id = this.nextId++;
    const p = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
    });
    this.write({ jsonrpc: '2.0', id, method, params });
    return withTimeout(p, timeoutMs, `${method} response`);
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first publishDiagnostics (from now on, or already received after `sinceSeq`) matching `match`. */
  waitForPublish(match, { sinceSeq = this.seq, timeoutMs = 60000, what = 'publishDiagnostics' } = {}) {
    const found = this.publishes.find((p) => p.seq > sinceSeq && match(p));
    if (found) return Promise.resolve(found);
    let w;
    const p = new Promise((resolve, reject) => {
      w = { match: (pub) => pub.seq > sinceSeq && match(pub), resolve, reject };
      this.waiters.add(w);
    });
    return withTimeout(p, timeoutMs, what).finally(() => this.waiters.delete(w));
  }

  /** Resolves once the server has been silent for `quietMs` (bounded by `maxMs`). For settling only, never for measuring. */
  async waitForQuiet(quietMs, maxMs = 30000) {
    const start = performance.now();
    for (;;) {
      const silent = performance.now() - this.lastMessageAt;
      if (silent >= quietMs || performance.now() - start > maxMs) return;
      await new Promise((r) => setTimeout(r, Math.max(5, quietMs - silent)));
    }
  }

  /**
   * CPU time (user + system) the server process has used, in ms (Linux /proc, 10 ms ticks), or null: the work an
   * edit costs, little changed by other work on the machine (wall time is).
   */
  cpuMs() {
    try {
      const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return null;
    }
  }

  /** Peak resident set size of the server process in bytes (Linux VmHWM), or null. */
  peakRss() {
    try {
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : null;
    } catch {
      return null;
    }
  }

  currentRss() {
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : null;
    } catch {
      return null;
    }
  }

  /** Polite shutdown, then a kill of this server's own process if it does not exit in time. */
  async close(timeoutMs = 5000) {
    if (this.exitInfo) return;
    try {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit');
    } catch {
      /* fall through to kill */
    }
    const t = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(t);
  }
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
