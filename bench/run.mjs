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
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { benchEngine, loadEngine } from './engine-vs-parse.mjs';
import { EDIT_TYPES, fixture } from './fixtures.mjs';
import { withTimeout } from './lsp-client.mjs';
import { benchLsp, medianSession } from './lsp-session.mjs';
import { summarizeProfile, newestProfile } from './profile-summary.mjs';
import { benchKustomize } from './kustomize.mjs';
import { benchScaling, scalingTable } from './scaling.mjs';
import { benchCharts, chartsTable, chartsTarget } from './charts.mjs';
import { targets } from './targets.mjs';
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
import { BASELINE, LABELS, OURS, THEIRS } from './servers.mjs';
import { timeIt } from './stats.mjs';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- formatting
const ms = (x) =>
  x == null || Number.isNaN(x) ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`;
const mb = (b) => (b == null ? '–' : `${Math.round(b / 2 ** 20)} MB`);
const ratio = (a, b) => (a == null || b == null || !b ? '–' : `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}×`);
const pct = (x) => (x == null ? '–' : `${x.toFixed(0)}%`);

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function report(results) {
  const out = [];
  out.push(
    `## Benchmark (${new Date(results.startedAt).toISOString()}, ${results.machine.cpus}× ${results.machine.cpu}, ${results.machine.memGB} GB, Node ${results.machine.node}, yaml ${results.versions.yaml}, yaml-language-server ${results.versions.yamlLanguageServer})`,
  );
  if (results.engine.length) {
    out.push('', '### Engine vs bare `yaml` parse', '');
    const rows = results.engine.map((e) => [
      e.sizeName,
      e.lines,
      e.documents,
      `${(e.bytes / 2 ** 20).toFixed(2)} MB`,
      ms(e.parseCold),
      ms(e.parse.median),
      ms(e.parseKeepTokens.median),
      ms(e.splitParse.median),
      ms(e.lintCold),
      ms(e.lint?.median),
      ratio(e.lint?.median, e.parse.median),
      e.lint ? `${ms(e.overheadMs)} (${pct(e.overheadPct)})` : '–',
      e.lint ? `${ms(e.overheadVsSplitMs)} (${pct(e.overheadVsSplitPct)})` : '–',
      e.findings ?? '–',
      e.relint ? `${ms(e.relint.median)} / ${ms(e.relint.p95)}` : '–',
    ]);
    out.push(
      table(
        [
          'file',
          'lines',
          'docs',
          'size',
          'yaml parseAllDocuments, cold',
          'warm',
          'warm, keepSourceTokens',
          'warm, split at `---`, per doc',
          'engine lintText, cold',
          'warm',
          'engine/parse (warm)',
          'engine − parse',
          'engine − split parse',
          'findings',
          '`Linter` re-lint after 1-char edit (median / p95)',
        ],
        rows,
      ),
    );
    out.push(
      '',
      '_cold = one run in a fresh Node process (what a server pays for its first diagnostics); warm = median after JIT warm-up, same process._',
    );
    const missing = results.engine.find((e) => e.engineMissing);
    if (missing) out.push('', `_Engine skipped: ${missing.engineMissing}_`);
  }
  if (results.lsp.length) {
    out.push('', `### Language servers over stdio (${results.edits} one-character edits per file, in different documents)`, '');
    const rows = [];
    const bySize = new Map();
    for (const r of results.lsp) {
      if (!bySize.has(r.sizeName)) bySize.set(r.sizeName, {});
      bySize.get(r.sizeName)[r.server] = r;
    }
    const cell = (r, f) => (!r ? '–' : r.skipped ? 'skipped' : r.error ? 'error' : f(r));
    for (const [size, { ours, theirs }] of bySize) {
      const parse = results.engine.find((e) => e.sizeName === size)?.parseCold;
      rows.push([
        size,
        cell(ours, (r) => ms(r.firstDiagnosticsMs)),
        cell(theirs, (r) => ms(r.firstDiagnosticsMs)),
        ratio(ours?.firstDiagnosticsMs, theirs?.firstDiagnosticsMs),
        `${ratio(ours?.firstDiagnosticsMs, parse)} / ${ratio(theirs?.firstDiagnosticsMs, parse)}`,
        cell(ours, (r) => ms(r.editMedianMs)),
        cell(theirs, (r) => ms(r.editMedianMs)),
        ratio(ours?.editMedianMs, theirs?.editMedianMs),
        cell(ours, (r) => ms(r.editP95Ms)),
        cell(theirs, (r) => ms(r.editP95Ms)),
        cell(ours, (r) => ms(r.editCpuMs)),
        cell(theirs, (r) => ms(r.editCpuMs)),
        cell(ours, (r) => mb(r.peakRss)),
        cell(theirs, (r) => mb(r.peakRss)),
        ratio(ours?.peakRss, theirs?.peakRss),
      ]);
    }
    out.push(
      table(
        [
          'file',
          'first diagnostics: ours',
          'theirs',
          'ours/theirs',
          'first diag ÷ cold bare parse (ours / theirs)',
          'edit→diagnostics median: ours',
          'theirs',
          'ours/theirs',
          'p95: ours',
          'theirs',
          'server CPU per edit (mean): ours',
          'theirs',
          'peak RSS: ours',
          'theirs',
          'ours/theirs',
        ],
        rows,
      ),
    );
    const typeRows = [];
    const fmtType = (bt, t) => (bt?.[t] ? `${ms(bt[t].median)} / ${ms(bt[t].p95)} (${bt[t].n})` : '–');
    for (const e of results.engine)
      if (e.relint?.byType)
        typeRows.push([
          e.sizeName,
          `engine \`Linter.${e.relint.method}\` (in process)`,
          ...EDIT_TYPES.map((t) => fmtType(e.relint.byType, t)),
        ]);
    for (const r of results.lsp)
      if (r.editByType) typeRows.push([r.sizeName, LABELS[r.server], ...EDIT_TYPES.map((t) => fmtType(r.editByType, t))]);
    if (typeRows.length) {
      out.push(
        '',
        '#### Edit → diagnostics by kind of edit (median / p95 (count))',
        '',
        '_name: appends to `metadata.name` (renames an object other documents may refer to); value: inside an `image:`/`value:`/`path:`… value; comment: at the end of a `# Source:` comment._',
        '',
      );
      out.push(
        table(
          ['file', 'who', 'name', 'value', 'comment'],
          typeRows.sort((a, b) => sizeNames.indexOf(a[0]) - sizeNames.indexOf(b[0])),
        ),
      );
    }
    const notes = [];
    for (const r of results.lsp) {
      if (r.skipped) notes.push(`- ${r.server} ${r.sizeName}: skipped: ${r.skipped}`);
      if (r.error) notes.push(`- ${r.server} ${r.sizeName}: ERROR: ${r.error}`);
      if (!r.skipped && !r.error && !r.versioned)
        notes.push(
          `- ${r.server} ${r.sizeName}: publishDiagnostics carries no version; waited for the next publish after each change (sync kind ${r.syncKind})`,
        );
    }
    const uniq = [...new Set(notes.map((n) => n.replace(/ (100|2k|20k|200k|\d+k?):/, ':')))];
    if (uniq.length) out.push('', ...uniq);
  }
  if (results.baseline?.length) out.push('', ...baselineReport(results));
  const k = results.kustomize;
  if (k) {
    out.push(
      '',
      `### Kustomize (a root of ${k.resources} resources, ${k.findings} findings placed)`,
      '',
      table(
        ['what', 'median', 'p95', 'runs'],
        [
          ['build and lint the root (new judge)', ms(k.full.median), ms(k.full.p95), k.full.runs],
          ['re-lint after an edit to its base (judge kept)', ms(k.relint.median), ms(k.relint.p95), k.relint.runs],
        ],
      ),
    );
  }
  if (results.scaling?.length) {
    out.push(
      '',
      '### Growth when the input doubles (issue 15)',
      '',
      '_About ×2 is linear, about ×4 quadratic._',
      '',
      scalingTable(results.scaling),
    );
  }
  if (results.charts?.length) {
    out.push('', '### Helm charts: render and judge (issue 14)', '', chartsTable(results.charts));
  }
  const t = [...targets(results), ...(results.charts?.length ? chartsTarget(results.charts) : [])];
  if (t.length) out.push('', '### Targets (issues 5, 13, 14 and 15)', '', ...t);
  const la = (a) => a.map((x) => x.toFixed(2)).join(' ');
  out.push(
    '',
    `Total bench time: ${(results.totalMs / 1000).toFixed(0)} s. Load average at start ${la(results.loadAverageAtStart)}, at end ${la(results.loadAverageAtEnd)}${Math.max(results.loadAverageAtStart[0], results.loadAverageAtEnd[0]) > 0.7 ? ' — the machine was busy with other work: expect noisy timings' : ''}.`,
  );
  return out.join('\n');
}

/** This build beside the --baseline build: engine and server, the same fixtures, the same run. */
function baselineReport(results) {
  const rows = [];
  for (const size of sizeNames) {
    const now = results.engine.find((e) => e.sizeName === size);
    const then = results.baseline.find((e) => e.sizeName === size);
    const lspNow = results.lsp.find((r) => r.sizeName === size && r.server === 'ours' && !r.error && !r.skipped);
    const lspThen = results.lsp.find((r) => r.sizeName === size && r.server === 'baseline' && !r.error && !r.skipped);
    const pair = (a, b, f = ms) => `${f(a)} / ${f(b)} (${ratio(a, b)})`;
    rows.push([
      size,
      pair(now?.lintCold, then?.lintCold),
      pair(now?.lint?.median, then?.lint?.median),
      pair(now?.relint?.median, then?.relint?.median),
      pair(lspNow?.firstDiagnosticsMs, lspThen?.firstDiagnosticsMs),
      pair(lspNow?.editMedianMs, lspThen?.editMedianMs),
      pair(lspNow?.editP95Ms, lspThen?.editP95Ms),
      pair(lspNow?.editCpuMs, lspThen?.editCpuMs),
      pair(lspNow?.peakRss, lspThen?.peakRss, mb),
    ]);
  }
  return [
    `### This build vs the baseline (${baselineDir})`,
    '',
    '_Each cell: this build / baseline (ratio). Same fixtures, same run, alternating on the same machine._',
    '',
    table(
      [
        'file',
        'lintText cold',
        'lintText warm',
        'Linter re-lint after an edit',
        'server: first diagnostics',
        'edit→diagnostics median',
        'p95',
        'server CPU per edit',
        'peak RSS',
      ],
      rows,
    ),
  ];
}

// ---------------------------------------------------------------- main
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
