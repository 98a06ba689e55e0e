// Masterminds/semver v3 as Sprig exposes it: `semver` parses a version into an object with Go's methods,
// `semverCompare` checks a constraint (ranges, ^, ~, x wildcards, "-0" pre-release floors, || and commas).
import { type FunctionTable, fn } from '../template/function';
import { GoObject, type GoValue, goInt, goObject } from '../template/value';

interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: string;
  meta: string;
  original: string;
}

const LOOSE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

export function parseVersion(s: string): Version {
  const m = LOOSE.exec(s);
  if (!m) throw new Error('Invalid Semantic Version');
  return {
    major: Number(m[1]),
    minor: m[2] ? Number(m[2].slice(1)) : 0,
    patch: m[3] ? Number(m[3].slice(1)) : 0,
    pre: m[5] ?? '',
    meta: m[8] ?? '',
    original: s,
  };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      if (Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    } else if (xn) return -1;
    else if (yn) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Bound {
  op: string;
  v: Version;
  /** Which parts were wildcards or missing ("1.2" has a wildcard patch). */
  wild: 'major' | 'minor' | 'patch' | 'none';
}

const CONSTRAINT =
  /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?\s*$/;

function parseBound(text: string): Bound {
  const m = CONSTRAINT.exec(text);
  if (!m) throw new Error(`improper constraint: ${text}`);
  const isWild = (p: string | undefined): boolean => p === undefined || /^[xX*]$/.test(p);
  const wild = isWild(m[2]) ? 'major' : isWild(m[3]) ? 'minor' : isWild(m[4]) ? 'patch' : 'none';
  const num = (p: string | undefined): number => (isWild(p) ? 0 : Number(p));
  return { op: m[1] ?? '', v: { major: num(m[2]), minor: num(m[3]), patch: num(m[4]), pre: m[5] ?? '', meta: '', original: text }, wild };
}

function bump(v: Version, part: 'major' | 'minor' | 'patch'): Version {
  if (part === 'major') return { ...v, major: v.major + 1, minor: 0, patch: 0, pre: '' };
  if (part === 'minor') return { ...v, minor: v.minor + 1, patch: 0, pre: '' };
  return { ...v, patch: v.patch + 1, pre: '' };
}

function check(b: Bound, v: Version): boolean {
  // A pre-release version only satisfies constraints that carry a pre-release themselves.
  if (v.pre !== '' && b.v.pre === '') return false;
  const c = compareVersions(v, b.v);
  const upper =
    b.wild === 'major' ? undefined : b.wild === 'minor' ? bump(b.v, 'major') : b.wild === 'patch' ? bump(b.v, 'minor') : undefined;
  switch (b.op) {
    case '':
    case '=':
      if (b.wild === 'major') return true;
      if (upper) return c >= 0 && compareVersions(v, upper) < 0;
      return c === 0;
    case '!=':
      if (b.wild === 'major') return false;
      if (upper) return c < 0 || compareVersions(v, upper) >= 0;
      return c !== 0;
    case '>':
      if (b.wild === 'major') return false;
      if (upper) return compareVersions(v, upper) >= 0;
      return c > 0;
    case '>=':
    case '=>':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
    case '=<':
      if (upper) return compareVersions(v, upper) < 0;
      return c <= 0;
    case '~':
    case '~>': {
      if (c < 0) return false;
      if (b.wild === 'major') return true;
      return compareVersions(v, bump(b.v, b.wild === 'minor' ? 'major' : 'minor')) < 0;
    }
    case '^': {
      if (c < 0) return false;
      if (b.wild === 'major') return true;
      if (b.v.major > 0 || b.wild === 'minor') return compareVersions(v, bump(b.v, 'major')) < 0;
      if (b.v.minor > 0 || b.wild === 'patch') return compareVersions(v, bump(b.v, 'minor')) < 0;
      return compareVersions(v, bump(b.v, 'patch')) < 0;
    }
  }
  return false;
}

/** Masterminds semver v3 Constraints.Check. */
export function satisfies(constraint: string, version: Version): boolean {
  return constraint.split('||').some((group) => {
    const parts = group
      .trim()
      .replace(/(^|[\s,])(\S+)\s+-\s+(\S+)/g, '$1>=$2,<=$3')
      .replace(/([=!<>~^]+)\s+/g, '$1')
      .split(/\s*,\s*|\s+/)
      .filter((p) => p.trim() !== '');
    if (parts.length === 0) throw new Error(`improper constraint: ${constraint}`);
    return parts.map(parseBound).every((b) => check(b, version));
  });
}

function versionObject(v: Version): GoObject {
  const str = `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.meta ? '+' + v.meta : ''}`;
  return goObject('*semver.Version', {
    methods: {
      Major: { params: [], fn: () => goInt(v.major, 'uint64') },
      Minor: { params: [], fn: () => goInt(v.minor, 'uint64') },
      Patch: { params: [], fn: () => goInt(v.patch, 'uint64') },
      Prerelease: { params: [], fn: () => v.pre },
      Metadata: { params: [], fn: () => v.meta },
      Original: { params: [], fn: () => v.original },
      String: { params: [], fn: () => str },
      Compare: { params: ['*semver.Version'], fn: (o: GoValue) => goInt(compareVersions(v, fromObject(o))) },
    },
    format: () => str,
  });
}

const objects = new WeakMap<GoObject, Version>();

function fromObject(o: GoValue): Version {
  const v = o instanceof GoObject ? objects.get(o) : undefined;
  if (!v) throw new Error('not a semver version');
  return v;
}

export function semverFunctions(): FunctionTable {
  return {
    semver: fn(['string'], ([s]) => {
      const v = parseVersion(s as string);
      const o = versionObject(v);
      objects.set(o, v);
      return o;
    }),
    semverCompare: fn(['string', 'string'], ([c, s]) => satisfies(c as string, parseVersion(s as string))),
  };
}
