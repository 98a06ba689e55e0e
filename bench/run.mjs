// `npm run bench`: engine vs bare `yaml` parse, and our language server vs yaml-language-server over stdio,
// on deterministic generated Kubernetes manifests of several sizes. A benchmark, not a test: it prints a
// markdown table to stdout and writes JSON to bench/results/.
//
//   node bench/run.mjs                      full run: 100, 2k, 20k, 200k lines, 24 edits per file
//   node bench/run.mjs --quick              smoke run: 100 and 2k lines, 5 edits, few repetitions
//   node bench/run.mjs --sizes 20k,200k     chosen sizes (100, 2k, 20k, 200k, or any number like 50k)
//   options: --edits N  --servers ours,theirs  --no-engine  --no-lsp  --no-scaling  --no-charts  --gap MS (pause between edits, default 50)
//            --seed N  --server-cpu-prof (profile our server; summary printed, .cpuprofile kept in bench/results/profiles)
//            --no-kustomize (skip the Kustomize rows: build and lint a root of 50 resources, re-lint after a base edit)
//            --repeat N (server sessions, cold runs and scaling rows N times each, medians reported; default 3, 1 with --quick)
//            --baseline DIR (another checkout of this project, built: its engine and server measured beside ours in
//            the same run, e.g. the previous release or main before a change)
//
// This file runs the parts in order and writes the results; each part lives in a module of its own: options.mjs
// (the command line), fixtures.mjs (the files and their edit plan), engine-vs-parse.mjs (in process),
// servers.mjs and lsp-session.mjs (over stdio), report.mjs (the markdown), and kustomize.mjs, scaling.mjs,
// charts.mjs, targets.mjs for the later sections.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { benchCharts } from './charts.mjs';
import { benchEngine, loadEngine } from './engine-vs-parse.mjs';
import { fixture } from './fixtures.mjs';
import { benchKustomize } from './kustomize.mjs';
import { withTimeout } from './lsp-client.mjs';
import { benchLsp, medianSession } from './lsp-session.mjs';
import {
  argv,
  baselineDir,
  doCharts,
  doEngine,
  doKustomize,
  doLsp,
  doScaling,
  EDITS,
  GAP_MS,
  quick,
  REPEAT,
  RESULTS,
  ROOT,
  SEED,
  serverCpuProf,
  servers,
  sizeNames,
  totalTimeoutMs,
} from './options.mjs';
import { summarizeProfile, newestProfile } from './profile-summary.mjs';
import { mb, ms, report } from './report.mjs';
import { benchScaling } from './scaling.mjs';
import { BASELINE, OURS, THEIRS } from './servers.mjs';
import { timeIt } from './stats.mjs';

const require = createRequire(import.meta.url);

async function main() {
  const startedAt = Date.now();
  mkdirSync(RESULTS, { recursive: true });
  const yaml = require('yaml');
  const results = {
    startedAt,
    argv,
    edits: EDITS,
    gapMs: GAP_MS,
    seed: SEED,
    loadAverageAtStart: os.loadavg(),
    machine: {
      cpu: os.cpus()[0]?.model ?? '?',
      cpus: os.cpus().length,
      memGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.versions.node,
      platform: `${os.platform()} ${os.release()}`,
    },
    versions: { yaml: require('yaml/package.json').version, yamlLanguageServer: require('yaml-language-server/package.json').version },
    engine: [],
    lsp: [],
    ...(baselineDir ? { baseline: [] } : {}),
  };
  const engine = doEngine ? loadEngine() : null;
  const baselineEngine = doEngine && baselineDir ? loadEngine(baselineDir) : null;
  if (baselineEngine?.missing) process.stderr.write(`baseline engine: ${baselineEngine.missing}\n`);
  if (engine?.missing) process.stderr.write(`engine: ${engine.missing}; engine columns skipped\n`);
  if (doLsp && servers.includes('ours') && !existsSync(OURS.entry))
    process.stderr.write(`ours: ${OURS.entry} not found; "ours" columns skipped (build with \`npm run build\`)\n`);
  if (os.loadavg()[0] > 0.7)
    process.stderr.write(`note: load average ${os.loadavg()[0].toFixed(2)}: other work is running, timings will be noisy\n`);
  if (!globalThis.gc) process.stderr.write('note: run with node --expose-gc for steadier engine timings\n');

  for (const sizeName of sizeNames) {
    const fx = fixture(sizeName);
    process.stderr.write(`[${sizeName}] ${fx.lines} lines, ${fx.documents} documents, ${(fx.bytes / 2 ** 20).toFixed(2)} MB\n`);
    if (doEngine) {
      const e = benchEngine(fx, yaml, engine);
      results.engine.push(e);
      if (baselineEngine && !baselineEngine.missing) results.baseline.push(benchEngine(fx, yaml, baselineEngine, baselineDir));
      process.stderr.write(
        `[${sizeName}] parse cold ${ms(e.parseCold)} warm ${ms(e.parse.median)}, keepSourceTokens ${ms(e.parseKeepTokens.median)}, split ${ms(e.splitParse.median)}, engine ${ms(e.lint?.median)}\n`,
      );
    }
    if (doLsp) {
      const chosen = [OURS, ...(BASELINE ? [BASELINE] : []), THEIRS].filter((s) => servers.includes(s.key) || s === BASELINE);
      const sessions = new Map(chosen.map((s) => [s, []]));
      // Interleaved (ours, theirs, ours, theirs...): a change of load during the run touches both alike.
      for (let round = 0; round < REPEAT; round++) {
        for (const s of chosen) {
          const started = performance.now();
          const r = await benchLsp(s, fx);
          r.wallMs = performance.now() - started;
          sessions.get(s).push(r);
          process.stderr.write(
            `[${sizeName}] ${s.label} (${round + 1}/${REPEAT}): ${r.skipped ? 'skipped' : r.error ? `ERROR ${r.error}` : `first ${ms(r.firstDiagnosticsMs)}, edit median ${ms(r.editMedianMs)} p95 ${ms(r.editP95Ms)}, peak RSS ${mb(r.peakRss)}`} (${ms(r.wallMs)} wall)\n`,
          );
          if (serverCpuProf && s.key === 'ours' && !r.skipped) {
            const prof = newestProfile(join(RESULTS, 'profiles'), started);
            if (prof) {
              r.cpuProfile = prof;
              process.stderr.write(`[${sizeName}] server CPU profile ${prof}\n${summarizeProfile(prof, 20)}\n`);
            }
          }
        }
      }
      for (const runs of sessions.values()) results.lsp.push(medianSession(runs));
    }
  }
  if (doEngine && doKustomize) {
    results.kustomize = benchKustomize(ROOT, timeIt);
    const k = results.kustomize;
    if (k)
      process.stderr.write(
        `[kustomize] build+lint ${ms(k.full.median)}, re-lint after a base edit ${ms(k.relint.median)} (p95 ${ms(k.relint.p95)})\n`,
      );
  }
  if (doScaling) results.scaling = await benchScaling({ quick, repeat: REPEAT, log: (line) => process.stderr.write(`${line}\n`) });
  if (doCharts) results.charts = await benchCharts({ quick, log: (line) => process.stderr.write(`${line}\n`) });
  results.totalMs = Date.now() - startedAt;
  results.loadAverageAtEnd = os.loadavg();
  const md = report(results);
  const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(RESULTS, `bench-${stamp}.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(RESULTS, 'latest.md'), md + '\n');
  process.stdout.write(md + '\n');
}

await withTimeout(main(), totalTimeoutMs, 'the whole benchmark').catch((e) => {
  process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
  process.exitCode = 1;
});
process.exit(); // do not hang on a server that refused to die
