// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function, hottest first.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative } from 'node:path';

export function newestProfile(dir, sinceMs = 0) {
  let best = null;
  try {
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.cpuprofile')) continue;
      const p = join(dir, f);
      const m = statSync(p).mtimeMs;
      if (m >= sinceMs - 1000 && (!best || m > best.m)) best = { p, m };
    }
  } catch {
    /* no dir */
  }
  return best?.p ?? null;
}

/**
 * `lastMs`: only the samples of the profile's last `lastMs` ms (e.g. a server's edits, after its first analysis);
 * `firstMs`: only those of its first `firstMs` ms (e.g. its start and first analysis).
 */
export function summarizeProfile(file, top = 25, lastMs = Infinity, firstMs = Infinity) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  // samples[i] was taken after timeDeltas[i] microseconds
  const from = prof.endTime - lastMs * 1000;
  const to = prof.startTime + firstMs * 1000;
  let at = prof.startTime;
  for (let i = 0; i < prof.samples.length; i++) {
    at += prof.timeDeltas[i] ?? 0;
    if (at >= from && at <= to) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const total = [...dt.values()].reduce((a, b) => a + b, 0);
  // Bundles (dist/server.js) have source maps: report original files and lines (server/src/..., node_modules/...).
  const maps = new Map();
  const original = (url, line, col) => {
    if (!maps.has(url)) {
      let m = null;
      try {
        if (url && existsSync(`${url}.map`)) m = new SourceMap(JSON.parse(readFileSync(`${url}.map`, 'utf8')));
      } catch {
        m = null;
      }
      maps.set(url, m);
    }
    const m = maps.get(url);
    const e = m?.findEntry(line, col);
    if (!e?.originalSource) return null;
    const src = e.originalSource.replace(/^file:\/\//, '');
    return { url: src.startsWith('/') ? src : join(dirname(url), src), line: e.originalLine };
  };
  const agg = new Map();
  const aggFile = new Map();
  for (const [id, us] of dt) {
    const cf = byId.get(id).callFrame;
    let url = cf.url ? cf.url.replace(/^file:\/\//, '') : '';
    let line = cf.lineNumber;
    const o = url ? original(url, cf.lineNumber, cf.columnNumber) : null;
    if (o) ({ url, line } = o);
    const short = url ? relative(process.cwd(), url) : '';
    const key = `${cf.functionName || '(anonymous)'}  ${short ? `${short}:${line + 1}` : ''}`;
    agg.set(key, (agg.get(key) ?? 0) + us);
    const fk = short ? short.replace(/(node_modules\/(?:@[^/]+\/)?[^/]+).*/, '$1') : cf.functionName || '(native)';
    aggFile.set(fk, (aggFile.get(fk) ?? 0) + us);
  }
  const fmt = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `total sampled ${(total / 1000).toFixed(0)} ms\n-- self time by function --\n${fmt(agg)}\n-- self time by file/package --\n${fmt(aggFile)}`;
}

// node bench/profile-summary.mjs <file.cpuprofile> [top] [--last MS | --first MS]
if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : Infinity);
  const top = Number(process.argv[3] ?? 30);
  process.stdout.write(summarizeProfile(process.argv[2], Number.isNaN(top) ? 30 : top, option('--last'), option('--first')) + '\n');
}
