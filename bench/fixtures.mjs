// The file measured at each size (generated from a seed, written to a folder of its own) and the plan of
// one-character edits made to it: one plan, so that the engine's re-lint and every server do the same edits.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateManifest, parseSize } from './generate.mjs';
import { RESULTS, SEED } from './options.mjs';
import { median, quantile } from './stats.mjs';

export function fixture(sizeName) {
  const target = parseSize(sizeName);
  const gen = generateManifest(target, SEED);
  // A folder per file: it is the server's workspace folder, which must not hold the other sizes' files (the
  // server would index them beside the file being measured).
  const dir = join(RESULTS, 'fixtures', sizeName);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `manifest-${sizeName}.yaml`);
  writeFileSync(file, gen.text);
  return { sizeName, file, uri: pathToFileURL(file).href, ...gen };
}

/**
 * One-character insertions in documents spread evenly over the file (cycling when the file has fewer documents
 * than edits), of three types in turn, because they cost a server very different amounts of work:
 *   name    — at the end of `metadata.name` (renames an object: may change what other documents see),
 *   value   — inside an ordinary value (`image:`, env `value:`, probe `path:`, …: local to its document),
 *   comment — at the end of a `# Source:` comment (changes no data at all).
 * Without the wanted kind of line, the next document that has one is edited (else a `name` edit). Returns { line, column, kind, type } in edit order.
 */
export const EDIT_TYPES = ['name', 'value', 'comment'];
const VALUE_LINE = /^\s+(?:- )?(?:image|value|path|host|mountPath|storageClassName): \S/;
export function editPlan(text, n) {
  const lines = text.split('\n');
  const docs = [];
  let cur = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('---')) {
      cur = null;
      continue;
    }
    if (!cur) {
      cur = { kind: '?', name: -1, value: -1, comment: -1 };
      docs.push(cur);
    }
    if (l.startsWith('kind: ')) cur.kind = l.slice(6).trim();
    else if (cur.name < 0 && l.startsWith('  name: ')) cur.name = i;
    else if (cur.comment < 0 && l.startsWith('# Source: ')) cur.comment = i;
    else if (cur.value < 0 && VALUE_LINE.test(l) && !/[[{]/.test(l)) cur.value = i;
  }
  const named = docs.filter((d) => d.name >= 0);
  const plan = [];
  for (let k = 0; k < n; k++) {
    // scattered over the file, in a shuffled order (7919 is prime)
    let i = named.length >= n ? Math.floor(((((k * 7919) % n) + 0.5) * named.length) / n) : k % named.length;
    let type = EDIT_TYPES[k % EDIT_TYPES.length];
    // the nearest following document (up to 10 on) that has that kind of line, else a rename here
    for (let j = 0; j < 10 && j < named.length; j++) {
      if (named[(i + j) % named.length][type] >= 0) {
        i = (i + j) % named.length;
        break;
      }
    }
    const d = named[i];
    if (d[type] < 0) type = 'name';
    const line = d[type];
    // inside the closing quote of a quoted value, else at the end of the line
    const column = /"$/.test(lines[line]) ? lines[line].length - 1 : lines[line].length;
    plan.push({ line, column, kind: d.kind, type });
  }
  return plan;
}

/** Applies the plan's edits one by one to a line array; yields each edit with its offset in the text before it. */
export function* applyPlan(lines, plan, chars = 'abcdefghijklmnopqrstuvwxyz') {
  const lineStart = new Array(lines.length);
  let k = 0;
  for (const e of plan) {
    // offsets only shift by one per edit: recomputing the prefix sums is cheap next to what is measured
    let off = 0;
    for (let i = 0; i < lines.length; i++) {
      lineStart[i] = off;
      off += lines[i].length + 1;
    }
    const ch = chars[k++ % chars.length];
    const column = Math.min(e.column, lines[e.line].length);
    const offset = lineStart[e.line] + column;
    lines[e.line] = lines[e.line].slice(0, column) + ch + lines[e.line].slice(column);
    yield { ...e, column, ch, offset };
  }
}

export function byType(latencies, plan) {
  const out = {};
  for (const t of EDIT_TYPES) {
    const xs = latencies.filter((_, i) => plan[i]?.type === t);
    if (xs.length) out[t] = { n: xs.length, median: median(xs), p95: quantile(xs, 0.95) };
  }
  return out;
}
