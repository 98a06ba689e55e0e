// Semantic versions and constraints as Masterminds/semver v3.5.0 (the one Helm v3.21.4 builds with) reads them,
// one implementation for Sprig's `semver`/`semverCompare` and for the chart level: a chart's `kubeVersion`
// against the cluster version, and a dependency's `version` range against the subchart found in `charts/`
// (chartutil.IsCompatibleRange).
import { type FunctionTable, fn } from '../template/function';
import { GoObject, type GoValue, goInt, goObject } from '../template/value';

export interface SemVersion {
  major: number;
  minor: number;
  patch: number;
  pre: string;
  metadata: string;
}

const LOOSE_VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const MAX_VERSION_LENGTH = 256;
const MAX_CONSTRAINT_LENGTH = 512;
const MAX_CONSTRAINT_GROUPS = 32;

/** semver.NewVersion (coercing: `1`, `1.2`, `v1.2.3` are accepted). Returns an error message instead of throwing. */
export function parseVersion(text: string): SemVersion | string {
  if (text.length > MAX_VERSION_LENGTH) return `version string is too long (max ${MAX_VERSION_LENGTH} bytes)`;
  const m = LOOSE_VERSION.exec(text);
  if (!m) return 'invalid semantic version';
  const segment = (s: string | undefined): number | undefined => {
    if (s === undefined) return 0;
    const n = Number(s.replace(/^\./, ''));
    return Number.isSafeInteger(n) ? n : undefined;
  };
  const major = segment(m[1]);
  const minor = segment(m[2]);
  const patch = segment(m[3]);
  if (major === undefined || minor === undefined || patch === undefined) return 'error parsing version segment';
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  if (pre !== '') {
    for (const part of pre.split('.')) {
      if (/^[0-9]+$/.test(part) && part.length > 1 && part.startsWith('0')) return 'version segment starts with 0';
    }
  }
  return { major, minor, patch, pre, metadata };
}

export function compareVersions(a: SemVersion, b: SemVersion): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNumeric = /^[0-9]+$/.test(s);
  const oNumeric = /^[0-9]+$/.test(o);
  if (!sNumeric && !oNumeric) return s > o ? 1 : -1;
  if (!oNumeric) return -1;
  if (!sNumeric) return 1;
  return Number(s) > Number(o) ? 1 : -1;
}

type Op = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

interface Constraint {
  op: Op;
  version: SemVersion;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

export interface Constraints {
  groups: { constraints: Constraint[]; hasPre: boolean }[];
}

const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV =
  '(v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)';
const CV_PLAIN =
  'v?[0-9|x|X|\\*]+(?:\\.[0-9|x|X|\\*]+)?(?:\\.[0-9|x|X|\\*]+)?(?:-[0-9A-Za-z\\-]+(?:\\.[0-9A-Za-z\\-]+)*)?(?:\\+[0-9A-Za-z\\-]+(?:\\.[0-9A-Za-z\\-]+)*)?';
const CONSTRAINT = new RegExp(`^\\s*(${OPS})\\s*${CV}\\s*$`);
const RANGE = new RegExp(`\\s*(${CV_PLAIN})\\s+-\\s+(${CV_PLAIN})\\s*`, 'g');
const FIND = new RegExp(`(?:${OPS})\\s*(?:${CV_PLAIN})`, 'g');
const VALID = new RegExp(`^(\\s*(?:${OPS})\\s*(?:${CV_PLAIN})\\s*)((?:\\s+|,\\s*)(?:${OPS})\\s*(?:${CV_PLAIN})\\s*)*$`);

const isX = (s: string): boolean => s === 'x' || s === 'X' || s === '*';

/** semver.NewConstraint. Returns an error message instead of throwing. */
export function parseConstraints(text: string): Constraints | string {
  if (text.length > MAX_CONSTRAINT_LENGTH) return `constraint string is too long (max ${MAX_CONSTRAINT_LENGTH} bytes)`;
  const rewritten = text.replace(RANGE, (_all, from: string, to: string) => `>= ${from}, <= ${to} `);
  const ors = rewritten.split('||');
  if (ors.length > MAX_CONSTRAINT_GROUPS) return `too many constraint groups (max ${MAX_CONSTRAINT_GROUPS})`;
  const groups: Constraints['groups'] = [];
  for (const or of ors) {
    if (!VALID.test(or)) return `improper constraint: ${JSON.stringify(or)}`;
    const found = or.match(FIND) ?? [or];
    const constraints: Constraint[] = [];
    let hasPre = false;
    for (const piece of found) {
      const parsed = parseConstraint(piece);
      if (typeof parsed === 'string') return parsed;
      if (parsed.version.pre !== '') hasPre = true;
      constraints.push(parsed);
    }
    groups.push({ constraints, hasPre });
  }
  return { groups };
}

function parseConstraint(text: string): Constraint | string {
  const m = CONSTRAINT.exec(text);
  if (!m) return `improper constraint: ${JSON.stringify(text)}`;
  const op = m[1] as Op;
  const [major, minor, patch, preWithDash] = [m[3], m[4], m[5], m[6] ?? ''];
  let version = m[2];
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major)) {
    version = `0.0.0${preWithDash}`;
    dirty = true;
  } else if (minor === undefined || isX(minor.slice(1))) {
    minorDirty = dirty = true;
    version = `${major}.0.0${preWithDash}`;
  } else if (patch === undefined || isX(patch.slice(1))) {
    patchDirty = dirty = true;
    version = `${major}${minor}.0${preWithDash}`;
  }
  const parsed = parseVersion(version);
  if (typeof parsed === 'string') return 'constraint parser error';
  return { op, version: parsed, dirty, minorDirty, patchDirty };
}

export function satisfies(version: SemVersion, constraints: Constraints): boolean {
  return constraints.groups.some((group) => group.constraints.every((c) => check(version, c, group.hasPre)));
}

function check(v: SemVersion, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const cmp = compareVersions(v, c.version);
  const con = c.version;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : cmp === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || con.pre !== '') && comparePrerelease(v.pre, con.pre) !== 0;
      }
      return cmp !== 0;
    case '>':
      if (!c.dirty) return cmp === 1;
      if (v.major !== con.major) return v.major > con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return cmp === 1;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > con.major) return false;
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
}

function tilde(v: SemVersion, c: Constraint): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  return !(v.minor !== con.minor && !c.minorDirty);
}

function caret(v: SemVersion, c: Constraint): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0 || c.minorDirty) return v.major === con.major;
  if (v.major > 0) return false;
  if (con.minor > 0 || c.patchDirty) return v.minor === con.minor;
  if (v.minor > 0) return false;
  return con.patch === v.patch;
}

/** chartutil.IsCompatibleRange: false when either side does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  if (typeof v === 'string') return false;
  const c = parseConstraints(constraint);
  if (typeof c === 'string') return false;
  return satisfies(v, c);
}

// ---- Sprig ----

const versions = new WeakMap<GoObject, SemVersion>();

function versionString(v: SemVersion): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.metadata ? '+' + v.metadata : ''}`;
}

/** A *semver.Version with the methods templates call. */
function versionObject(v: SemVersion, original: string): GoObject {
  const str = versionString(v);
  const other = (o: GoValue): SemVersion => {
    const found = o instanceof GoObject ? versions.get(o) : undefined;
    if (!found) throw new Error('not a semver version');
    return found;
  };
  const o = goObject('*semver.Version', {
    methods: {
      Major: { params: [], fn: () => goInt(v.major, 'uint64') },
      Minor: { params: [], fn: () => goInt(v.minor, 'uint64') },
      Patch: { params: [], fn: () => goInt(v.patch, 'uint64') },
      Prerelease: { params: [], fn: () => v.pre },
      Metadata: { params: [], fn: () => v.metadata },
      Original: { params: [], fn: () => original },
      String: { params: [], fn: () => str },
      Compare: { params: ['*semver.Version'], fn: (x: GoValue) => goInt(compareVersions(v, other(x))) },
      LessThan: { params: ['*semver.Version'], fn: (x: GoValue) => compareVersions(v, other(x)) < 0 },
      GreaterThan: { params: ['*semver.Version'], fn: (x: GoValue) => compareVersions(v, other(x)) > 0 },
      Equal: { params: ['*semver.Version'], fn: (x: GoValue) => compareVersions(v, other(x)) === 0 },
    },
    format: () => str,
  });
  versions.set(o, v);
  return o;
}

export function semverFunctions(): FunctionTable {
  const version = (text: string): SemVersion => {
    const v = parseVersion(text);
    if (typeof v === 'string') throw new Error(v);
    return v;
  };
  return {
    semver: fn(['string'], ([s]) => versionObject(version(s as string), s as string)),
    semverCompare: fn(['string', 'string'], ([c, s]) => {
      const constraints = parseConstraints(c as string);
      if (typeof constraints === 'string') throw new Error(constraints);
      return satisfies(version(s as string), constraints);
    }),
  };
}
