// Go's RE2 syntax (regexp/syntax, Perl flags) translated to a JavaScript RegExp with the same matches, following
// Go's parser where the two differ: flags set mid-pattern or for a group ((?i), (?i:...), (?-s), (?U) ungreedy),
// `.` excluding only \n, `^`/`$` under (?m) seeing only \n, ASCII \s without \v, character classes as Go reads
// them (`-` is a range only between two characters, so `[\w-\.]` is word characters, '-' and '.'; POSIX classes
// and their negations; a leading ']'), \Q...\E, \A, \z, octal and \x{...} escapes, scripts in \p{Greek}, and a
// `{` that starts no repetition as a literal. Case folding under a scoped (?i) covers ASCII letters and
// Unicode's k/K/K and s/S/ſ; a (?i) for the whole pattern uses JavaScript's full folding.

type Range = [number, number];
const MAX_RUNE = 0x10ffff;

const POSIX: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0, 0x7f]],
  blank: [
    [9, 9],
    [32, 32],
  ],
  cntrl: [
    [0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [9, 13],
    [32, 32],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** Perl classes: Go's are ASCII (\s has no \v). */
const PERL: Record<string, Range[]> = {
  d: POSIX.digit,
  s: [
    [9, 10],
    [12, 13],
    [32, 32],
  ],
  w: POSIX.word,
};

function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

const cp = (c: number): string => `\\u{${c.toString(16)}}`;
const rangesText = (ranges: Range[]): string => ranges.map(([lo, hi]) => (lo === hi ? cp(lo) : `${cp(lo)}-${cp(hi)}`)).join('');

/** Simple case folding orbits beyond ASCII that Go's (?i) includes for ASCII letters. */
const EXTRA_FOLDS: Record<number, number[]> = { 0x6b: [0x212a], 0x4b: [0x212a], 0x73: [0x17f], 0x53: [0x17f] };

/** The ranges plus their case-folded counterparts (ASCII letters, k and s). */
function foldRanges(ranges: Range[]): Range[] {
  const out = [...ranges];
  for (const [lo, hi] of ranges) {
    for (const [a, z, delta] of [
      [0x41, 0x5a, 0x20],
      [0x61, 0x7a, -0x20],
    ]) {
      const from = Math.max(lo, a);
      const to = Math.min(hi, z);
      if (from <= to) out.push([from + delta, to + delta]);
    }
    for (const [c, extra] of Object.entries(EXTRA_FOLDS)) {
      if (Number(c) >= lo && Number(c) <= hi) for (const e of extra) out.push([e, e]);
    }
  }
  return out;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

class Re2Error extends Error {}

/** A Go regexp as a JavaScript RegExp source and flags; throws Go-worded "error parsing regexp" errors. */
export function translateGoRegexp(pattern: string): { source: string; flags: string } {
  // A leading (?i) that is never turned off folds the whole pattern: JavaScript's own folding is Go's then.
  const wholeI = /^\(\?[msU]*i[msU]*\)/.test(pattern) && !/\(\?[a-zA-Z]*-[a-zA-Z]*i/.test(pattern);
  try {
    return { source: new Translator(pattern, wholeI).run(), flags: wholeI ? 'iu' : 'u' };
  } catch (e) {
    if (e instanceof Re2Error) throw new Error(`error parsing regexp: ${e.message}`, { cause: e });
    throw e;
  }
}

class Translator {
  private i = 0;
  private out = '';
  private readonly stack: Flags[] = [];
  private flags: Flags = { i: false, m: false, s: false, U: false };

  constructor(
    private readonly src: string,
    private readonly wholeI: boolean,
  ) {}

  run(): string {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '\\') this.escape();
      else if (c === '[') this.out += this.charClass();
      else if (c === '(') this.openGroup();
      else if (c === ')') {
        if (this.stack.length === 0) throw new Re2Error(`unexpected ): \`${s}\``);
        this.flags = this.stack.pop() as Flags;
        this.out += ')';
        this.i++;
      } else if (c === '|') {
        this.out += '|';
        this.i++;
      } else if (c === '.') {
        this.out += this.flags.s ? '[\\s\\S]' : '[^\\n]';
        this.i++;
      } else if (c === '^') {
        this.out += this.flags.m ? '(?:(?<![\\s\\S])|(?<=\\n))' : '(?<![\\s\\S])';
        this.i++;
      } else if (c === '$') {
        this.out += this.flags.m ? '(?=\\n|(?![\\s\\S]))' : '(?![\\s\\S])';
        this.i++;
      } else if (c === '*' || c === '+' || c === '?') {
        this.quantifier(c, 1);
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
        if (m) this.quantifier(m[0], m[0].length);
        else this.literal(c.codePointAt(0) ?? 0, 1);
      } else this.literal(s.codePointAt(this.i) ?? 0, String.fromCodePoint(s.codePointAt(this.i) ?? 0).length);
    }
    if (this.stack.length > 0) throw new Re2Error(`missing closing ): \`${s}\``);
    return this.out;
  }

  /** A repetition; under (?U) its greediness is swapped. */
  private quantifier(text: string, length: number): void {
    this.i += length;
    let lazy = false;
    if (this.src[this.i] === '?') {
      lazy = true;
      this.i++;
    }
    this.out += text + (lazy !== this.flags.U ? '?' : '');
  }

  private literal(code: number, length: number): void {
    this.i += length;
    this.out += this.literalText(code);
  }

  private literalText(code: number): string {
    if (this.flags.i && !this.wholeI) {
      const folded = foldRanges([[code, code]]);
      if (folded.length > 1) return `[${rangesText(folded)}]`;
    }
    const ch = String.fromCodePoint(code);
    return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
  }

  private openGroup(): void {
    const s = this.src;
    const rest = s.slice(this.i);
    this.stack.push({ ...this.flags });
    const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
    if (named) {
      this.out += `(?<${named[1]}>`;
      this.i += named[0].length;
      return;
    }
    if (!rest.startsWith('(?')) {
      this.out += '(';
      this.i++;
      return;
    }
    const m = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
    if (!m || (m[2] !== undefined && m[2] === '' && m[3] === ':' && m[1] === '')) {
      throw new Re2Error(`invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
    }
    const next = { ...this.flags };
    for (const f of m[1]) next[f as keyof Flags] = true;
    for (const f of m[2] ?? '') next[f as keyof Flags] = false;
    this.i += m[0].length;
    if (m[3] === ')') {
      // (?flags) sets them until the end of the enclosing group.
      this.stack.pop();
      this.flags = next;
      return;
    }
    this.flags = next;
    this.out += '(?:';
  }

  private escape(): void {
    const s = this.src;
    const n = s[this.i + 1];
    if (n === undefined) throw new Re2Error('trailing backslash at end of expression: ``');
    if (n === 'Q') {
      const end = s.indexOf('\\E', this.i + 2);
      const lit = s.slice(this.i + 2, end < 0 ? undefined : end);
      for (const ch of lit) this.out += this.literalText(ch.codePointAt(0) ?? 0);
      this.i = end < 0 ? s.length : end + 2;
      return;
    }
    const assertion: Record<string, string> = { A: '(?<![\\s\\S])', z: '(?![\\s\\S])', b: '\\b', B: '\\B' };
    if (n in assertion) {
      this.out += assertion[n];
      this.i += 2;
      return;
    }
    const cls = this.classEscape();
    if (cls) {
      this.out += cls.negatedUnicode ?? `[${cls.text}]`;
      return;
    }
    const { code, length } = this.classChar();
    this.i -= length;
    this.literal(code, length);
  }

  /** \d \s \w (and negations), \pX, \p{Name}: the class's JS text for inside brackets; moves past it. */
  private classEscape(): { text: string; negatedUnicode?: string } | undefined {
    const s = this.src;
    const n = s[this.i + 1];
    if (n !== undefined && 'dswDSW'.includes(n)) {
      const ranges = PERL[n.toLowerCase()];
      this.i += 2;
      return { text: rangesText(n === n.toUpperCase() ? complement(ranges) : ranges) };
    }
    if (n === 'p' || n === 'P') {
      let name: string;
      let length: number;
      if (s[this.i + 2] === '{') {
        const close = s.indexOf('}', this.i + 3);
        if (close < 0) throw new Re2Error(`invalid character class range: \`${s.slice(this.i)}\``);
        name = s.slice(this.i + 3, close);
        length = close + 1 - this.i;
      } else {
        name = s[this.i + 2] ?? '';
        length = 3;
      }
      let negated = n === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      const property = name === 'Any' || /^[A-Z][a-z]?$/.test(name) ? name : `Script=${name}`;
      this.i += length;
      return { text: `\\${negated ? 'P' : 'p'}{${property}}` };
    }
    return undefined;
  }

  /** One character of a class or a literal escape (Go's parseClassChar / parseEscape); moves past it. */
  private classChar(): { code: number; length: number } {
    const s = this.src;
    const start = this.i;
    if (s[start] !== '\\') {
      const code = s.codePointAt(start) ?? 0;
      this.i += String.fromCodePoint(code).length;
      return { code, length: this.i - start };
    }
    const n = s[start + 1];
    if (n === undefined) throw new Re2Error('trailing backslash at end of expression: ``');
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    let code: number;
    let end = start + 2;
    if (n in simple) code = simple[n];
    else if (n >= '0' && n <= '7') {
      const m = /^[0-7]{1,3}/.exec(s.slice(start + 1)) as RegExpExecArray;
      if (n !== '0' && m[0].length === 1) throw new Re2Error(`invalid escape sequence: \`\\${n}\``);
      code = parseInt(m[0], 8);
      end = start + 1 + m[0].length;
    } else if (n === 'x') {
      const m = /^x(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(s.slice(start + 1));
      if (!m || parseInt(m[1] ?? m[2], 16) > MAX_RUNE) throw new Re2Error(`invalid escape sequence: \`${s.slice(start, start + 4)}\``);
      code = parseInt(m[1] ?? m[2], 16);
      end = start + 1 + m[0].length;
    } else if (n.charCodeAt(0) < 0x80 && !/[A-Za-z0-9]/.test(n)) code = n.charCodeAt(0);
    else throw new Re2Error(`invalid escape sequence: \`\\${n}\``);
    this.i = end;
    return { code, length: end - start };
  }

  /** A bracketed class as Go's parseClass reads it, as JS class text. */
  private charClass(): string {
    const s = this.src;
    const open = this.i;
    this.i++;
    let negated = false;
    if (s[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const ranges: Range[] = [];
    let text = '';
    let first = true;
    while (first || s[this.i] !== ']') {
      if (this.i >= s.length) throw new Re2Error(`missing closing ]: \`${s.slice(open)}\``);
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(s.slice(this.i));
      if (posix) {
        const r = POSIX[posix[2]];
        if (!r) throw new Re2Error(`invalid character class range: \`${posix[0]}\``);
        ranges.push(...(posix[1] ? complement(r) : r));
        this.i += posix[0].length;
        continue;
      }
      if (s[this.i] === '\\') {
        const cls = this.classEscape();
        if (cls) {
          text += cls.text;
          continue;
        }
      }
      const lo = this.classChar().code;
      let hi = lo;
      // `-` makes a range only between two characters ([a-] and [\w-.] hold a literal '-').
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        this.i++;
        hi = this.classChar().code;
        if (hi < lo) throw new Re2Error(`invalid character class range: \`${s.slice(open, this.i)}\``);
      }
      ranges.push([lo, hi]);
    }
    this.i++;
    const folded = this.flags.i && !this.wholeI ? foldRanges(ranges) : ranges;
    const body = rangesText(folded) + text;
    if (body === '') return negated ? '[\\s\\S]' : '[]';
    return `[${negated ? '^' : ''}${body}]`;
  }
}
