// Comparing our render of a chart with the real Helm's: per template file, the documents as data (document and
// key order aside, sequence order kept). Values that differ between two runs of Helm itself (random passwords,
// generated certificates, timestamps) are compared by shape only.
import type { RenderedChart } from '../../../../server/out/engine/render/helm';
import { canonical, helmOutputByTemplate, splitManifests, type HelmRun } from './chart-reference';

export interface Comparison {
  outcome: 'identical' | 'identical by shape' | 'both refuse' | 'differs';
  templates: number;
  objects: number;
  /** What differs, first difference first (empty when identical). */
  details: string[];
}

const VOLATILE = '<volatile>';

/** Helm's error message from its stderr (`Error: ...`, without the --debug hint). */
export function helmError(run: HelmRun): string {
  const text = run.stderr.replace(/\n\nUse --debug flag to render out invalid YAML\n?$/, '').trim();
  const at = text.indexOf('Error: ');
  return at >= 0 ? text.slice(at + 'Error: '.length) : text;
}

/**
 * Compares our render with Helm's. `volatile`: two renders of the same chart (Helm's, or ours) whose differences
 * mark the values compared by shape only.
 */
export function compareRender(helm: HelmRun, ours: RenderedChart, volatile?: [HelmRun, HelmRun]): Comparison {
  const ourErrors = [...ours.errors.map((e) => e.message), ...ours.templates.flatMap((t) => (t.error ? [t.error.message] : []))];
  if (helm.status !== 0) {
    const expected = helmError(helm);
    const same = ourErrors.some((m) => m === expected);
    return {
      outcome: same ? 'both refuse' : 'differs',
      templates: 0,
      objects: 0,
      details: same ? [] : [`Helm refuses: ${expected}`, ...(ourErrors.length ? [`ours: ${ourErrors[0]}`] : ['ours renders'])],
    };
  }
  const theirs = helmOutputByTemplate(helm.stdout);
  const masks = volatile
    ? volatileMasks(helmOutputByTemplate(volatile[0].stdout), helmOutputByTemplate(volatile[1].stdout))
    : new Map<string, Mask>();
  const details: string[] = [];
  if (ourErrors.length > 0) details.push(`ours fails: ${ourErrors[0]}`);
  const mine = new Map<string, string[]>();
  for (const t of ours.templates) {
    if (!t.rendered) continue;
    const docs = splitManifests(t.rendered.text);
    if (docs.length > 0) mine.set(t.template, docs);
  }
  let objects = 0;
  let masked = false;
  for (const name of new Set([...theirs.keys(), ...mine.keys()])) {
    const mask = masks.get(name);
    // Documents equal as text are equal as data: only the others are parsed.
    const [restTheirs, restMine] = withoutCommon(theirs.get(name) ?? [], mine.get(name) ?? []);
    objects += (theirs.get(name) ?? []).length;
    if (mask && mask.size > 0) masked = true;
    const diff = multisetDifference(
      restTheirs.map((d) => JSON.stringify(applyMask(canonical(d), mask))),
      restMine.map((d) => JSON.stringify(applyMask(canonical(d), mask))),
    );
    if (diff) details.push(`${name}: ${diff}`);
  }
  return {
    outcome: details.length > 0 ? 'differs' : masked ? 'identical by shape' : 'identical',
    templates: new Set([...theirs.keys()]).size,
    objects,
    details,
  };
}

/** Our render printed as `helm template` prints it: one `# Source:` header per document. */
export function asHelmOutput(chart: RenderedChart): HelmRun {
  const stdout = chart.templates
    .flatMap((t) => (t.rendered ? splitManifests(t.rendered.text).map((d) => `---\n# Source: ${t.template}\n${d}\n`) : []))
    .join('');
  return { status: 0, stdout, stderr: '' };
}

/** The two lists without the documents they share (as a multiset). */
function withoutCommon(a: string[], b: string[]): [string[], string[]] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const restA: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else restA.push(x);
  }
  const restB = [...counts].flatMap(([x, n]) => Array<string>(n).fill(x));
  return [restA, restB];
}

/** Paths (per template) whose leaf values differ between two Helm runs. */
type Mask = Set<string>;

function volatileMasks(first: Map<string, string[]>, second: Map<string, string[]>): Map<string, Mask> {
  const masks = new Map<string, Mask>();
  for (const [name, docs] of first) {
    const other = second.get(name) ?? [];
    const mask: Mask = new Set();
    docs.forEach((d, i) => {
      if (other[i] !== undefined && other[i] !== d) collectDifferences(canonical(d), canonical(other[i]), '', mask);
    });
    if (mask.size > 0) masks.set(name, mask);
  }
  return masks;
}

function collectDifferences(a: unknown, b: unknown, path: string, out: Mask): void {
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) collectDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.add(path);
}

/** Replaces masked leaves by their shape (the type, for strings the marker). */
function applyMask(doc: unknown, mask: Mask | undefined, path = ''): unknown {
  if (!mask || mask.size === 0) return doc;
  if (mask.has(path)) return typeof doc === 'string' ? VOLATILE : `${VOLATILE}:${typeof doc}`;
  if (Array.isArray(doc)) return doc.map((v, i) => applyMask(v, mask, `${path}/${i}`));
  if (doc && typeof doc === 'object') {
    return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, applyMask(v, mask, `${path}/${k}`)]));
  }
  return doc;
}

function multisetDifference(a: string[], b: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) - 1);
  const onlyHelm = [...counts].filter(([, n]) => n > 0).map(([x]) => x);
  const onlyOurs = [...counts].filter(([, n]) => n < 0).map(([x]) => x);
  if (onlyHelm.length === 0 && onlyOurs.length === 0) return undefined;
  const first = (s: string | undefined): string => (s === undefined ? '-' : s.length > 400 ? `${s.slice(0, 400)}...` : s);
  if (onlyHelm.length === 1 && onlyOurs.length === 1) {
    return `helm ${first(onlyHelm[0])} | ours ${first(onlyOurs[0])} | first difference: ${firstDifference(onlyHelm[0], onlyOurs[0])}`;
  }
  return `${onlyHelm.length} documents only in Helm's render (${first(onlyHelm[0])}), ${onlyOurs.length} only in ours (${first(onlyOurs[0])})`;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 60), i + 60)} ≠ …${b.slice(Math.max(0, i - 60), i + 60)}`;
}
