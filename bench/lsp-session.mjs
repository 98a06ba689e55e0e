// Over stdio: one session of a language server on one fixture (initialize, didOpen -> first diagnostics, then the
// planned one-character edits, each waiting for its diagnostics; CPU and peak RSS from /proc), and the median of
// several sessions as one row.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyPlan, byType, editPlan, EDIT_TYPES } from './fixtures.mjs';
import { LspClient } from './lsp-client.mjs';
import { EDITS, GAP_MS, ROOT } from './options.mjs';
import { median, quantile } from './stats.mjs';

export async function benchLsp(server, fx) {
  const r = { server: server.key, sizeName: fx.sizeName };
  if (!existsSync(server.entry)) {
    r.skipped = `${server.entry} not found${server.key === 'ours' ? ' (run `npm run build` once server/src/server.ts exists)' : ' (run `npm ci`)'}`;
    return r;
  }
  const logs = [];
  const client = new LspClient(server.argv(), { cwd: ROOT, configuration: server.configuration, log: (s) => logs.push(s) });
  r.pid = client.pid;
  const big = fx.bytes > 1e6;
  const firstTimeout = big ? 180000 : 60000;
  try {
    const init = await client.request(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'kube-zero-downtime-bench', version: '1' },
        rootUri: pathToFileURL(dirname(fx.file)).href,
        workspaceFolders: [{ uri: pathToFileURL(dirname(fx.file)).href, name: 'fixtures' }],
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, workspaceFolders: true },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          },
          window: { workDoneProgress: false },
        },
        initializationOptions: {},
      },
      30000,
    );
    const sync = init?.capabilities?.textDocumentSync;
    r.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 0);
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings: server.settings });
    await client.waitForQuiet(300, 5000); // let configuration pulls finish before opening the document

    // didOpen -> first diagnostics
    const lines = fx.text.split('\n');
    let version = 1;
    let seq = client.seq;
    let t0 = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri: fx.uri, languageId: 'yaml', version, text: fx.text } });
    const first = await client.waitForPublish((p) => p.uri === fx.uri && (p.version === undefined || p.version >= version), {
      sinceSeq: seq,
      timeoutMs: firstTimeout,
      what: 'first publishDiagnostics',
    });
    r.firstDiagnosticsMs = first.t - t0;
    r.firstDiagnosticsCount = first.count;
    r.versioned = first.version !== undefined;
    r.rssAfterOpen = client.currentRss();
    // settle: a configuration-triggered re-validation must not be mistaken for an edit's result
    await client.waitForQuiet(Math.max(300, Math.min(3000, r.firstDiagnosticsMs * 0.5)), 60000);

    // one-character edits in different documents
    const editTimeout = Math.max(30000, 10 * r.firstDiagnosticsMs);
    const latencies = [];
    const counts = [];
    const plan = editPlan(fx.text, EDITS);
    const cpuBefore = client.cpuMs();
    for (const e of applyPlan(lines, plan)) {
      version++;
      const change =
        r.syncKind === 2
          ? {
              range: { start: { line: e.line, character: e.column }, end: { line: e.line, character: e.column } },
              rangeLength: 0,
              text: e.ch,
            }
          : { text: lines.join('\n') };
      if (GAP_MS) await new Promise((res) => setTimeout(res, GAP_MS));
      seq = client.seq;
      const v = version;
      t0 = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri: fx.uri, version: v }, contentChanges: [change] });
      const pub = await client.waitForPublish((p) => p.uri === fx.uri && (p.version === undefined || p.version >= v), {
        sinceSeq: seq,
        timeoutMs: editTimeout,
        what: `diagnostics of version ${v}`,
      });
      latencies.push(pub.t - t0);
      counts.push(pub.count);
    }
    const cpuAfter = client.cpuMs();
    // The server's CPU per edit (mean; /proc counts in 10 ms ticks): its work, whatever else the machine ran.
    r.editCpuMs = cpuBefore != null && cpuAfter != null && latencies.length ? (cpuAfter - cpuBefore) / latencies.length : null;
    r.edits = latencies.length;
    r.editMedianMs = median(latencies);
    r.editP95Ms = quantile(latencies, 0.95);
    r.editMaxMs = latencies.length ? Math.max(...latencies) : null;
    r.editLatencies = latencies.map((x) => Math.round(x * 10) / 10);
    r.editPlan = plan.map((e) => `${e.type}@${e.kind}:${e.line + 1}`);
    r.editByType = byType(latencies, plan);
    r.editDiagnosticCounts = counts; // a sudden 0 would mean an empty/stale publish was counted as the result
    r.peakRss = client.peakRss();
  } catch (e) {
    r.error = e.message;
    r.peakRss = client.peakRss();
    if (client.stderr) r.stderr = client.stderr.slice(-2000);
  } finally {
    r.serverLog = logs.slice(-5);
    await client.close().catch(() => {});
  }
  return r;
}

/** Several sessions of one server on one file as one row: each figure the median of the sessions' figures. */
export function medianSession(runs) {
  const ok = runs.filter((r) => !r.skipped && !r.error);
  if (ok.length === 0) return runs[0];
  const of = (f) => median(ok.map(f).filter((x) => x != null));
  const pooled = {};
  for (const t of EDIT_TYPES) {
    const rows = ok.map((r) => r.editByType?.[t]).filter(Boolean);
    if (rows.length)
      pooled[t] = { n: rows.reduce((a, b) => a + b.n, 0), median: median(rows.map((x) => x.median)), p95: median(rows.map((x) => x.p95)) };
  }
  return {
    ...ok[0],
    firstDiagnosticsMs: of((r) => r.firstDiagnosticsMs),
    editMedianMs: of((r) => r.editMedianMs),
    editP95Ms: of((r) => r.editP95Ms),
    editMaxMs: of((r) => r.editMaxMs),
    editCpuMs: of((r) => r.editCpuMs),
    peakRss: of((r) => r.peakRss),
    editByType: pooled,
    sessions: runs.map((r) => ({
      firstDiagnosticsMs: r.firstDiagnosticsMs,
      editMedianMs: r.editMedianMs,
      editP95Ms: r.editP95Ms,
      editCpuMs: r.editCpuMs,
      peakRss: r.peakRss,
      ...(r.error ? { error: r.error } : {}),
    })),
  };
}
