// The speed targets of issues 5, 13 and 15, judged on one run's results: one line per target, its figure, met or
// NOT met (and by how much). Used by bench/run.mjs for the report's "Targets" section.

export const fmtMs = (x) =>
  x == null || Number.isNaN(x) ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`;
const fmtMb = (b) => (b == null ? '–' : `${Math.round(b / 2 ** 20)} MB`);
const times = (x) => (x == null || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`);
const pct = (x) => (x == null ? '–' : `${x.toFixed(0)}%`);
const mark = (ok, missedBy) => (ok ? 'met' : `NOT met${missedBy ? ` (by ${missedBy})` : ''}`);

/** Issue 15: a doubling of the input should about double the time (linear), or leave it unchanged (ideal ×1). */
const GROWTH_TARGETS = {
  'map-parse': 2.5,
  'map-lint': 2.5,
  'cli-wall': 2.5,
  'cli-cpu': 2.5,
  'workspace-index': 2.5,
  'workspace-edit-during': 1.5,
  'workspace-edit-idle': 1.5,
  'workspace-rss': 2.5,
};

export function targets(results) {
  const lines = [];
  const get = (size, server) => results.lsp.find((r) => r.sizeName === size && r.server === server && !r.error && !r.skipped);
  const eng = (size) => results.engine.find((e) => e.sizeName === size);
  const o100 = get('100', 'ours');
  if (o100)
    lines.push(
      `- 100 lines: diagnostics after a change < 10 ms: median ${fmtMs(o100.editMedianMs)}, p95 ${fmtMs(o100.editP95Ms)} — ${mark(o100.editMedianMs < 10)}`,
    );
  for (const size of ['20k', '200k']) {
    const o = get(size, 'ours');
    if (o)
      lines.push(
        `- ${size}: edit→diagnostics median < 16 ms: ${fmtMs(o.editMedianMs)} (the server's CPU per edit ${fmtMs(o.editCpuMs)}) — ${mark(o.editMedianMs < 16, times(o.editMedianMs / 16))}`,
      );
  }
  for (const size of ['2k', '20k', '200k']) {
    const o = get(size, 'ours');
    const t = get(size, 'theirs');
    const e = eng(size);
    if (o && e?.parseCold) {
      const r = o.firstDiagnosticsMs / e.parseCold;
      lines.push(
        `- ${size}: complete first diagnostics ≤ 1.2× the cold bare parse (${fmtMs(e.parseCold)}): ${fmtMs(o.firstDiagnosticsMs)} = ${times(r)} — ${mark(r <= 1.2, times(r / 1.2))}`,
      );
    }
    if (o && t) {
      const r = t.firstDiagnosticsMs / o.firstDiagnosticsMs;
      lines.push(
        `- ${size}: first diagnostics at least 2× faster than yaml-language-server: ${fmtMs(o.firstDiagnosticsMs)} vs ${fmtMs(t.firstDiagnosticsMs)} = ${times(r)} faster — ${mark(r >= 2)}`,
      );
    }
    if (e?.lint && size !== '2k')
      lines.push(
        `- ${size}: engine analysis on top of parse < 20%: ${pct(e.overheadPct)} of the whole-file parse — ${mark(e.overheadPct < 20)}; ${pct(e.overheadVsSplitPct)} on top of the per-document parse it does itself`,
      );
  }
  const o200 = get('200k', 'ours');
  if (o200)
    lines.push(
      `- 200k: peak server RSS < 400 MB: ${fmtMb(o200.peakRss)} — ${mark(o200.peakRss < 400 * 2 ** 20, fmtMb(o200.peakRss - 400 * 2 ** 20))}`,
    );
  const k = results.kustomize;
  if (k)
    lines.push(
      `- Kustomize: re-lint after an edit to a base < 20 ms: median ${fmtMs(k.relint.median)}, p95 ${fmtMs(k.relint.p95)} — ${mark(k.relint.median < 20)}`,
    );
  for (const row of results.scaling ?? []) {
    const limit = GROWTH_TARGETS[row.key];
    if (!limit) continue;
    const factor = row.ms[1] / row.ms[0];
    const ideal = limit < 2 ? 'ideal ×1' : 'linear ×2';
    lines.push(`- growth, ${row.what}: ×${factor.toFixed(2)} (${ideal}, target ≤ ×${limit}) — ${mark(factor <= limit)}`);
  }
  return lines;
}
