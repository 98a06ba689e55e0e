// The in-process Go template engine as Helm uses it: a set of templates parsed together (defines are global
// to the set, later definitions replace earlier ones), executed with missingkey=zero and "<no value>" removed
// from the output, with origins for everything written.
import type { RenderedText } from '../../../model/origin';
import { TemplateError } from './errors';
import { DEFAULT_LIMITS, Execution, type ExecutionLimits, type TemplateLookup } from './exec';
import type { FunctionTable, GoFunction } from './function';
import { displayText } from './gostring';
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

// Parsed trees by function table and (name, file, text): a chart re-rendered after an edit of one template
// re-parses that template only, and `tpl` parses each distinct text once. Trees are never changed after parsing,
// so sets share them. Bounded by entries and by the characters of the texts kept.
const MAX_PARSED_ENTRIES = 4096;
const MAX_PARSED_CHARS = 32 * 1024 * 1024;
interface ParseCache {
  entries: Map<string, Map<string, Tree> | ParseError>;
  chars: number;
}
const parseCaches = new WeakMap<FunctionTable, ParseCache>();
const stats = { parses: 0, reused: 0 };

/** How many texts were parsed and how many parses were reused, since the process started (for tests). */
export function parseStatistics(): { parses: number; reused: number } {
  return { ...stats };
}

function parseCached(
  functions: FunctionTable,
  name: string,
  text: string,
  file: string,
  hasFunction: (name: string) => boolean,
): Map<string, Tree> | ParseError {
  let table = parseCaches.get(functions);
  if (!table) {
    table = { entries: new Map(), chars: 0 };
    parseCaches.set(functions, table);
  }
  const cache = table.entries;
  const key = `${name}\0${file}\0${text}`;
  const hit = cache.get(key);
  if (hit) {
    stats.reused++;
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  stats.parses++;
  let parsed: Map<string, Tree> | ParseError;
  try {
    parsed = parseTemplate(name, text, file, hasFunction);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    parsed = e;
  }
  cache.set(key, parsed);
  table.chars += key.length;
  for (const [oldest] of cache) {
    if (cache.size <= MAX_PARSED_ENTRIES && table.chars <= MAX_PARSED_CHARS) break;
    cache.delete(oldest);
    table.chars -= oldest.length;
  }
  return parsed;
}

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
    const parsed = parseCached(this.functions, name, text, file, (f) => this.func(f) !== undefined);
    if (parsed instanceof ParseError) {
      throw new TemplateError(parsed.goMessage, 'parse', parsed.parseName, file, parsed.offset, parsed.source);
    }
    return parsed;
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
    return displayText(removeAll(out.result(), '<no value>'));
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
