// Does the work grow linearly with the input? (issue 15) Each row is measured at two sizes, half and full, and
// reports the growth factor when the input doubles: about 2 is linear, about 4 quadratic.
//   - a ConfigMap of 100k and 200k keys (one mapping): the engine's parse (engine/documents.ts parseChunk, which
//     checks duplicate keys) and the whole lint (lintText), in process, best of a few runs;
//   - the CLI over 2,500 and 5,000 small manifest files in one folder tree (`node dist/cli.js <dir>`), wall time
//     of one run each (this includes the cross-file pass).
// Part of `npm run bench` (skip with --no-scaling); alone: node --expose-gc bench/scaling.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateManifest } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function configMap(keys) {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', 'data:'];
  for (let i = 0; i < keys; i++) lines.push(`  key-${i}: "value ${i}"`);
  return `${lines.join('\n')}\n`;
}

/** Best of `runs` (the least disturbed by other work on a shared machine). */
function best(fn, runs) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

async function bigMap(quick) {
  const { parseChunk } = await import(pathToFileURL(join(ROOT, 'server', 'out', 'engine', 'model', 'documents.js')).href);
  const { lintText } = await import(pathToFileURL(join(ROOT, 'server', 'out', 'engine', 'index.js')).href);
  const full = quick ? 20_000 : 200_000;
  const sizes = [full / 2, full];
  const runs = quick ? 2 : 3;
  const texts = sizes.map(configMap);
  const parse = texts.map((text) => best(() => parseChunk(text), runs));
  const lint = texts.map((text) => best(() => lintText(text), runs));
  const mb = (texts[1].length / 2 ** 20).toFixed(1);
  return [
    { what: `ConfigMap of one mapping: parse (parseChunk), ${mb} MB at full size`, sizes: sizes.map(keysLabel), ms: parse },
    { what: 'the same: whole lint (lintText)', sizes: sizes.map(keysLabel), ms: lint },
  ];
}

function keysLabel(n) {
  return `${n / 1000}k keys`;
}

function cliOverFiles(quick) {
  const full = quick ? 500 : 5_000;
  const sizes = [full / 2, full];
  const ms = [];
  for (const files of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'kzd-bench-cli-'));
    try {
      for (let i = 0; i < files; i++) {
        // ~60-line files in 40 team folders, like a repository of per-service manifests.
        const sub = join(dir, `team-${i % 40}`, `svc-${i}`);
        mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, 'manifests.yaml'), generateManifest(40 + (i % 5) * 10, 1000 + i).text);
      }
      const start = performance.now();
      const run = spawnSync(process.execPath, [CLI, '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
      ms.push(performance.now() - start);
      if (run.status !== 0 && run.status !== 1) throw new Error(`CLI exited ${run.status}: ${run.stderr.slice(0, 500)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [{ what: 'CLI over a folder of small manifests (wall time)', sizes: sizes.map((n) => `${n.toLocaleString('en-US')} files`), ms }];
}

/** Rows of the scaling table, measured now. */
export async function benchScaling({ quick = false, log = () => {} } = {}) {
  const rows = [];
  for (const row of await bigMap(quick)) {
    rows.push(row);
    log(`[scaling] ${row.what}: ${row.ms.map(formatMs).join(' -> ')}`);
  }
  for (const row of cliOverFiles(quick)) {
    rows.push(row);
    log(`[scaling] ${row.what}: ${row.ms.map(formatMs).join(' -> ')}`);
  }
  return rows;
}

function formatMs(x) {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`;
}

/** The markdown table of scaling rows. */
export function scalingTable(rows) {
  const out = [
    '| input | half | full | growth when the input doubles |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.sizes[0]}: ${formatMs(r.ms[0])} | ${r.sizes[1]}: ${formatMs(r.ms[1])} | ×${(r.ms[1] / r.ms[0]).toFixed(2)} |`,
    ),
  ];
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const rows = await benchScaling({ quick, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${scalingTable(rows)}\n`);
}
