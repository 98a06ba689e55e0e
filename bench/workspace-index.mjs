// Does indexing a large workspace delay diagnostics for the file being typed in? (issue 6)
//
// Generates N manifest files (default 2,000, realistic multi-document manifests from bench/generate.mjs) in a
// temporary folder, starts the built server (dist/server.js --stdio) with that folder as its workspace, opens one
// file right after `initialized` and types in it (one character per edit, the next edit as soon as the previous
// one's diagnostics arrive), measuring edit -> publishDiagnostics latency:
//   - while the background index is being built (until the server logs "Workspace index: ... indexed"),
//   - after it, idle (same file, same kind of edit, the index complete and re-lints settled),
//   - for reference, with no workspace folder at all (no index).
// Usage: npm run build && node bench/workspace-index.mjs [files=2000] [edits=200]
// Also part of `npm run bench` (bench/scaling.mjs: 10k and 20k files, the growth when the workspace doubles).
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateManifest } from './generate.mjs';
import { LspClient } from './lsp-client.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'dist', 'server.js');

function stats(samples) {
  if (samples.length === 0) return { n: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (x) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

function makeWorkspace(files) {
  const dir = mkdtempSync(join(tmpdir(), 'kzd-bench-ws-'));
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    // ~60-line files in 40 team folders, like a repository of per-service manifests.
    const { text } = generateManifest(40 + (i % 5) * 10, 1000 + i);
    const sub = join(dir, `team-${i % 40}`, `svc-${i}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'manifests.yaml'), text);
    bytes += text.length;
  }
  const { text: typing } = generateManifest(300, 7);
  writeFileSync(join(dir, 'typing.yaml'), typing);
  return { dir, typing, bytes };
}

function median(xs) {
  const sorted = xs.filter((x) => x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? undefined : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Sessions on one workspace as one: each figure the median of theirs. */
function medianSession(sessions) {
  if (sessions.length === 1) return sessions[0];
  const of = (f) => median(sessions.map(f));
  return {
    ...sessions[0],
    indexMs: of((s) => s.indexMs),
    during: { ...sessions[0].during, p50: of((s) => s.during.p50), p95: of((s) => s.during.p95) },
    idle: { ...sessions[0].idle, p50: of((s) => s.idle.p50), p95: of((s) => s.idle.p95) },
    peakRssMB: of((s) => s.peakRssMB),
    sessions: sessions.map((s) => ({ indexMs: s.indexMs, during: s.during.p50, idle: s.idle.p50, peakRssMB: s.peakRssMB })),
  };
}

async function session(folder, typing, label, edits) {
  const logs = [];
  let indexedAt;
  const client = new LspClient(
    [process.execPath, ...(process.env.KZD_BENCH_NODE_ARGS ? process.env.KZD_BENCH_NODE_ARGS.split(' ') : []), SERVER, '--stdio'],
    {
      log: (line) => {
        logs.push(line);
        if (/Workspace index: .*YAML files indexed/.test(line)) indexedAt ??= performance.now();
      },
    },
  );
  const uri = folder ? pathToFileURL(join(folder, 'typing.yaml')).href : 'file:///nowhere/typing.yaml';
  await client.request('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: 'bench' }] : null,
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
    },
  });
  client.notify('initialized', {});
  const t0 = performance.now();
  let version = 1;
  const opened = client.waitForPublish((p) => p.uri === uri && p.version === 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: typing } });
  const firstPublish = (await opened).t - t0;

  // Type at the end of the first `image:` line: one character per edit.
  const lines = typing.split('\n');
  const line = lines.findIndex((l) => /^\s+image: /.test(l));
  let character = lines[line].length;
  const edit = async () => {
    version++;
    const v = version;
    const published = client.waitForPublish((p) => p.uri === uri && p.version === v, { what: `diagnostics v${v}` });
    const start = performance.now();
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'a' }],
    });
    character++;
    const pub = await published;
    return pub.t - start;
  };

  const during = [];
  if (folder) {
    while (indexedAt === undefined && during.length < 100000) during.push(await edit());
  } else {
    // As many edits as a small workspace's indexing lets through, unmeasured: both sessions measure a warm server.
    for (let i = 0; i < 200; i++) await edit();
  }
  const indexMs = indexedAt === undefined ? undefined : indexedAt - t0;
  // Let the re-lint that follows the index settle (settling only: not measured).
  await client.waitForQuiet(300, 20000);
  const idle = [];
  for (let i = 0; i < edits; i++) idle.push(await edit());
  const rss = client.peakRss();
  await client.close();
  return {
    label,
    firstPublishMs: Math.round(firstPublish),
    indexMs: indexMs && Math.round(indexMs),
    during: stats(during),
    idle: stats(idle),
    peakRssMB: rss && Math.round(rss / 1048576),
    log: logs.filter((l) => /Workspace index/.test(l)),
  };
}

/**
 * One workspace of `files` files: a session without a workspace folder (the reference), then `repeat` sessions
 * with it. Returns { bytes, alone, indexed } (see `session`); with several sessions, `indexed` holds the median
 * of their figures and `sessions` each one.
 */
export async function benchWorkspace({ files, edits = 200, repeat = 1 }) {
  const { dir, typing, bytes } = makeWorkspace(files);
  try {
    const alone = await session(undefined, typing, 'no workspace folder (no index)', edits);
    const sessions = [];
    for (let i = 0; i < repeat; i++) sessions.push(await session(dir, typing, `workspace of ${files} files`, edits));
    return { files, bytes, alone, indexed: medianSession(sessions) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = Number(process.argv[2] ?? 2000);
  const { bytes, alone, indexed } = await benchWorkspace({ files, edits: Number(process.argv[3] ?? 200) });
  console.log(`workspace: ${files} files + typing.yaml, ${(bytes / 1048576).toFixed(1)} MB`);
  for (const result of [alone, indexed]) {
    console.log(`\n${result.label}`);
    console.log(
      `  first diagnostics after open: ${result.firstPublishMs} ms${result.indexMs !== undefined ? `; index built in ${result.indexMs} ms after initialized` : ''}`,
    );
    if (result.during.n) console.log(`  edit -> diagnostics while indexing: ${JSON.stringify(result.during)} (ms)`);
    console.log(`  edit -> diagnostics idle:           ${JSON.stringify(result.idle)} (ms)`);
    console.log(`  server peak RSS: ${result.peakRssMB} MB`);
    for (const line of result.log) console.log(`  ${line}`);
  }
}
