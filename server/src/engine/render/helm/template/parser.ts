// The parser of Go's text/template (text/template/parse), with Go's checks and error wording: functions must
// be defined at parse time, variables declared before use, `break`/`continue` only inside `range`, and the
// pipeline rules ("non executable command in pipeline stage 2").
import { type Token, type TokenType, lex } from './lexer';
import {
  type ArgNode,
  type BranchNode,
  type CommandNode,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type StringNode,
  type TemplateNode,
  isEmptyTree,
} from './nodes';
import { lineAndColumn } from './position';

/** A parsed template: the file's own tree or a {{define}}/{{block}}. */
export interface Tree {
  name: string;
  /** The name of the template being parsed when this tree was defined (the file), as Go's ParseName. */
  parseName: string;
  /** Project path of the source, for origins. */
  file: string;
  source: string;
  root: ListNode;
}

/** A parse error with Go's wording (`template: NAME:LINE: message`). */
export class ParseError extends Error {
  constructor(
    readonly goMessage: string,
    readonly parseName: string,
    readonly offset: number,
    readonly source: string,
  ) {
    super(goMessage);
  }
}

interface EndNode {
  kind: 'end';
  pos: number;
}
interface ElseNode {
  kind: 'else';
  pos: number;
}
type ParsedNode = Node | EndNode | ElseNode;

/**
 * Parses `source` (named `name`) into its trees: the one named `name` plus every {{define}}/{{block}}.
 * `hasFunction` says whether a function name is defined (checked at parse time, as Go does).
 */
export function parseTemplate(name: string, source: string, file: string, hasFunction: (name: string) => boolean): Map<string, Tree> {
  const parser = new Parser(name, source, file, hasFunction);
  return parser.parseAll();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly trees = new Map<string, Tree>();
  /** The token most recently consumed, for error lines (Go's t.token[0]). */
  private current: Token;

  constructor(
    private readonly name: string,
    private readonly source: string,
    private readonly file: string,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.tokens = lex(source);
    this.current = this.tokens[0];
  }

  parseAll(): Map<string, Tree> {
    const root: ListNode = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const save = this.index;
        this.next();
        if (this.nextNonSpace().type === 'keyword' && this.current.value === 'define') {
          this.parseDefinition();
          continue;
        }
        this.index = save;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected {{${n.kind}}}`);
      root.nodes.push(n);
    }
    this.addTree(this.name, root);
    return this.trees;
  }

  private addTree(name: string, root: ListNode): void {
    const existing = this.trees.get(name);
    if (existing && !isEmptyTree(existing.root)) {
      if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${JSON.stringify(name)}`);
      return;
    }
    this.trees.set(name, { name, parseName: this.name, file: this.file, source: this.source, root });
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    const name = unquote(token.value, (m) => this.errorf(m));
    this.expect('rightDelim', context);
    const savedVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected {{${end.kind}}} in ${context}`);
    this.vars = savedVars;
    this.addTree(name, list);
  }

  // ---- token access ----

  private peek(): Token {
    return this.tokens[this.index];
  }
  private next(): Token {
    const t = this.tokens[this.index];
    if (t.type !== 'eof' && t.type !== 'error') this.index++;
    this.current = t;
    return t;
  }
  private backup(): void {
    this.index--;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const save = this.index;
    const t = this.nextNonSpace();
    this.index = save;
    return t;
  }
  private expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  private errorf(message: string): never {
    const { line } = lineAndColumn(this.source, this.current.pos);
    throw new ParseError(`template: ${this.name}:${line}: ${message}`, this.name, this.current.pos, this.source);
  }

  private unexpected(token: Token, context: string): never {
    if (token.type === 'error') this.errorf(token.value);
    this.errorf(`unexpected ${tokenString(token)} in ${context}`);
  }

  // ---- structure ----

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.current = this.peek();
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): ParsedNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { kind: 'text', pos: token.pos, text: token.value };
      case 'leftDelim':
        return this.action(token);
      case 'comment':
        return { kind: 'comment', pos: token.pos, text: token.value };
      default:
        return this.unexpected(token, 'input');
    }
  }

  private action(left: Token): ParsedNode {
    const token = this.nextNonSpace();
    if (token.type === 'keyword') {
      switch (token.value) {
        case 'block':
          return this.blockControl(left);
        case 'break':
        case 'continue':
          return this.loopControl(token);
        case 'else':
          return this.elseControl();
        case 'end':
          return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
        case 'if':
        case 'range':
        case 'with':
          return this.branchControl(token.value);
        case 'template':
          return this.templateControl(left);
        case 'define':
          return this.errorf('unexpected <define> in command');
      }
    }
    this.backup();
    const pipe = this.pipeline('command', 'rightDelim');
    const right = this.current;
    return { kind: 'action', pos: pipe.pos, start: left.pos, end: right.pos + 2, pipe };
  }

  private loopControl(token: Token): Node {
    const word = token.value as 'break' | 'continue';
    const t = this.nextNonSpace();
    if (t.type !== 'rightDelim') this.unexpected(t, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { kind: word, pos: token.pos };
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    if (peek.type === 'keyword' && (peek.value === 'if' || peek.value === 'with')) return { kind: 'else', pos: peek.pos };
    const token = this.expect('rightDelim', 'else');
    return { kind: 'else', pos: token.pos };
  }

  private branchControl(context: 'if' | 'range' | 'with'): BranchNode {
    const savedVars = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.kind === 'else') {
      const peek = this.peekNonSpace();
      if ((context === 'if' || context === 'with') && peek.type === 'keyword' && peek.value === context) {
        this.nextNonSpace();
        elseList = { kind: 'list', pos: next.pos, nodes: [this.branchControl(context)] };
      } else {
        const [l, end] = this.itemList();
        if (end.kind !== 'end') this.errorf(`expected end; found {{${end.kind}}}`);
        elseList = l;
      }
    }
    this.vars.length = savedVars;
    return { kind: context, pos: pipe.pos, pipe, list, elseList };
  }

  private templateName(token: Token, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    return unquote(token.value, (m) => this.errorf(m));
  }

  private templateControl(left: Token): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: token.pos, start: left.pos, end: this.current.pos + 2, name, pipe };
  }

  private blockControl(left: Token): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const end = this.current.pos + 2;
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, last] = this.itemList();
    if (last.kind !== 'end') this.errorf(`unexpected {{${last.kind}}} in ${context}`);
    this.vars = savedVars;
    this.rangeDepth = savedDepth;
    this.addTree(name, list);
    return { kind: 'template', pos: token.pos, start: left.pos, end, name, pipe };
  }

  // ---- pipelines ----

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const pipe: PipeNode = { kind: 'pipe', pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.type) {
        case 'bool':
        case 'charConstant':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') return;
      const save = this.index;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, ident: [v.value] });
        this.vars.push(v.value);
        return;
      }
      if (next.type === 'punct' && next.value === ',') {
        this.nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, ident: [v.value] });
        this.vars.push(v.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.index = save;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0].kind;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      while (this.peek().type === 'space') this.next();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.errorf(`unexpected . after term ${JSON.stringify(nodeText(node))}`);
      default:
        return { kind: 'chain', pos: chainPos, node, field: fields };
    }
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.hasFunction(token.value)) this.errorf(`function ${JSON.stringify(token.value)} not defined`);
        return { kind: 'identifier', pos: token.pos, name: token.value };
      case 'dot':
        return { kind: 'dot', pos: token.pos };
      case 'nil':
        return { kind: 'nil', pos: token.pos };
      case 'variable': {
        const name = token.value;
        if (!this.vars.includes(name)) this.errorf(`undefined variable ${JSON.stringify(name)}`);
        return { kind: 'variable', pos: token.pos, ident: [name] };
      }
      case 'field':
        return { kind: 'field', pos: token.pos, ident: [token.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: token.pos, value: token.value === 'true' };
      case 'charConstant':
      case 'number':
        return this.number(token);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return {
          kind: 'string',
          pos: token.pos,
          quoted: token.value,
          text: unquote(token.value, (m) => this.errorf(m)),
        } satisfies StringNode;
    }
    this.backup();
    return undefined;
  }

  private number(token: Token): NumberNode {
    const text = token.value;
    const node: NumberNode = { kind: 'number', pos: token.pos, text, isInt: false, isUint: false, isFloat: false, int: 0, float: 0 };
    if (token.type === 'charConstant') {
      const s = unquote(text, (m) => this.errorf(m));
      const cp = s.codePointAt(0) ?? 0;
      return { ...node, isInt: true, isUint: true, isFloat: true, int: cp, float: cp };
    }
    if (text.endsWith('i')) this.errorf(`complex numbers are not supported: ${JSON.stringify(text)}`);
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
        this.errorf(`integer overflow: ${JSON.stringify(text)}`);
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
    return this.errorf(`illegal number syntax: ${JSON.stringify(text)}`);
  }
}

function nodeText(n: ArgNode): string {
  switch (n.kind) {
    case 'bool':
      return String(n.value);
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}

function tokenString(t: Token): string {
  switch (t.type) {
    case 'eof':
      return 'EOF';
    case 'error':
      return t.value;
    case 'keyword':
      return `<${t.value}>`;
    case 'leftDelim':
    case 'rightDelim':
      return JSON.stringify(t.value);
  }
  return t.value.length > 10 ? `${JSON.stringify(t.value.slice(0, 10))}...` : JSON.stringify(t.value);
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
