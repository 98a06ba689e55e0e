// Fuzz cases: windows of the shared corpora (../shared: real manifests, kustomizations, Helm chart files), each
// mutated one to three times: lines deleted, copied, swapped, re-indented, cut; values replaced by extreme
// numbers (.inf, 1e308, -5, 150%...), booleans, huge strings, deep nesting and aliases; fields added with such
// values; line ends, tabs and byte-order marks. Deterministic: a case is a function of (seed, index).
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Random = () => number;

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pick = <T>(next: Random, items: readonly T[]): T => items[Math.floor(next() * items.length)];

export interface Corpus {
  /** Texts by file, relative to ../shared. */
  files: { name: string; text: string }[];
  /** The same files by part: drawn from 2 : 2 : 1 (the corpus's 56 manifests are the richest in findings). */
  corpus: { name: string; text: string }[];
  kustomize: { name: string; text: string }[];
  helm: { name: string; text: string }[];
}

function yamlFiles(dir: string, out: string[]): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yamlFiles(full, out);
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out;
}

/** The shared corpora's YAML files (manifests, kustomize sources and goldens, Helm charts), sorted. */
export function loadCorpus(shared: string): Corpus {
  const parts: Record<string, Corpus['files']> = { 'corpus/files': [], kustomize: [], helm: [] };
  const files: Corpus['files'] = [];
  for (const part of ['corpus/files', 'kustomize', 'helm']) {
    const dir = path.join(shared, part);
    if (!fs.existsSync(dir)) continue;
    for (const file of yamlFiles(dir, []).sort()) {
      const bytes = fs.readFileSync(file);
      // UTF-16 files are decoded as the CLI would; the rest as UTF-8.
      const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.toString('utf16le', 2) : bytes.toString('utf8');
      const entry = { name: path.relative(shared, file), text };
      files.push(entry);
      parts[part].push(entry);
    }
  }
  return { files, corpus: parts['corpus/files'], kustomize: parts.kustomize, helm: parts.helm };
}

/** Keys whose values rules and the simulation read as numbers, percentages or durations. */
const NUMERIC_KEYS = [
  'replicas',
  'maxUnavailable',
  'maxSurge',
  'minReadySeconds',
  'progressDeadlineSeconds',
  'initialDelaySeconds',
  'periodSeconds',
  'timeoutSeconds',
  'successThreshold',
  'failureThreshold',
  'terminationGracePeriodSeconds',
  'seconds',
  'containerPort',
  'port',
  'targetPort',
  'minReplicas',
  'maxReplicas',
  'averageUtilization',
  'targetAverageUtilization',
  'minAvailable',
  'partition',
  'attempts',
];

const EXTREMES = [
  '.inf',
  '-.inf',
  '.nan',
  '1e308',
  '-1e308',
  '-5',
  '0',
  '-0',
  '1.5',
  '2147483648',
  '99999999999999999999',
  '150%',
  '-1%',
  '100%',
  'abc%',
  '"5"',
  '"1e308"',
  'true',
  'null',
  '~',
  '""',
  '[]',
  '{}',
  '0x10',
  '0o17',
  '5s',
  '!!binary aGVsbG8=',
  '!!str 5',
  '*nowhere',
];

function extreme(next: Random): string {
  const roll = next();
  if (roll < 0.06) return `"${'x'.repeat(1 + Math.floor(next() * 20_000))}"`;
  if (roll < 0.1) {
    const depth = pick(next, [10, 100, 255, 300, 2_000]);
    return next() < 0.5 ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
  }
  return pick(next, EXTREMES);
}

type Mutation = (lines: string[], next: Random, corpus: Corpus) => string;

const indentOf = (line: string) => /^\s*/.exec(line)![0];
/** `key: value` with the value on the line (`- key: value` too): [whole, dash, key]. */
const SCALAR_ENTRY = /^\s*(- )?([\w.-]+):\s+[^\s#|>&*!]/;

/** Mutations with their weights: values and fields keep the YAML valid, so they reach the rules most often. */
const MUTATIONS: [string, Mutation, number][] = [
  [
    'delete line',
    (lines, next) => {
      lines.splice(Math.floor(next() * lines.length), 1);
      return 'delete';
    },
    1,
  ],
  [
    'copy line',
    (lines, next) => {
      lines.splice(Math.floor(next() * lines.length), 0, pick(next, lines));
      return 'copy';
    },
    1,
  ],
  [
    'swap lines',
    (lines, next) => {
      const i = Math.floor(next() * lines.length);
      const j = Math.floor(next() * lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return 'swap';
    },
    1,
  ],
  [
    're-indent line',
    (lines, next) => {
      const i = Math.floor(next() * lines.length);
      lines[i] = next() < 0.5 ? ` ${' '.repeat(Math.floor(next() * 3))}${lines[i]}` : lines[i].replace(/^ {1,2}/, '');
      return 'indent';
    },
    1,
  ],
  [
    'cut',
    (lines, next) => {
      const at = Math.floor(next() * lines.length);
      const line = lines[at] ?? '';
      lines.splice(at, lines.length, line.slice(0, Math.floor(next() * line.length)));
      return 'cut';
    },
    1,
  ],
  [
    'extreme value',
    (lines, next) => {
      // A scalar value on the key's line (replacing a block value would only break the YAML): the rules'
      // numeric fields mostly, any field sometimes.
      const scalars = lines.map((line, i) => [line, i] as const).filter(([line]) => SCALAR_ENTRY.test(line));
      const numeric = scalars.filter(([line]) => NUMERIC_KEYS.includes(SCALAR_ENTRY.exec(line)![2]));
      const from = numeric.length > 0 && next() < 0.85 ? numeric : scalars;
      if (from.length === 0) return 'no value to replace';
      const [line, i] = pick(next, from);
      const value = extreme(next);
      lines[i] = line.replace(/:\s.*$/, `: ${value}`);
      return `value ${value.slice(0, 40)}`;
    },
    7,
  ],
  [
    'add field',
    (lines, next) => {
      // Before a map entry, at its indentation: a sibling (a duplicate key, sometimes).
      const entries = lines.map((line, i) => [line, i] as const).filter(([line]) => /^\s*[\w.-]+:/.test(line));
      if (entries.length === 0) return 'no entry to add beside';
      const [line, i] = pick(next, entries);
      const value = extreme(next);
      lines.splice(i, 0, `${indentOf(line)}${pick(next, NUMERIC_KEYS)}: ${value}`);
      return `add ${value.slice(0, 40)}`;
    },
    4,
  ],
  [
    'alias',
    (lines, next) => {
      const i = Math.floor(next() * lines.length);
      const j = Math.floor(next() * lines.length);
      if (/:\s*\S/.test(lines[i] ?? '')) lines[i] = lines[i].replace(/:\s*/, ': &fz ');
      if (/:\s*\S/.test(lines[j] ?? '')) lines[j] = lines[j].replace(/:\s.*$/, next() < 0.5 ? ': *fz' : ': *fz-missing');
      if (next() < 0.3) {
        lines.push(
          '---',
          'a: &a ["x","x","x","x","x","x","x","x","x"]',
          'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
          'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
          'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        );
      }
      if (next() < 0.3) lines.splice(i, 0, `${indentOf(lines[i] ?? '')}<<: *fz`);
      return 'alias';
    },
    2,
  ],
  [
    'line from another file',
    (lines, next, corpus) => {
      const other = pick(next, corpus.files).text.split('\n');
      lines.splice(Math.floor(next() * lines.length), 0, pick(next, other));
      return 'foreign line';
    },
    1,
  ],
  [
    'document markers',
    (lines, next) => {
      lines.splice(Math.floor(next() * lines.length), 0, pick(next, ['---', '...', '--- !!map', '%YAML 1.1', '---\n---']));
      return 'marker';
    },
    1,
  ],
];

const TOTAL_WEIGHT = MUTATIONS.reduce((sum, [, , weight]) => sum + weight, 0);

function weighted(next: Random): [string, Mutation] {
  let roll = next() * TOTAL_WEIGHT;
  for (const [name, mutate, weight] of MUTATIONS) {
    roll -= weight;
    if (roll < 0) return [name, mutate];
  }
  return [MUTATIONS[0][0], MUTATIONS[0][1]];
}

export interface Case {
  index: number;
  source: string;
  mutations: string[];
  text: string;
}

/** Case `index` of the run with `seed`. */
export function makeCase(corpus: Corpus, seed: number, index: number): Case {
  const next = random(seed * 1_000_003 + index);
  const part = pick(
    next,
    [corpus.corpus, corpus.corpus, corpus.kustomize, corpus.kustomize, corpus.helm].filter((p) => p.length > 0),
  );
  const file = pick(next, part);
  let lines = file.text.split('\n');
  // A window of the file (big files are mostly more of the same): at most 150 lines, from a document start.
  if (lines.length > 150) {
    const starts = lines.map((line, i) => (line.startsWith('---') ? i : -1)).filter((i) => i >= 0);
    const from = starts.length > 0 && next() < 0.7 ? pick(next, starts) : Math.floor(next() * (lines.length - 50));
    lines = lines.slice(from, from + 50 + Math.floor(next() * 100));
  }
  const mutations: string[] = [];
  const count = 1 + Math.floor(next() * 3);
  for (let m = 0; m < count && lines.length > 0; m++) {
    const [name, mutate] = weighted(next);
    mutations.push(`${name}: ${mutate(lines, next, corpus)}`);
  }
  let text = lines.join('\n');
  const roll = next();
  if (roll < 0.05) {
    text = text.replace(/\n/g, '\r\n');
    mutations.push('CRLF');
  } else if (roll < 0.07) {
    text = text.replace(/\n/g, '\r');
    mutations.push('CR only');
  } else if (roll < 0.09) {
    text = `\ufeff${text}`;
    mutations.push('BOM');
  } else if (roll < 0.11) {
    text = text.replace(/^ {2}/gm, '\t');
    mutations.push('tabs');
  }
  return { index, source: file.name, mutations, text };
}
