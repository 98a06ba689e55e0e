// Parse-tree nodes of Go's text/template (text/template/parse), with `String()` forms as Go prints them in
// error contexts ("executing "x" at <.Values.a>").

export interface ListNode {
  kind: 'list';
  pos: number;
  nodes: Node[];
}
export interface TextNode {
  kind: 'text';
  pos: number;
  text: string;
}
export interface CommentNode {
  kind: 'comment';
  pos: number;
  text: string;
}
export interface ActionNode {
  kind: 'action';
  pos: number;
  /** Source range of the whole action, delimiters included (`{{ ... }}`). */
  start: number;
  end: number;
  pipe: PipeNode;
}
export interface BranchNode {
  kind: 'if' | 'range' | 'with';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface TemplateNode {
  kind: 'template';
  pos: number;
  start: number;
  end: number;
  name: string;
  pipe?: PipeNode;
}
export interface LoopControlNode {
  kind: 'break' | 'continue';
  pos: number;
}
export type Node = ListNode | TextNode | CommentNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

export interface PipeNode {
  kind: 'pipe';
  pos: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  kind: 'command';
  pos: number;
  args: ArgNode[];
}
export interface FieldNode {
  kind: 'field';
  pos: number;
  ident: string[];
}
export interface VariableNode {
  kind: 'variable';
  pos: number;
  ident: string[];
}
export interface ChainNode {
  kind: 'chain';
  pos: number;
  node: ArgNode;
  field: string[];
}
export interface IdentifierNode {
  kind: 'identifier';
  pos: number;
  name: string;
}
export interface DotNode {
  kind: 'dot';
  pos: number;
}
export interface NilNode {
  kind: 'nil';
  pos: number;
}
export interface BoolNode {
  kind: 'bool';
  pos: number;
  value: boolean;
}
export interface NumberNode {
  kind: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  int: number;
  float: number;
}
export interface StringNode {
  kind: 'string';
  pos: number;
  quoted: string;
  text: string;
}
export type ArgNode =
  FieldNode | VariableNode | ChainNode | IdentifierNode | DotNode | NilNode | BoolNode | NumberNode | StringNode | PipeNode;

export type AnyNode = Node | ArgNode | CommandNode;

/** Go's Node.String(): the source-like form used in execution error contexts. */
export function nodeString(n: AnyNode): string {
  switch (n.kind) {
    case 'field':
      return n.ident.map((i) => '.' + i).join('');
    case 'variable':
      return n.ident.join('.');
    case 'chain': {
      const inner = n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return inner + n.field.map((f) => '.' + f).join('');
    }
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map((d) => nodeString(d)).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map((c) => nodeString(c)).join(' | ');
    }
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'text':
      return JSON.stringify(n.text);
    case 'comment':
      return `{{${n.text}}}`;
    case 'list':
      return n.nodes.map((x) => nodeString(x)).join('');
    case 'if':
    case 'range':
    case 'with':
      return `{{${n.kind} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList ? `{{else}}${nodeString(n.elseList)}` : ''}{{end}}`;
    case 'template':
      return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
  }
}

/** Go's parse.IsEmptyTree: only whitespace text and comments (such a tree never replaces a definition). */
export function isEmptyTree(n: Node): boolean {
  switch (n.kind) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    case 'comment':
      return true;
    default:
      return false;
  }
}
