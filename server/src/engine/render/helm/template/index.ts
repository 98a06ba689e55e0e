// The in-process Go template engine as Helm uses it: a set of templates parsed together (defines are global
// to the set, later definitions replace earlier ones), executed with missingkey=zero and "<no value>" removed
// from the output, with origins for everything written.
import type { RenderedText } from '../../../model/origin';
import { TemplateError } from './errors';
import { DEFAULT_LIMITS, Execution, type ExecutionLimits, type TemplateLookup } from './exec';
import type { FunctionTable, GoFunction } from './function';
import { removeAll } from './output';
import { ParseError, type Tree, parseTemplate } from './parser';
import { isEmptyTree } from './nodes';
import type { GoValue } from './value';
import { helmFunctions } from '../functions';

export { TemplateError } from './errors';
export type { RenderedText, OriginSpan, SourceRange } from '../../../model/origin';
export type { ExecutionLimits } from './exec';
export type { FunctionTable, GoFunction, Traced, CallContext } from './function';
export { fn, variadic, HelmFailError } from './function';
export { helmFunctions } from '../functions';
export * from './value';

/** A name -> tree table with a parent (a `tpl` copy sees the set's templates plus its own). */
class TreeTable implements TemplateLookup {
  readonly own = new Map<string, Tree>();
  constructor(
    private readonly functions: FunctionTable,
    private readonly parent?: TreeTable,
  ) {}

  lookup(name: string): Tree | undefined {
    return this.own.get(name) ?? this.parent?.lookup(name);
  }

  func(name: string): GoFunction | undefined {
    return Object.prototype.hasOwnProperty.call(this.functions, name) ? this.functions[name] : undefined;
  }

  /** Adds parsed trees as text/template's AddParseTree does: an empty tree never replaces a definition. */
  addTrees(trees: Map<string, Tree>): void {
    for (const [name, tree] of trees) {
      const old = this.lookup(name);
      if (old && isEmptyTree(tree.root) && !isEmptyTree(old.root)) continue;
      this.own.set(name, tree);
    }
  }

  parse(name: string, text: string, file: string): Map<string, Tree> {
    try {
      return parseTemplate(name, text, file, (f) => this.func(f) !== undefined);
    } catch (e) {
      if (e instanceof ParseError) throw new TemplateError(e.goMessage, 'parse', e.parseName, file, e.offset, e.source);
      throw e;
    }
  }

  derive(name: string, text: string): TemplateLookup {
    const child = new TreeTable(this.functions, this);
    child.addTrees(this.parse(name, text, name));
    return child;
  }
}

export class TemplateSet {
  private readonly table: TreeTable;
  private readonly limits: ExecutionLimits;

  constructor(options: { functions?: FunctionTable; limits?: Partial<ExecutionLimits> } = {}) {
    this.table = new TreeTable(options.functions ?? helmFunctions());
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /** Parses a template file (or any text) under `name`; its {{define}}/{{block}}s join the set. Throws TemplateError. */
  add(name: string, text: string, file: string = name): void {
    this.table.addTrees(this.table.parse(name, text, file));
  }

  has(name: string): boolean {
    return this.table.lookup(name) !== undefined;
  }

  /** Executes one template with `.` = data. Output with origins; `<no value>` removed as Helm does. Throws TemplateError. */
  execute(name: string, data: GoValue): RenderedText {
    const tree = this.table.lookup(name);
    if (!tree) {
      throw new TemplateError(`template: no template ${JSON.stringify(name)} associated with template "gotpl"`, 'exec', name, name, -1, '');
    }
    const execution = new Execution(this.limits);
    const out = execution.newOutput();
    try {
      execution.run(this.table, tree, name, { value: data }, out, 0);
    } catch (e) {
      throw asTemplateError(e, tree);
    }
    return removeAll(out.result(), '<no value>');
  }
}

function asTemplateError(e: unknown, tree: Tree): TemplateError {
  if (e instanceof TemplateError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/.test(message)) {
    return new TemplateError(
      `template: ${tree.name}: exceeded maximum template depth (the JavaScript stack is full)`,
      'limit',
      tree.name,
      tree.file,
      -1,
      tree.source,
    );
  }
  return new TemplateError(
    `template: ${tree.name}: ${message}`,
    e instanceof Error && e.name === 'LimitError' ? 'limit' : 'exec',
    tree.name,
    tree.file,
    -1,
    tree.source,
  );
}
