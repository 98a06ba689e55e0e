// The lexer of Go's text/template, as its parser needs it: text between actions, and inside `{{ }}` the tokens
// of the action language. Trim markers (`{{- ` and ` -}}`) are applied here, as Go does, by moving the text
// boundaries; comments (`{{/* */}}`) become comment tokens. Positions are UTF-16 offsets into the source.

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'comment'
  | 'identifier'
  | 'field'
  | 'variable'
  | 'string'
  | 'rawString'
  | 'charConstant'
  | 'punct'
  | 'number'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare'
  | 'assign'
  | 'space'
  | 'keyword'
  | 'eof'
  | 'error';

export interface Token {
  type: TokenType;
  /** Text of the token (for `text`, after trimming; for `error`, the message). */
  value: string;
  pos: number;
  /** For `rightDelim`: whether `-}}` trimmed the following text. For `leftDelim`: whether `{{-` trimmed. */
  trim?: boolean;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const LEFT = '{{';
const RIGHT = '}}';
const SPACE_CHARS = ' \t\r\n';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlphaNumeric(c: string): boolean {
  return c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
}

/** Tokenizes a whole template source. Errors end the stream with an `error` token. */
export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let parenDepth: number;
  let trimNextText = false;

  const emitText = (end: number, trimRight: boolean): void => {
    let start = pos;
    if (trimNextText) {
      while (start < end && isSpace(input[start])) start++;
    }
    let stop = end;
    if (trimRight) {
      while (stop > start && isSpace(input[stop - 1])) stop--;
    }
    if (stop > start) tokens.push({ type: 'text', value: input.slice(start, stop), pos: start });
  };

  for (;;) {
    const next = input.indexOf(LEFT, pos);
    if (next < 0) {
      emitText(input.length, false);
      tokens.push({ type: 'eof', value: '', pos: input.length });
      return tokens;
    }
    const trimLeft = input[next + 2] === '-' && isSpace(input[next + 3] ?? '');
    emitText(next, trimLeft);
    trimNextText = false;
    pos = next;
    tokens.push({ type: 'leftDelim', value: LEFT, pos, trim: trimLeft });
    pos += LEFT.length + (trimLeft ? 2 : 0);
    // A comment must follow the delimiter directly (after the trim marker's space).
    if (input.startsWith('/*', pos)) {
      const end = input.indexOf('*/', pos + 2);
      if (end < 0) return fail(tokens, 'unclosed comment', pos);
      const after = end + 2;
      // Go accepts exactly "*/}}" or "*/ -}}" (one space) here.
      const closeTrim = isSpace(input[after] ?? '') && input.startsWith('-' + RIGHT, after + 1);
      const closeAt = closeTrim ? after + 2 : after;
      if (!input.startsWith(RIGHT, closeAt)) return fail(tokens, 'comment ends before closing delimiter', pos);
      // Go emits a comment alone, without its delimiters.
      tokens.pop();
      tokens.push({ type: 'comment', value: input.slice(pos, after), pos });
      pos = closeAt + RIGHT.length;
      trimNextText = closeTrim;
      continue;
    }
    // Inside the action.
    parenDepth = 0;
    for (;;) {
      // Right delimiter, possibly with a trim marker (" -}}").
      if (isSpace(input[pos] ?? '') && trimRightAt(input, pos)) {
        let p = pos;
        while (isSpace(input[p])) p++;
        if (parenDepth > 0) return fail(tokens, 'unclosed left paren', pos);
        tokens.push({ type: 'rightDelim', value: RIGHT, pos: p + 1, trim: true });
        pos = p + 1 + RIGHT.length;
        trimNextText = true;
        break;
      }
      if (input.startsWith(RIGHT, pos)) {
        if (parenDepth > 0) return fail(tokens, 'unclosed left paren', pos);
        tokens.push({ type: 'rightDelim', value: RIGHT, pos });
        pos += RIGHT.length;
        break;
      }
      if (pos >= input.length) return fail(tokens, 'unclosed action', pos);
      const c = input[pos];
      const start = pos;
      if (isSpace(c)) {
        while (pos < input.length && isSpace(input[pos]) && !trimRightAt(input, pos)) {
          pos++;
        }
        tokens.push({ type: 'space', value: input.slice(start, pos), pos: start });
        continue;
      }
      if (c === '=') {
        tokens.push({ type: 'assign', value: '=', pos });
        pos++;
        continue;
      }
      if (c === ':') {
        if (input[pos + 1] !== '=') return fail(tokens, 'expected :=', pos);
        tokens.push({ type: 'declare', value: ':=', pos });
        pos += 2;
        continue;
      }
      if (c === '|') {
        tokens.push({ type: 'pipe', value: '|', pos });
        pos++;
        continue;
      }
      if (c === '"') {
        pos++;
        for (;;) {
          const d = input[pos];
          if (d === '\\') {
            pos += 2;
            continue;
          }
          if (d === undefined || d === '\n') return fail(tokens, 'unterminated quoted string', start);
          pos++;
          if (d === '"') break;
        }
        tokens.push({ type: 'string', value: input.slice(start, pos), pos: start });
        continue;
      }
      if (c === '`') {
        const end = input.indexOf('`', pos + 1);
        if (end < 0) return fail(tokens, 'unterminated raw quoted string', start);
        pos = end + 1;
        tokens.push({ type: 'rawString', value: input.slice(start, pos), pos: start });
        continue;
      }
      if (c === "'") {
        pos++;
        for (;;) {
          const d = input[pos];
          if (d === '\\') {
            pos += 2;
            continue;
          }
          if (d === undefined || d === '\n') return fail(tokens, 'unterminated character constant', start);
          pos++;
          if (d === "'") break;
        }
        tokens.push({ type: 'charConstant', value: input.slice(start, pos), pos: start });
        continue;
      }
      if (c === '$') {
        pos++;
        while (pos < input.length && isAlphaNumeric(input[pos])) pos++;
        tokens.push({ type: 'variable', value: input.slice(start, pos), pos: start });
        continue;
      }
      if (c === '.') {
        const d = input[pos + 1] ?? '';
        if (d < '0' || d > '9') {
          pos++;
          while (pos < input.length && isAlphaNumeric(input[pos])) pos++;
          if (pos === start + 1) {
            tokens.push({ type: 'dot', value: '.', pos: start });
          } else {
            if (!atTerminator(input, pos)) return fail(tokens, `bad character ${goQuoteRune(input[pos])}`, pos);
            tokens.push({ type: 'field', value: input.slice(start, pos), pos: start });
          }
          continue;
        }
      }
      if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        const m =
          /^[+-]?(0[xX][0-9a-fA-F_]*\.?[0-9a-fA-F_]*([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)i?/.exec(
            input.slice(pos, pos + 400),
          );
        const len = m ? m[0].length : 0;
        if (len === 0 || isAlphaNumeric(input[pos + len] ?? '') || input[pos + len] === '.') {
          return fail(tokens, `bad number syntax: ${JSON.stringify(input.slice(pos, pos + Math.max(len + 1, 1)))}`, pos);
        }
        pos += len;
        tokens.push({ type: 'number', value: input.slice(start, pos), pos: start });
        continue;
      }
      if (isAlphaNumeric(c)) {
        while (pos < input.length && isAlphaNumeric(input[pos])) pos++;
        const word = input.slice(start, pos);
        if (!atTerminator(input, pos)) return fail(tokens, `bad character ${goQuoteRune(input[pos])}`, pos);
        if (KEYWORDS.has(word)) tokens.push({ type: 'keyword', value: word, pos: start });
        else if (word === 'true' || word === 'false') tokens.push({ type: 'bool', value: word, pos: start });
        else if (word === 'nil') tokens.push({ type: 'nil', value: word, pos: start });
        else tokens.push({ type: 'identifier', value: word, pos: start });
        continue;
      }
      if (c === '(') {
        parenDepth++;
        tokens.push({ type: 'leftParen', value: c, pos });
        pos++;
        continue;
      }
      if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail(tokens, 'unexpected right paren', pos);
        tokens.push({ type: 'rightParen', value: c, pos });
        pos++;
        continue;
      }
      if (c >= '!' && c <= '~') {
        // Printable ASCII (',' in `range $i, $v :=`): the parser decides.
        tokens.push({ type: 'punct', value: c, pos });
        pos++;
        continue;
      }
      return fail(tokens, `unrecognized character in action: ${goQuoteRune(c)}`, pos);
    }
  }
}

/** A " -}}" right delimiter starts at pos (spaces, then "-}}"). */
function trimRightAt(input: string, pos: number): boolean {
  let p = pos;
  if (!isSpace(input[p] ?? '')) return false;
  while (isSpace(input[p] ?? '')) p++;
  return input.startsWith('-' + RIGHT, p);
}

/** Go's lexer: a word or field must be followed by space, punctuation that can follow, or the delimiter. */
function atTerminator(input: string, pos: number): boolean {
  const c = input[pos];
  if (c === undefined) return true;
  if (SPACE_CHARS.includes(c)) return true;
  if ('.,|:)('.includes(c)) return true;
  return input.startsWith(RIGHT, pos);
}

function goQuoteRune(c: string | undefined): string {
  if (c === undefined) return 'EOF';
  if (c === "'") return "'\\''";
  return `'${c}'`;
}

function fail(tokens: Token[], message: string, pos: number): Token[] {
  tokens.push({ type: 'error', value: message, pos });
  return tokens;
}
