// Globs: the config file's `ignore:` patterns and the command line's quoted patterns. Paths are relative, with
// `/` separators. Like .gitignore: a pattern without a slash matches a file or folder name at any depth
// (`*.generated.yaml`, `vendor`), a pattern with a slash is anchored at the config's folder (`deploy/legacy/**`; a
// leading `/` only anchors), a trailing slash matches folders only, and a pattern that matches a folder ignores
// everything in it. `*` and `?` stay within one path segment, `**` spans segments, `{a,b}` and `[abc]` work as in
// shells. Matching walks the pattern and the path together in time proportional to their product: a pattern such
// as `*a*a*a*a*b` cannot make it backtrack exponentially, as a regular expression would.

export type PathMatcher = (relativePath: string) => boolean;

/** Braces expand to at most this many alternatives per pattern. */
const MAX_ALTERNATIVES = 256;

type Token =
  | { kind: 'char'; char: string }
  /** `?`: one character of a segment. */
  | { kind: 'one' }
  /** `*`: any run within a segment. */
  | { kind: 'segment' }
  /** `**`: any run, across segments. */
  | { kind: 'any' }
  /** `**` followed by `/` at a segment start: no folders, or any run of them (ending with `/`). */
  | { kind: 'folders' }
  | { kind: 'class'; ranges: [string, string][]; negated: boolean };

/** Why a pattern cannot be used, or undefined when it is fine. */
export function globError(pattern: string): string | undefined {
  if (pattern.includes('\\')) return 'use / as the path separator (backslashes are not supported)';
  let depth = 0;
  for (const char of pattern) {
    if (char === '{') depth++;
    else if (char === '}' && --depth < 0) return 'unbalanced }';
  }
  if (depth !== 0) return 'unbalanced {';
  if (/\[[^\]]*$/.test(pattern)) return 'unclosed [';
  if (expandBraces(pattern).length > MAX_ALTERNATIVES) return `braces expand to more than ${MAX_ALTERNATIVES} patterns`;
  return undefined;
}

export function compileIgnore(patterns: readonly string[]): PathMatcher {
  const compiled = patterns.map(compileIgnorePattern);
  return (relativePath) => {
    const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.length === 0 || segments[0] === '..') return false; // not below the config's folder
    for (const { matchers, directoryOnly } of compiled) {
      // The file itself, or any folder it lies in.
      for (let n = segments.length; n >= 1; n--) {
        if (directoryOnly && n === segments.length) continue;
        const path = segments.slice(0, n).join('/');
        if (matchers.some((tokens) => matches(tokens, path))) return true;
      }
    }
    return false;
  };
}

/** A shell-style glob matched against a whole `/`-separated path (command-line arguments). */
export function compileGlob(pattern: string): PathMatcher {
  const matchers = expandBraces(pattern.startsWith('./') ? pattern.slice(2) : pattern).map((body) => tokenize(body));
  return (relativePath) => matchers.some((tokens) => matches(tokens, relativePath));
}

/** Does a string contain glob syntax (so a command-line argument is a pattern, not a path)? */
export function isGlob(text: string): boolean {
  return /[*?[{]/.test(text);
}

function compileIgnorePattern(pattern: string): { matchers: Token[][]; directoryOnly: boolean } {
  let body = pattern.trim();
  const directoryOnly = body.endsWith('/');
  if (directoryOnly) body = body.replace(/\/+$/, '');
  const anchored = body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  if (body.startsWith('./')) body = body.slice(2);
  const anywhere: Token = { kind: 'folders' };
  const matchers = expandBraces(body).map((alternative) => {
    const tokens = tokenize(alternative);
    return anchored ? tokens : [anywhere, ...tokens];
  });
  return { matchers, directoryOnly };
}

/** `a{b,c{d,e}}` -> [ab, acd, ace]; stops growing past the cap (globError reports it). */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const parts: string[] = [];
  let partStart = open + 1;
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) {
      parts.push(pattern.slice(partStart, i));
      const head = pattern.slice(0, open);
      const results: string[] = [];
      for (const tail of expandBraces(pattern.slice(i + 1))) {
        for (const part of parts) {
          for (const inner of expandBraces(part)) {
            results.push(head + inner + tail);
            if (results.length > MAX_ALTERNATIVES) return results;
          }
        }
      }
      return results;
    } else if (char === ',' && depth === 1) {
      parts.push(pattern.slice(partStart, i));
      partStart = i + 1;
    }
  }
  return [pattern]; // unbalanced: globError says so
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        i++;
        if (glob[i + 1] === '/' && atStart) {
          i++;
          tokens.push({ kind: 'folders' });
        } else {
          tokens.push({ kind: 'any' });
        }
      } else {
        tokens.push({ kind: 'segment' });
      }
    } else if (char === '?') {
      tokens.push({ kind: 'one' });
    } else if (char === '[' && glob.indexOf(']', i + 1) > i) {
      const close = glob.indexOf(']', i + 1);
      let set = glob.slice(i + 1, close);
      const negated = set.startsWith('!') || set.startsWith('^');
      if (negated) set = set.slice(1);
      const ranges: [string, string][] = [];
      for (let j = 0; j < set.length; j++) {
        if (set[j + 1] === '-' && j + 2 < set.length) {
          ranges.push([set[j], set[j + 2]]);
          j += 2;
        } else ranges.push([set[j], set[j]]);
      }
      tokens.push({ kind: 'class', ranges, negated });
      i = close;
    } else {
      tokens.push({ kind: 'char', char });
    }
  }
  return tokens;
}

/** Does the token list match the whole path? Reachability over (token, position) states: O(tokens x length). */
function matches(tokens: Token[], path: string): boolean {
  const width = path.length + 1;
  // State (t, p, inside): before token t at path position p; `inside` marks being within a `folders` token.
  const seen = new Uint8Array((tokens.length + 1) * width * 2);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (t: number, p: number, inside: number): void => {
    const key = (t * width + p) * 2 + inside;
    if (!seen[key]) {
      seen[key] = 1;
      stack.push(key);
    }
  };
  while (stack.length > 0) {
    const key = stack.pop()!;
    const inside = key % 2;
    const p = Math.floor(key / 2) % width;
    const t = Math.floor(key / 2 / width);
    if (t === tokens.length) {
      if (p === path.length && !inside) return true;
      continue;
    }
    const token = tokens[t];
    const char = path[p];
    if (inside) {
      // Within `folders`: any characters, until a `/` closes one more folder.
      if (char === undefined) continue;
      push(t, p + 1, 1);
      if (char === '/') push(t + 1, p + 1, 0);
      continue;
    }
    switch (token.kind) {
      case 'char':
        if (char === token.char) push(t + 1, p + 1, 0);
        break;
      case 'one':
        if (char !== undefined && char !== '/') push(t + 1, p + 1, 0);
        break;
      case 'class':
        if (char !== undefined && token.ranges.some(([from, to]) => from <= char && char <= to) !== token.negated) push(t + 1, p + 1, 0);
        break;
      case 'segment':
        push(t + 1, p, 0);
        if (char !== undefined && char !== '/') push(t, p + 1, 0);
        break;
      case 'any':
        push(t + 1, p, 0);
        if (char !== undefined) push(t, p + 1, 0);
        break;
      case 'folders':
        push(t + 1, p, 0);
        push(t, p, 1);
        break;
    }
  }
  return false;
}
