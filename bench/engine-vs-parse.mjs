// In process: the engine (server/out/engine of this or the --baseline checkout) against the bare `yaml` parse on
// the same file, warm and cold (a fresh Node process, what a server pays for its first diagnostics), and the
// cached `Linter` re-lint after one-character edits.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyPlan, byType, editPlan } from './fixtures.mjs';
import { EDITS, quick, REPEAT, ROOT } from './options.mjs';
import { median, quantile, timeIt } from './stats.mjs';

const require = createRequire(import.meta.url);

/** One cold run in a fresh Node process: what a server pays for its first diagnostics. */
function coldRun(kind, file, root = ROOT) {
  const script =
    kind === 'parse'
      ? `const t=require('fs').readFileSync(${JSON.stringify(file)},'utf8');const Y=require('yaml');const s=performance.now();Y.parseAllDocuments(t);console.log(performance.now()-s)`
      : `const t=require('fs').readFileSync(${JSON.stringify(file)},'utf8');const E=require(${JSON.stringify(join(root, 'server', 'out', 'engine', 'index.js'))});const s=performance.now();E.lintText(t);console.log(performance.now()-s)`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
  const v = Number(r.stdout.trim());
  return r.status === 0 && Number.isFinite(v) ? v : null;
}

/** The median of REPEAT cold runs. */
function coldMedian(kind, file, root = ROOT) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) runs.push(coldRun(kind, file, root));
  return median(runs.filter((x) => x !== null));
}

export function loadEngine(root = ROOT) {
  const p = join(root, 'server', 'out', 'engine', 'index.js');
  if (!existsSync(p)) return { missing: `${p} not found (run \`npm run build\`)` };
  try {
    return require(p);
  } catch (e) {
    return { missing: `${p} failed to load: ${e.message}` };
  }
}

function splitAtMarkers(text) {
  // Rough floor for a per-document design: cut before every line starting with `---`.
  const out = [];
  let start = 0;
  const re = /^---/gm;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > start) out.push(text.slice(start, m.index));
    start = m.index;
  }
  out.push(text.slice(start));
  return out;
}

export function benchEngine(fx, yaml, engine, root = ROOT) {
  const budget = quick ? 500 : 2500;
  const maxRuns = quick ? 30 : 100;
  const r = { sizeName: fx.sizeName, lines: fx.lines, documents: fx.documents, bytes: fx.bytes };
  r.parseCold = coldMedian('parse', fx.file);
  r.parse = timeIt(() => yaml.parseAllDocuments(fx.text), { budgetMs: budget, maxRuns });
  r.parseKeepTokens = timeIt(() => yaml.parseAllDocuments(fx.text, { keepSourceTokens: true }), { budgetMs: budget, maxRuns });
  const pieces = splitAtMarkers(fx.text);
  r.splitParse = timeIt(
    () => {
      for (const p of pieces) yaml.parseAllDocuments(p);
    },
    { budgetMs: budget, maxRuns },
  );
  if (engine.missing) {
    r.engineMissing = engine.missing;
    return r;
  }
  let result;
  r.lintCold = coldMedian('lint', fx.file, root);
  r.lint = timeIt(
    () => {
      result = engine.lintText(fx.text);
    },
    { budgetMs: budget, maxRuns },
  );
  r.findings = result.findings.length;
  r.notices = result.notices.length;
  r.engineDocumentCount = result.documentCount;
  r.ratio = r.lint.median / r.parse.median;
  r.overheadMs = r.lint.median - r.parse.median;
  r.overheadPct = (100 * r.overheadMs) / r.parse.median;
  // The engine parses document by document, which is cheaper than one whole-file parse; so also show its
  // cost on top of that (its own) parse.
  r.overheadVsSplitMs = r.lint.median - r.splitParse.median;
  r.overheadVsSplitPct = (100 * r.overheadVsSplitMs) / r.splitParse.median;
  if (typeof engine.Linter === 'function') {
    // Cached re-lint after a one-character edit (what the engine's per-document cache buys), through
    // Linter.update(text, changes) when it exists (what the server calls), else Linter.lint(text).
    const linter = new engine.Linter();
    linter.lint(fx.text);
    const lines = fx.text.split('\n');
    const plan = editPlan(fx.text, Math.min(EDITS, 12));
    const times = [];
    for (const e of applyPlan(lines, plan)) {
      const text = lines.join('\n');
      const s = performance.now();
      if (typeof linter.update === 'function') linter.update(text, [{ offset: e.offset, length: 0, newText: e.ch }]);
      else linter.lint(text);
      times.push(performance.now() - s);
    }
    r.relint = {
      median: median(times),
      p95: quantile(times, 0.95),
      runs: times.length,
      method: typeof linter.update === 'function' ? 'update' : 'lint',
      byType: byType(times, plan),
    };
  }
  return r;
}
