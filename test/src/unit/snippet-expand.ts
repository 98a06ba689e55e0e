// Expands a VS Code snippet body the way VS Code inserts it when the user accepts every default:
// placeholders become their default text, choices their first option, bare tab stops nothing,
// variables a plausible value. Used by the snippet tests; deliberately small.
//
// Grammar (VS Code's snippet syntax):
//   tabstop     $1  ${1}
//   placeholder ${1:default, which may nest $2 ${3:x} $VAR ...}
//   choice      ${1|one,two\,with comma|}
//   variable    $NAME  ${NAME}  ${NAME:default}
//   escapes     \$ \} \\ in text; \, \| \\ in choice options; any other backslash is literal.
// Anything starting with `$` that is not one of the above is literal text, as in VS Code.
// Transforms (${1/re/fmt/} and ${VAR/re/fmt/}) are not supported: they throw, so a snippet that
// starts using one fails loudly instead of being expanded wrongly.

export type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; children: SnippetNode[]; choices?: string[] }
  | { type: 'variable'; name: string; children?: SnippetNode[] };

/** Values for VS Code's built-in variables; '' means "empty here", so a default is used. */
export const DEFAULT_VARIABLES: Readonly<Record<string, string>> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'web-deployment.yaml',
  TM_FILENAME_BASE: 'web-deployment',
  TM_DIRECTORY: '/workspace/k8s',
  TM_FILEPATH: '/workspace/k8s/web-deployment.yaml',
  RELATIVE_FILEPATH: 'k8s/web-deployment.yaml',
  CLIPBOARD: '',
  WORKSPACE_NAME: 'workspace',
  WORKSPACE_FOLDER: '/workspace',
  CURSOR_INDEX: '0',
  CURSOR_NUMBER: '1',
  CURRENT_YEAR: '2025',
  CURRENT_YEAR_SHORT: '25',
  CURRENT_MONTH: '06',
  CURRENT_MONTH_NAME: 'June',
  CURRENT_MONTH_NAME_SHORT: 'Jun',
  CURRENT_DATE: '15',
  CURRENT_DAY_NAME: 'Sunday',
  CURRENT_DAY_NAME_SHORT: 'Sun',
  CURRENT_HOUR: '12',
  CURRENT_MINUTE: '00',
  CURRENT_SECOND: '00',
  CURRENT_SECONDS_UNIX: '1750000000',
  CURRENT_TIMEZONE_OFFSET: '+00:00',
  RANDOM: '482913',
  RANDOM_HEX: 'a3f9c1',
  UUID: '6f1c2b9e-4d1a-4c0e-9b7a-2f5d8e3c1a44',
  BLOCK_COMMENT_START: '',
  BLOCK_COMMENT_END: '',
  LINE_COMMENT: '#',
};

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.sequence(false);
    if (this.pos !== this.src.length) throw new Error(`unexpected input at ${this.pos}`);
    return nodes;
  }

  /** Text and markers up to the end, or (inside a placeholder) up to its unescaped `}`. */
  private sequence(inPlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos += 1;
        }
        continue;
      }
      if (ch === '}' && inPlaceholder) break;
      if (ch === '$') {
        const start = this.pos;
        const marker = this.marker();
        if (marker) {
          flush();
          nodes.push(marker);
          continue;
        }
        this.pos = start + 1; // not a marker: a literal `$`
        text += '$';
        continue;
      }
      text += ch;
      this.pos += 1;
    }
    flush();
    return nodes;
  }

  /** At a `$`: a marker, or undefined (position then unspecified; the caller rewinds). */
  private marker(): SnippetNode | undefined {
    this.pos += 1; // `$`
    const int = this.match(/[0-9]+/y);
    if (int !== undefined) return { type: 'tabstop', index: Number(int), children: [] };
    const name = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (name !== undefined) return { type: 'variable', name };
    if (this.src[this.pos] !== '{') return undefined;
    this.pos += 1;
    const index = this.match(/[0-9]+/y);
    if (index !== undefined) return this.complexTabstop(Number(index));
    const varName = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (varName !== undefined) return this.complexVariable(varName);
    return undefined;
  }

  private complexTabstop(index: number): SnippetNode | undefined {
    const ch = this.src[this.pos];
    if (ch === '}') {
      this.pos += 1;
      return { type: 'tabstop', index, children: [] };
    }
    if (ch === ':') {
      this.pos += 1;
      const children = this.sequence(true);
      if (this.src[this.pos] !== '}') return undefined;
      this.pos += 1;
      return { type: 'tabstop', index, children };
    }
    if (ch === '|') {
      this.pos += 1;
      const choices = this.choices();
      if (!choices) return undefined;
      return { type: 'tabstop', index, children: [], choices };
    }
    if (ch === '/') throw new Error(`transforms are not supported (tab stop ${index})`);
    return undefined;
  }

  private complexVariable(name: string): SnippetNode | undefined {
    const ch = this.src[this.pos];
    if (ch === '}') {
      this.pos += 1;
      return { type: 'variable', name };
    }
    if (ch === ':') {
      this.pos += 1;
      const children = this.sequence(true);
      if (this.src[this.pos] !== '}') return undefined;
      this.pos += 1;
      return { type: 'variable', name, children };
    }
    if (ch === '/') throw new Error(`transforms are not supported (variable ${name})`);
    return undefined;
  }

  /** After `${n|`: options up to `|}`; undefined if malformed. */
  private choices(): string[] | undefined {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === ',' || next === '|' || next === '\\') {
          current += next;
          this.pos += 2;
        } else {
          current += ch;
          this.pos += 1;
        }
        continue;
      }
      if (ch === ',') {
        options.push(current);
        current = '';
        this.pos += 1;
        continue;
      }
      if (ch === '|') {
        if (this.src[this.pos + 1] !== '}') return undefined;
        options.push(current);
        this.pos += 2;
        return options;
      }
      current += ch;
      this.pos += 1;
    }
    return undefined;
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

export function parseSnippet(body: string | readonly string[]): SnippetNode[] {
  return new Parser(typeof body === 'string' ? body : body.join('\n')).parse();
}

function walk(nodes: readonly SnippetNode[], visit: (n: SnippetNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.type !== 'text' && n.children) walk(n.children, visit);
  }
}

function hasValue(n: SnippetNode & { type: 'tabstop' }): boolean {
  return n.children.length > 0 || (n.choices !== undefined && n.choices.length > 0);
}

/**
 * Expands a snippet body with every default accepted. As in VS Code, the first occurrence of a tab
 * stop that carries a value (placeholder text or choices) defines the text of every occurrence of
 * that number, so `${1:web}` ... `$1` mirror each other.
 */
export function expandSnippet(body: string | readonly string[], variables: Readonly<Record<string, string>> = DEFAULT_VARIABLES): string {
  const nodes = parseSnippet(body);
  const defining = new Map<number, SnippetNode & { type: 'tabstop' }>();
  walk(nodes, (n) => {
    if (n.type === 'tabstop' && !defining.has(n.index) && hasValue(n)) defining.set(n.index, n);
  });
  const active = new Set<number>();
  const render = (list: readonly SnippetNode[]): string =>
    list
      .map((n) => {
        switch (n.type) {
          case 'text':
            return n.value;
          case 'variable': {
            const value = variables[n.name];
            if (value) return value;
            if (n.children) return render(n.children);
            // VS Code inserts an unknown variable's name; a known but empty one is empty.
            return value === undefined ? n.name : '';
          }
          case 'tabstop': {
            const def = defining.get(n.index);
            if (!def) return '';
            if (active.has(n.index)) throw new Error(`tab stop ${n.index} contains itself`);
            active.add(n.index);
            const text = def.choices ? def.choices[0] : render(def.children);
            active.delete(n.index);
            return text;
          }
        }
      })
      .join('');
  return render(nodes);
}

/** Every distinct default each tab stop number is given, in order; more than one is a snippet bug. */
export function tabStopDefaults(body: string | readonly string[]): Map<number, string[]> {
  const result = new Map<number, string[]>();
  walk(parseSnippet(body), (n) => {
    if (n.type !== 'tabstop' || !hasValue(n)) return;
    // Render the placeholder on its own, so nested stops show their own defaults.
    const text = n.choices ? `|${n.choices.join(',')}|` : expandSnippet(bodyOf(n.children));
    const list = result.get(n.index) ?? [];
    if (!list.includes(text)) list.push(text);
    result.set(n.index, list);
  });
  return result;
}

/** Back to snippet syntax (used to render a nested placeholder on its own). */
function bodyOf(nodes: readonly SnippetNode[]): string {
  return nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return n.value.replace(/[\\$}]/g, (c) => '\\' + c);
        case 'variable':
          return n.children ? `\${${n.name}:${bodyOf(n.children)}}` : `\${${n.name}}`;
        case 'tabstop':
          if (n.choices) return `\${${n.index}|${n.choices.map((c) => c.replace(/[\\,|]/g, (x) => '\\' + x)).join(',')}|}`;
          return n.children.length ? `\${${n.index}:${bodyOf(n.children)}}` : `\${${n.index}}`;
      }
    })
    .join('');
}
