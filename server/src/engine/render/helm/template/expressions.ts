// The token-level half of Go's text/template parser: token access, errors in Go's wording, and pipelines with
// their declarations, commands and operands ("non executable command in pipeline stage 2", functions checked
// at parse time, variables declared before use). parser.ts builds the structure on it.
import { type Token, type TokenType, lex } from './lexer';
import { numberNode, unquote } from './literals';
import type { ArgNode, CommandNode, PipeNode, StringNode } from './nodes';
import { lineAndColumn } from './position';

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

export abstract class ExpressionParser {
  protected readonly tokens: Token[];
  protected index = 0;
  protected vars: string[] = ['$'];
  /** The token most recently consumed, for error lines (Go's t.token[0]). */
  protected current: Token;

  constructor(
    protected readonly name: string,
    protected readonly source: string,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.tokens = lex(source);
    this.current = this.tokens[0];
  }

  // ---- token access ----

  protected peek(): Token {
    return this.tokens[this.index];
  }
  protected next(): Token {
    const t = this.tokens[this.index];
    if (t.type !== 'eof' && t.type !== 'error') this.index++;
    this.current = t;
    return t;
  }
  protected backup(): void {
    this.index--;
  }
  protected nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  protected peekNonSpace(): Token {
    const save = this.index;
    const t = this.nextNonSpace();
    this.index = save;
    return t;
  }
  protected expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  protected errorf(message: string): never {
    const { line } = lineAndColumn(this.source, this.current.pos);
    throw new ParseError(`template: ${this.name}:${line}: ${message}`, this.name, this.current.pos, this.source);
  }

  protected unexpected(token: Token, context: string): never {
    if (token.type === 'error') this.errorf(token.value);
    this.errorf(`unexpected ${tokenString(token)} in ${context}`);
  }

  // ---- pipelines ----

  protected pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
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
        return numberNode(token, (m) => this.errorf(m));
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
