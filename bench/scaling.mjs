// Does the work grow linearly with the input? (issue 15) Each row is measured at two sizes, half and full, and
// reports the growth factor when the input doubles: about 2 is linear, about 4 quadratic.
//   - a ConfigMap of 100k and 200k keys (one mapping): the engine's parse (engine/model/documents.ts parseChunk,
//     which checks duplicate keys) and the whole lint (lintText), in process, median of `repeat` runs (3 at least);
//   - the CLI over 2,500 and 5,000 small manifest files in one folder tree (`node dist/cli.js <dir>`), wall time
//     median of `repeat` runs each (this includes the cross-file pass), and its CPU time (less disturbed by other work);
//   - the language server with a workspace folder of 10k and 20k such files (bench/workspace-index.mjs): the time
//     to index it, and the edit -> diagnostics median in another file of the folder while and after it is indexed
//     (these should not grow at all: about ×1), beside the same edits without a workspace folder.
// Part of `npm run bench` (skip with --no-scaling); alone: node --expose-gc bench/scaling.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateManifest } from './generate.mjs';
import { benchWorkspace } from './workspace-index.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function configMap(keys) {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', 'data:'];
  for (let i = 0; i < keys; i++) lines.push(`  key-${i}: "value ${i}"`);
  return `${lines.join('\n')}\n`;
}

/** The median of `runs` timings of fn. */
function medianOf(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function bigMap(quick, repeat) {
  const { parseChunk } = await import(pathToFileURL(join(ROOT, 'server', 'out', 'engine', 'model', 'documents.js')).href);
  const { lintText } = await import(pathToFileURL(join(ROOT, 'server', 'out', 'engine', 'index.js')).href);
  const full = quick ? 20_000 : 200_000;
  const sizes = [full / 2, full];
  const runs = Math.max(repeat, quick ? 1 : 3);
  const texts = sizes.map(configMap);
  const parse = texts.map((text) => medianOf(() => parseChunk(text), runs));
  const lint = texts.map((text) => medianOf(() => lintText(text), runs));
  const mb = (texts[1].length / 2 ** 20).toFixed(1);
  return [
    {
      key: 'map-parse',
      what: `ConfigMap of one mapping: parse (parseChunk), ${mb} MB at full size`,
      sizes: sizes.map(keysLabel),
      ms: parse,
    },
    { key: 'map-lint', what: 'the same: whole lint (lintText)', sizes: sizes.map(keysLabel), ms: lint },
  ];
}

function keysLabel(n) {
  return `${n / 1000}k keys`;
}

function cliOverFiles(quick, repeat) {
  const full = quick ? 500 : 5_000;
  const sizes = [full / 2, full];
  const ms = [];
  const cpu = [];
  for (const files of sizes) {
    const walls = [];
    const cpus = [];
    const dir = mkdtempSync(join(tmpdir(), 'kzd-bench-cli-'));
    try {
      for (let i = 0; i < files; i++) {
        // ~60-line files in 40 team folders, like a repository of per-service manifests.
        const sub = join(dir, `team-${i % 40}`, `svc-${i}`);
        mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, 'manifests.yaml'), generateManifest(40 + (i % 5) * 10, 1000 + i).text);
      }
      const preload = join(dir, 'cpu-report.cjs');
      writeFileSync(preload, CPU_REPORT);
      for (let i = 0; i < repeat; i++) {
        const start = performance.now();
        const run = spawnSync(process.execPath, ['--require', preload, CLI, '--format', 'json', dir], {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        });
        walls.push(performance.now() - start);
        cpus.push(cpuOf(run.stderr));
        if (run.status !== 0 && run.status !== 1) throw new Error(`CLI exited ${run.status}: ${run.stderr.slice(0, 500)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    ms.push(median(walls));
    cpu.push(median(cpus));
  }
  const labels = sizes.map((n) => `${n.toLocaleString('en-US')} files`);
  return [
    { key: 'cli-wall', what: 'CLI over a folder of small manifests (wall time)', sizes: labels, ms },
    { key: 'cli-cpu', what: 'the same: CPU time of the CLI process', sizes: labels, ms: cpu },
  ];
}

/** A script preloaded into the CLI's process that writes its CPU time (user + system, ms) last on stderr. */
const CPU_REPORT = `process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeSync(2, '\\ncpu-ms ' + (u.user + u.system) / 1000 + '\\n'); });`;

function cpuOf(stderr) {
  const match = /\ncpu-ms ([\d.]+)\n$/.exec(stderr);
  return match ? Number(match[1]) : NaN;
}

/** The language server with a workspace folder of half and full `files`: indexing, and edits in the folder. */
async function workspaceOfFiles(quick, repeat) {
  const full = quick ? 2_000 : 20_000;
  const sizes = [full / 2, full];
  const runs = [];
  for (const files of sizes) runs.push(await benchWorkspace({ files, edits: quick ? 30 : 100, repeat }));
  const labels = sizes.map((n) => `${n.toLocaleString('en-US')} files`);
  const alone = runs.map((run) => run.alone.idle.p50);
  const aloneText = `${formatMs(Math.min(...alone))}-${formatMs(Math.max(...alone))}`;
  return [
    {
      key: 'workspace-index',
      what: 'Server: indexing a workspace folder of small manifests (until "indexed")',
      sizes: labels,
      ms: runs.map((r) => r.indexed.indexMs),
    },
    {
      key: 'workspace-edit-during',
      what: 'the same: edit → diagnostics median in a file of the folder while it is indexed (ideal ×1)',
      sizes: labels,
      ms: runs.map((r) => r.indexed.during.p50),
    },
    {
      key: 'workspace-edit-idle',
      what: `the same: edit → diagnostics median once it is indexed (ideal ×1; without a workspace folder: ${aloneText})`,
      sizes: labels,
      ms: runs.map((r) => r.indexed.idle.p50),
    },
    {
      key: 'workspace-rss',
      what: 'the same: server peak RSS (MB, not ms)',
      sizes: labels,
      ms: runs.map((r) => r.indexed.peakRssMB),
      unit: 'MB',
    },
  ];
}

/** Rows of the scaling table, measured now. */
export async function benchScaling({ quick = false, repeat = 1, log = () => {} } = {}) {
  const rows = [];
  const add = (row) => {
    rows.push(row);
    log(`[scaling] ${row.what}: ${row.ms.map((x) => format(x, row.unit)).join(' -> ')}`);
  };
  for (const row of await bigMap(quick, repeat)) add(row);
  for (const row of cliOverFiles(quick, repeat)) add(row);
  for (const row of await workspaceOfFiles(quick, repeat)) add(row);
  return rows;
}

function formatMs(x) {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`;
}

function format(x, unit) {
  return unit === 'MB' ? `${Math.round(x)} MB` : formatMs(x);
}

/** The markdown table of scaling rows. */
export function scalingTable(rows) {
  const out = [
    '| input | half | full | growth when the input doubles |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.sizes[0]}: ${format(r.ms[0], r.unit)} | ${r.sizes[1]}: ${format(r.ms[1], r.unit)} | ×${(r.ms[1] / r.ms[0]).toFixed(2)} |`,
    ),
  ];
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const at = process.argv.indexOf('--repeat');
  const repeat = at > 0 ? Number(process.argv[at + 1]) : quick ? 1 : 3;
  const rows = await benchScaling({ quick, repeat, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${scalingTable(rows)}\n`);
}
