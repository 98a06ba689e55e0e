// The two glob dialects a chart meets: Go's path.Match (.helmignore rules) and gobwas/glob with '/' as the
// separator (.Files.Glob). Both compile to a RegExp once; malformed patterns are reported as Go reports them.

/** Go's `path.ErrBadPattern` wording. */
export const BAD_PATTERN = 'syntax error in pattern';

/**
 * Compiles a pattern of Go's `path.Match`: `*` (any run of non-'/' characters), `?` (one non-'/' character),
 * `[...]`/`[^...]` classes with ranges, and `\` escapes. Returns undefined when Go would answer ErrBadPattern.
 */
export function compileGoMatch(pattern: string): RegExp | undefined {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') {
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      out += escapeChar(pattern[i + 1]);
      i += 2;
    } else if (c === '[') {
      const cls = goClass(pattern, i + 1);
      if (cls === undefined) return undefined;
      out += cls.source;
      i = cls.end;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  return new RegExp(`^${out}$`, 'su');
}

/** Go's `path.Match`; a malformed pattern matches nothing. */
export function goMatch(pattern: string, name: string): boolean {
  return compileGoMatch(pattern)?.test(name) ?? false;
}

// A Go character class starting after '['; Go rejects empty classes and dangling ranges.
function goClass(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start;
  let negated = false;
  if (pattern[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  let count = 0;
  for (;;) {
    if (i >= pattern.length) return undefined;
    if (pattern[i] === ']' && count > 0) break;
    const lo = classChar(pattern, i);
    if (lo === undefined) return undefined;
    i = lo.end;
    let item = escapeClassChar(lo.char);
    if (pattern[i] === '-') {
      const hi = classChar(pattern, i + 1);
      if (hi === undefined) return undefined;
      // Go accepts an inverted range; it just matches nothing.
      item = hi.codePoint < lo.codePoint ? '' : `${item}-${escapeClassChar(hi.char)}`;
      i = hi.end;
    }
    body += item;
    count++;
  }
  const source = negated ? `[^${body}]` : `[${body}]`;
  return { source, end: i + 1 };
}

function classChar(pattern: string, i: number): { char: string; codePoint: number; end: number } | undefined {
  if (i >= pattern.length) return undefined;
  const c = pattern[i];
  if (c === '-' || c === ']') return undefined;
  const at = c === '\\' ? i + 1 : i;
  if (at >= pattern.length) return undefined;
  const codePoint = pattern.codePointAt(at) ?? 0;
  return { char: String.fromCodePoint(codePoint), codePoint, end: at + (codePoint > 0xffff ? 2 : 1) };
}

/**
 * Compiles a gobwas/glob pattern with '/' as separator, as `.Files.Glob` does: `*` (non-'/' run), `**` (any
 * run), `?` (one non-'/' character), `[...]`/`[!...]` classes, `{a,b}` alternatives and `\` escapes.
 * Returns undefined for a pattern gobwas refuses (Helm then matches everything, as with `**`).
 */
export function compileFilesGlob(pattern: string): RegExp | undefined {
  const state = { i: 0 };
  const body = globSequence(pattern, state, false);
  if (body === undefined || state.i < pattern.length) return undefined;
  return new RegExp(`^${body}$`, 'su');
}

function globSequence(pattern: string, state: { i: number }, inAlternative: boolean): string | undefined {
  let out = '';
  while (state.i < pattern.length) {
    const c = pattern[state.i];
    if (inAlternative && (c === ',' || c === '}')) return out;
    if (c === '*') {
      if (pattern[state.i + 1] === '*') {
        out += '.*';
        state.i += 2;
      } else {
        out += '[^/]*';
        state.i++;
      }
    } else if (c === '?') {
      out += '[^/]';
      state.i++;
    } else if (c === '\\') {
      if (state.i + 1 >= pattern.length) return undefined;
      out += escapeChar(pattern[state.i + 1]);
      state.i += 2;
    } else if (c === '[') {
      const end = pattern.indexOf(']', state.i + 1);
      if (end < 0) return undefined;
      let inner = pattern.slice(state.i + 1, end);
      let negated = false;
      if (inner.startsWith('!')) {
        negated = true;
        inner = inner.slice(1);
      }
      if (inner === '') return undefined;
      const chars = [...inner].map((ch) => (ch === '-' ? '-' : escapeClassChar(ch))).join('');
      out += negated ? `[^${chars}]` : `[${chars}]`;
      state.i = end + 1;
    } else if (c === '{') {
      state.i++;
      const options: string[] = [];
      for (;;) {
        const option = globSequence(pattern, state, true);
        if (option === undefined || state.i >= pattern.length) return undefined;
        options.push(option);
        if (pattern[state.i] === '}') {
          state.i++;
          break;
        }
        state.i++; // ','
      }
      out += `(?:${options.join('|')})`;
    } else {
      out += escapeChar(c);
      state.i++;
    }
  }
  return inAlternative ? undefined : out;
}

function escapeChar(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClassChar(c: string): string {
  return c.replace(/[\]\\^-]/g, '\\$&');
}
