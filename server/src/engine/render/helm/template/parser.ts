// The parser of Go's text/template (text/template/parse), with Go's checks and error wording: the structure of
// a template (actions, if/range/with/else, define, template, block, `break`/`continue` only inside `range`) on
// the token and pipeline parsing of expressions.ts.
import { ExpressionParser } from './expressions';
import type { Token } from './lexer';
import { unquote } from './literals';
import { type BranchNode, type ListNode, type Node, type PipeNode, type TemplateNode, isEmptyTree } from './nodes';

export { ParseError } from './expressions';
export { unquote } from './literals';

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

class Parser extends ExpressionParser {
  private rangeDepth = 0;
  private readonly trees = new Map<string, Tree>();

  constructor(
    name: string,
    source: string,
    private readonly file: string,
    hasFunction: (name: string) => boolean,
  ) {
    super(name, source, hasFunction);
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
}
