// The markdown report of bench/run.mjs, from its results object: the engine table, the language servers' tables,
// this build beside the --baseline build, Kustomize, growth, Helm charts and the targets. Also the number
// formats the progress lines on stderr use.
import { chartsTable, chartsTarget } from './charts.mjs';
import { EDIT_TYPES } from './fixtures.mjs';
import { baselineDir, sizeNames } from './options.mjs';
import { scalingTable } from './scaling.mjs';
import { LABELS } from './servers.mjs';
import { targets } from './targets.mjs';

export const ms = (x) =>
  x == null || Number.isNaN(x) ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`;
export const mb = (b) => (b == null ? '–' : `${Math.round(b / 2 ** 20)} MB`);
const ratio = (a, b) => (a == null || b == null || !b ? '–' : `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}×`);
const pct = (x) => (x == null ? '–' : `${x.toFixed(0)}%`);

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function report(results) {
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
