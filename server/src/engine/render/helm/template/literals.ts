// Go's literal syntax in templates: numbers (strconv's bases, underscores, floats and hex floats, character
// constants) and quoted strings (strconv.Unquote).
import type { Token } from './lexer';
import type { NumberNode } from './nodes';

/** A number or character constant as Go's parse.NumberNode reads it; `fail` reports Go's errors. */
export function numberNode(token: Token, fail: (message: string) => never): NumberNode {
  const text = token.value;
  const node: NumberNode = { kind: 'number', pos: token.pos, text, isInt: false, isUint: false, isFloat: false, int: 0, float: 0 };
  if (token.type === 'charConstant') {
    const s = unquote(text, fail);
    const cp = s.codePointAt(0) ?? 0;
    return { ...node, isInt: true, isUint: true, isFloat: true, int: cp, float: cp };
  }
  if (text.endsWith('i')) fail(`complex numbers are not supported: ${JSON.stringify(text)}`);
  const asInt = goParseInt(text);
  if (asInt !== undefined) {
    node.isInt = asInt >= -(2n ** 63n) && asInt < 2n ** 63n;
    node.isUint = asInt >= 0n && asInt < 2n ** 64n;
    if (node.isInt || node.isUint) {
      node.int = Number(asInt);
      node.isFloat = true;
      node.float = Number(asInt);
      return node;
    }
  }
  const f = goParseFloat(text);
  if (f !== undefined) {
    if (!/[.eEpP]/.test(text) || (/^[+-]?0[xX]/.test(text) && !/[pP]/.test(text))) {
      fail(`integer overflow: ${JSON.stringify(text)}`);
    }
    node.isFloat = true;
    node.float = f;
    if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
      node.isInt = true;
      node.int = f;
      node.isUint = f >= 0;
    }
    return node;
  }
  return fail(`illegal number syntax: ${JSON.stringify(text)}`);
}

/** strconv.ParseInt(s, 0, 64)-style syntax (sign, 0x/0o/0b/leading-0 octal, underscores), as a bigint. */
function goParseInt(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  let body = m[2].replace(/_/g, '');
  if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
  const n = BigInt(body.toLowerCase().startsWith('0o') ? '0o' + body.slice(2) : body);
  return m[1] === '-' ? -n : n;
}

function goParseFloat(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(t);
  if (hex) {
    const mant = parseInt(hex[2] || '0', 16) + (hex[3] ? parseInt(hex[3], 16) / 16 ** hex[3].length : 0);
    const v = mant * 2 ** Number(hex[4]);
    return hex[1] === '-' ? -v : v;
  }
  return undefined;
}

/** strconv.Unquote for "..." (Go escapes), `...` and '.' (one rune). */
export function unquote(quoted: string, fail: (message: string) => never): string {
  const q = quoted[0];
  const body = quoted.slice(1, -1);
  if (q === '`') {
    if (!quoted.endsWith('`') || quoted.length < 2) return fail('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (quoted.length < 2 || quoted[quoted.length - 1] !== q) return fail('invalid syntax');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      if (c === q && q === '"') return fail('invalid syntax');
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e in simple) out += simple[e];
    else if (e === q) out += q;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return fail('invalid syntax');
      const code = parseInt(hex, 16);
      if (e === 'x') out += String.fromCharCode(code);
      else if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return fail('invalid syntax');
      else out += String.fromCodePoint(code);
      i += len;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return fail('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return fail('invalid syntax');
  }
  if (q === "'" && [...out].length !== 1) return fail('invalid syntax');
  return out;
}
