// The executor of Go's text/template (text/template/exec.go) as Helm runs it: control flow (if, with, range over
// slices, maps and integers with break/continue, template), variables' scopes, printing with origins, and
// Helm's include and tpl, with budgets on steps, output and nesting. Expressions are evaluate.ts's.
import type { OriginSpan, SourceRange } from '../../../model/origin';
import { TemplateError } from './errors';
import { Evaluator } from './evaluate';
import { BreakSignal, ContinueSignal, DEFAULT_LIMITS, type ExecutionLimits, type Frame, type TemplateLookup } from './frame';
import { formatValue } from './fmt';
import { LimitError, type Traced } from './function';
import { type ActionNode, type AnyNode, type BranchNode, type ListNode, type Node, type TemplateNode, nodeString } from './nodes';
import { OutputBuilder } from './output';
import type { Tree } from './parser';
import { isTrue } from './truth';
import { GoInt, GoObject, goInt, mapElemType, originOf, sliceElemType } from './value';

export { DEFAULT_LIMITS };
export type { ExecutionLimits, TemplateLookup };

/** One top-level execution: shared budget and Helm's include counters. */
export class Execution extends Evaluator {
  private written = 0;
  private readonly includeCounts = new Map<string, number>();

  newOutput(): OutputBuilder {
    return new OutputBuilder((n) => {
      this.written += n;
      if (this.written > this.limits.maxOutputChars) {
        throw new LimitError(`rendered output exceeds ${this.limits.maxOutputChars} characters`);
      }
    });
  }

  /** Executes `tree` (named `name`) with `dot`, writing to `out`. */
  run(set: TemplateLookup, tree: Tree, name: string, dot: Traced, out: OutputBuilder, depth: number): void {
    if (depth > this.limits.maxTemplateDepth) throw new LimitError(`exceeded maximum template depth (${this.limits.maxTemplateDepth})`);
    const frame: Frame = { set, tree, name, vars: [{ name: '$', value: dot }], out, depth };
    this.walk(frame, dot, tree.root);
  }

  // ---- walking ----

  private walk(f: Frame, dot: Traced, node: Node): void {
    this.step();
    f.node = node;
    switch (node.kind) {
      case 'list':
        for (const n of node.nodes) this.walk(f, dot, n);
        return;
      case 'text':
        f.out.copy(node.text, f.tree.file, node.pos);
        return;
      case 'comment':
        return;
      case 'action':
        return this.walkAction(f, dot, node);
      case 'if':
      case 'with':
        return this.walkIfOrWith(f, dot, node);
      case 'range':
        return this.walkRange(f, dot, node);
      case 'template':
        return this.walkTemplate(f, dot, node);
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkAction(f: Frame, dot: Traced, node: ActionNode): void {
    const val = this.evalPipeline(f, dot, node.pipe);
    if (node.pipe.decl.length > 0) return;
    f.node = node;
    const text = this.printable(f, val);
    f.out.produced(
      text,
      { file: f.tree.file, start: node.start, end: node.end },
      val.via,
      typeof val.value === 'string' ? val.spans : undefined,
    );
  }

  /** text/template's printValue: a pointer is printed as what it points to, and an addressable value whose
   * pointer has a String method (chartutil.KubeVersion) is printed by it. */
  private printable(f: Frame, val: Traced): string {
    const v = val.value;
    if (v === null) return val.invalid ? '<no value>' : '<nil>';
    if (v instanceof GoObject && v.isNil) return '<nil>';
    if (v instanceof GoObject && v.typeName.startsWith('func')) {
      this.errorf(f, `can't print ${nodeString(f.node as AnyNode)} of type ${v.typeName}`);
    }
    if (v instanceof GoObject) {
      const stringer = v.methods.get('String');
      if (stringer && stringer.params.length === 0 && (val.addressable || v.typeName.startsWith('*'))) return String(stringer.fn());
      if (v.typeName.startsWith('*')) return formatValue(v).replace(/^&/, '');
    }
    return formatValue(v);
  }

  private walkIfOrWith(f: Frame, dot: Traced, node: BranchNode): void {
    const mark = f.vars.length;
    try {
      const val = this.evalPipeline(f, dot, node.pipe);
      if (isTrue(val.value)) {
        this.walk(f, node.kind === 'with' ? val : dot, node.list);
      } else if (node.elseList) {
        this.walk(f, dot, node.elseList);
      }
    } finally {
      f.vars.length = mark;
    }
  }

  private walkRange(f: Frame, dot: Traced, node: BranchNode): void {
    f.node = node;
    const outerMark = f.vars.length;
    try {
      const val = this.evalPipeline(f, dot, node.pipe);
      const mark = f.vars.length;
      const decl = node.pipe.decl;
      const one = (index: Traced, elem: Traced): boolean => {
        this.step();
        if (decl.length > 0) {
          if (node.pipe.isAssign) this.setVar(f, decl[0].ident[0], decl.length > 1 ? index : elem);
          else f.vars[f.vars.length - 1].value = elem;
        }
        if (decl.length > 1) {
          if (node.pipe.isAssign) this.setVar(f, decl[1].ident[0], elem);
          else f.vars[f.vars.length - 2].value = index;
        }
        try {
          this.walk(f, elem, node.list);
        } catch (e) {
          if (e instanceof BreakSignal) return false;
          if (!(e instanceof ContinueSignal)) throw e;
        } finally {
          f.vars.length = mark;
        }
        return true;
      };
      const v = val.value;
      let ran = false;
      if (Array.isArray(v) || v instanceof Uint8Array) {
        const items = Array.isArray(v) ? v : Array.from(v, (b) => goInt(b, 'uint8'));
        const elemType = Array.isArray(v) ? sliceElemType(v) : 'uint8';
        for (let i = 0; i < items.length; i++) {
          ran = true;
          const elem: Traced = { value: items[i], via: Array.isArray(v) ? originOf(v, i) : undefined, boxed: elemType === 'interface {}' };
          if (!one({ value: goInt(i) }, elem)) break;
        }
      } else if (v instanceof Map) {
        const keys = [...v.keys()].sort();
        const boxed = mapElemType(v) === 'interface {}';
        for (const k of keys) {
          ran = true;
          if (!one({ value: k }, { value: v.get(k) ?? null, via: originOf(v, k), boxed })) break;
        }
      } else if (v instanceof GoInt) {
        for (let i = 0; i < v.value; i++) {
          ran = true;
          const n: Traced = { value: new GoInt(i, v.type) };
          if (!one(n, n)) break;
        }
      } else if (v !== null) {
        this.errorf(f, `range can't iterate over ${formatValue(v)}`);
      }
      if (!ran && node.elseList) this.walk(f, dot, node.elseList);
    } finally {
      f.vars.length = outerMark;
    }
  }

  private walkTemplate(f: Frame, dot: Traced, node: TemplateNode): void {
    f.node = node;
    const tree = f.set.lookup(node.name);
    if (!tree) this.errorf(f, `template ${JSON.stringify(node.name)} not defined`);
    const newDot = node.pipe ? this.evalPipeline(f, dot, node.pipe) : { value: null, invalid: true };
    const out = this.newOutput();
    this.run(f.set, tree, node.name, newDot, out, f.depth + 1);
    const result = out.result();
    f.out.produced(result.text, { file: f.tree.file, start: node.start, end: node.end }, undefined, result.origins);
  }

  // ---- include / tpl ----

  include(f: Frame, name: string, data: Traced): Traced {
    const count = this.includeCounts.get(name) ?? 0;
    if (count > this.limits.maxIncludeDepth) {
      throw new LimitError(`rendering template has a nested reference name: ${name}: unable to execute template`);
    }
    this.includeCounts.set(name, count + 1);
    try {
      const tree = f.set.lookup(name);
      if (!tree) throw new Error(`template: no template ${JSON.stringify(name)} associated with template "gotpl"`);
      const out = this.newOutput();
      this.run(f.set, tree, name, data, out, f.depth + 1);
      const r = out.result();
      return { value: r.text, spans: r.origins };
    } finally {
      this.includeCounts.set(name, (this.includeCounts.get(name) ?? 1) - 1);
    }
  }

  tpl(f: Frame, text: string, data: Traced): Traced {
    let derived: TemplateLookup;
    try {
      derived = f.set.derive('gotpl', text);
    } catch (e) {
      throw new Error(`cannot parse template ${JSON.stringify(text)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const tree = derived.lookup('gotpl');
    const out = this.newOutput();
    try {
      if (tree) this.run(derived, tree, 'gotpl', data, out, f.depth + 1);
    } catch (e) {
      if (e instanceof TemplateError) {
        throw new Error(`error during tpl function execution for ${JSON.stringify(text)}: ${e.message}`, { cause: e });
      }
      throw e;
    }
    return { value: out.text().split('<no value>').join('') };
  }
}

export type { ListNode, OriginSpan, SourceRange };
