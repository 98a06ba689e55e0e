// The executor of Go's text/template (text/template/exec.go) over the Go value model, as Helm runs it
// (missingkey=zero): control flow, variables and their scopes, field/method/map access with Go's errors,
// function calls with Go's argument conversion, and origin tracking of everything printed.
import type { OriginSpan, SourceRange } from '../../../model/origin';
import { TemplateError } from './errors';
import { formatValue } from './fmt';
import { type CallContext, type GoFunction, HelmFailError, LimitError, type Traced } from './function';
import {
  type ActionNode,
  type AnyNode,
  type ArgNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
  nodeString,
} from './nodes';
import { OutputBuilder } from './output';
import type { Tree } from './parser';
import { lineAndColumn } from './position';
import { isTrue } from './truth';
import {
  GoInt,
  type GoIntType,
  GoObject,
  type GoValue,
  containerMethods,
  goInt,
  goTypeName,
  mapElemType,
  originOf,
  sliceElemType,
} from './value';

export interface ExecutionLimits {
  /** Nested include/tpl of one name (Helm: 1000). */
  maxIncludeDepth: number;
  /** Nesting of {{template}}/include/tpl calls overall (Go: 100000; lower here: the JS stack is smaller). */
  maxTemplateDepth: number;
  /** Characters written, all nested outputs included. */
  maxOutputChars: number;
  /** Nodes walked, iterations and calls. */
  maxSteps: number;
}

export const DEFAULT_LIMITS: ExecutionLimits = {
  maxIncludeDepth: 1000,
  maxTemplateDepth: 1500,
  maxOutputChars: 64 * 1024 * 1024,
  maxSteps: 20_000_000,
};

/** What the executor needs from the template set. */
export interface TemplateLookup {
  lookup(name: string): Tree | undefined;
  func(name: string): GoFunction | undefined;
  /** Parses `text` as a new template named `name` in a copy of this set (for `tpl`). */
  derive(name: string, text: string): TemplateLookup;
}

const MISSING: Traced = { value: null };
class BreakSignal {}
class ContinueSignal {}

interface Var {
  name: string;
  value: Traced;
}

interface Frame {
  set: TemplateLookup;
  tree: Tree;
  /** Name of the executing template (Go's s.tmpl.Name()). */
  name: string;
  vars: Var[];
  out: OutputBuilder;
  node?: AnyNode;
  depth: number;
}

/** One top-level execution: shared budget and Helm's include counters. */
export class Execution {
  private steps = 0;
  private written = 0;
  private readonly includeCounts = new Map<string, number>();

  constructor(readonly limits: ExecutionLimits) {}

  newOutput(): OutputBuilder {
    return new OutputBuilder((n) => {
      this.written += n;
      if (this.written > this.limits.maxOutputChars) {
        throw new LimitError(`rendered output exceeds ${this.limits.maxOutputChars} characters`);
      }
    });
  }

  private step(): void {
    if (++this.steps > this.limits.maxSteps) {
      throw new LimitError(`template execution exceeds ${this.limits.maxSteps} steps (an endless range or recursion?)`);
    }
  }

  /** Executes `tree` (named `name`) with `dot`, writing to `out`. */
  run(set: TemplateLookup, tree: Tree, name: string, dot: Traced, out: OutputBuilder, depth: number): void {
    if (depth > this.limits.maxTemplateDepth) throw new LimitError(`exceeded maximum template depth (${this.limits.maxTemplateDepth})`);
    const frame: Frame = { set, tree, name, vars: [{ name: '$', value: dot }], out, depth };
    this.walk(frame, dot, tree.root);
  }

  // ---- errors ----

  private errorf(f: Frame, message: string, helmMessage?: string): never {
    const node = f.node;
    if (!node) throw new TemplateError(`template: ${f.name}: ${message}`, 'exec', f.name, f.tree.file, -1, f.tree.source);
    const { line, column } = lineAndColumn(f.tree.source, node.pos);
    // Go 1.26's ErrorContext prints the whole node (older releases cut it to 20 bytes).
    const context = nodeString(node);
    const location = `${f.tree.parseName}:${line}:${column}`;
    const err = new TemplateError(
      `template: ${location}: executing ${JSON.stringify(f.name)} at <${context}>: ${message}`,
      'exec',
      f.name,
      f.tree.file,
      node.pos,
      f.tree.source,
    );
    if (helmMessage !== undefined) err.helmMessage = `execution error at (${location}): ${helmMessage}`;
    throw err;
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

  // ---- variables ----

  private setVar(f: Frame, name: string, value: Traced): void {
    for (let i = f.vars.length - 1; i >= 0; i--) {
      if (f.vars[i].name === name) {
        f.vars[i].value = value;
        return;
      }
    }
    this.errorf(f, `undefined variable: ${name}`);
  }

  private varValue(f: Frame, name: string): Traced {
    for (let i = f.vars.length - 1; i >= 0; i--) if (f.vars[i].name === name) return f.vars[i].value;
    return this.errorf(f, `undefined variable: ${name}`);
  }

  // ---- pipelines and commands ----

  private evalPipeline(f: Frame, dot: Traced, pipe: PipeNode): Traced {
    f.node = pipe;
    let value = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(f, dot, cmd, value);
      // Go digs into interface{} values after each command: a nil becomes the invalid value.
      value = value.value === null ? { ...value, invalid: true, boxed: false } : value.boxed ? { ...value, boxed: false } : value;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(f, v.ident[0], value);
      else f.vars.push({ name: v.ident[0], value });
    }
    return value;
  }

  private evalCommand(f: Frame, dot: Traced, cmd: CommandNode, final: Traced): Traced {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(f, dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(f, dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(f, dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(f, cmd.args, final);
        return this.evalPipeline(f, dot, first);
      case 'variable':
        return this.evalVariableNode(f, dot, first, cmd.args, final);
    }
    f.node = first;
    this.notAFunction(f, cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return { value: first.value };
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf(f, 'nil is not a command');
      case 'number':
        return { value: this.idealConstant(f, first) };
      case 'string':
        return { value: first.text };
    }
  }

  private notAFunction(f: Frame, args: ArgNode[], final: Traced): void {
    if (args.length > 1 || final !== MISSING) this.errorf(f, `can't give argument to non-function ${nodeString(args[0])}`);
  }

  private idealConstant(f: Frame, n: NumberNode): GoValue {
    f.node = n;
    if (n.isFloat && !/^[+-]?0[xX]/.test(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return goInt(n.int);
    if (n.isUint) return this.errorf(f, `${n.text} overflows int`);
    return null;
  }

  private evalFieldNode(f: Frame, dot: Traced, field: FieldNode, args: ArgNode[], final: Traced): Traced {
    f.node = field;
    return this.evalFieldChain(f, dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(f: Frame, dot: Traced, chain: ChainNode, args: ArgNode[], final: Traced): Traced {
    if (chain.node.kind === 'nil') this.errorf(f, `indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(f, dot, undefined, chain.node);
    return this.evalFieldChain(f, dot, receiver, chain, chain.field, args, final);
  }

  private evalVariableNode(f: Frame, dot: Traced, v: VariableNode, args: ArgNode[], final: Traced): Traced {
    f.node = v;
    const value = this.varValue(f, v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(f, args, final);
      return value;
    }
    return this.evalFieldChain(f, dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(f: Frame, dot: Traced, receiver: Traced, node: AnyNode, ident: string[], args: ArgNode[], final: Traced): Traced {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = this.evalField(f, dot, ident[i], node, [], MISSING, r);
    return this.evalField(f, dot, ident[ident.length - 1], node, args, final, r);
  }

  private evalField(f: Frame, dot: Traced, name: string, node: AnyNode, args: ArgNode[], final: Traced, receiver: Traced): Traced {
    f.node = node;
    const v = receiver.value;
    if (v === null) {
      if (receiver.invalid) return { value: null, invalid: true };
      return this.errorf(f, `nil pointer evaluating interface {}.${name}`);
    }
    const typeName = receiver.boxed ? 'interface {}' : goTypeName(v);
    const hasArgs = args.length > 1 || final !== MISSING;
    // Go looks a method up before a struct field or a map key.
    const method =
      v instanceof GoObject ? v.methods.get(name) : v instanceof Map || Array.isArray(v) ? containerMethods(v)?.get(name) : undefined;
    if (method) {
      return this.evalCall(
        f,
        dot,
        { params: method.params, variadic: method.variadic, call: (a) => method.fn(...a) },
        node,
        name,
        args,
        final,
      );
    }
    if (v instanceof GoObject) {
      if (v.fields.has(name)) {
        if (v.isNil) this.errorf(f, `nil pointer evaluating ${typeName}.${name}`);
        if (hasArgs) this.errorf(f, `${name} has arguments but cannot be invoked as function`);
        // A field of a struct reached through a pointer (or of an addressable struct) is addressable.
        return { value: v.fields.get(name) ?? null, boxed: false, addressable: v.typeName.startsWith('*') || receiver.addressable };
      }
    } else if (v instanceof Map) {
      if (hasArgs) this.errorf(f, `${name} is not a method but has arguments`);
      const boxed = mapElemType(v) === 'interface {}';
      if (v.has(name)) return { value: v.get(name) ?? null, via: originOf(v, name), boxed };
      return { value: zeroValue(mapElemType(v)), boxed };
    }
    return this.errorf(f, `can't evaluate field ${name} in type ${typeName}`);
  }

  private evalFunction(f: Frame, dot: Traced, node: IdentifierNode, cmd: CommandNode, args: ArgNode[], final: Traced): Traced {
    f.node = node;
    const fn = f.set.func(node.name);
    if (!fn) return this.errorf(f, `${JSON.stringify(node.name)} is not a defined function`);
    return this.evalCall(f, dot, fn, cmd, node.name, args, final);
  }

  private evalCall(f: Frame, dot: Traced, fn: GoFunction, node: AnyNode, name: string, argNodes: ArgNode[], final: Traced): Traced {
    this.step();
    const args = argNodes.slice(1);
    const hasFinal = final !== MISSING;
    const numIn = args.length + (hasFinal ? 1 : 0);
    const params = fn.params;
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = params.length - 1;
      if (numIn < numFixed) this.errorf(f, `wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== params.length) {
      this.errorf(f, `wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }
    if (fn.shortCircuit) {
      let v: Traced = MISSING;
      for (const a of args) {
        v = this.evalArg(f, dot, 'reflect.Value', a);
        if (isTrue(v.value) === (fn.shortCircuit === 'or')) return v;
      }
      if (hasFinal) v = final;
      return v;
    }
    const traced: Traced[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) traced.push(this.evalArg(f, dot, params[i], args[i]));
    if (fn.variadic) {
      const elem = params[params.length - 1];
      for (; i < args.length; i++) traced.push(this.evalArg(f, dot, elem, args[i]));
    }
    if (hasFinal) {
      const t = fn.variadic && numIn - 1 >= numFixed ? params[params.length - 1] : params[numIn - 1];
      traced.push(this.validateType(f, final, t));
    }
    f.node = node;
    const values = traced.map((t) => t.value);
    const ctx: CallContext = {
      traced,
      argNames: [
        ...args.map((a) => nodeString(a)),
        ...(hasFinal
          ? [typeof final.value === 'string' ? final.value : `<${final.value === null ? 'invalid' : goTypeName(final.value)} Value>`]
          : []),
      ],
      include: (n, data) => this.include(f, n, data),
      tpl: (text, data) => this.tpl(f, text, data),
    };
    let result: GoValue;
    try {
      result = fn.call(values, ctx);
    } catch (e) {
      if (e instanceof LimitError || e instanceof BreakSignal || e instanceof ContinueSignal) throw e;
      if (e instanceof RangeError && /call stack/.test(e.message)) {
        throw new LimitError('exceeded maximum template depth (the JavaScript stack is full)');
      }
      f.node = node;
      const message = e instanceof Error ? e.message : String(e);
      return this.errorf(f, `error calling ${name}: ${message}`, e instanceof HelmFailError ? message : innerHelmMessage(e));
    }
    if (fn.track) return fn.track(traced, result) ?? { value: result };
    return passThrough(traced, result);
  }

  // ---- arguments ----

  private evalArg(f: Frame, dot: Traced, typ: string | undefined, n: ArgNode): Traced {
    f.node = n;
    switch (n.kind) {
      case 'dot':
        return this.validateType(f, dot, typ);
      case 'nil':
        if (typ === undefined || canBeNil(typ) || typ === 'reflect.Value') return { value: null };
        return this.errorf(f, `cannot assign nil to ${typ}`);
      case 'field':
        return this.validateType(f, this.evalFieldNode(f, dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(f, this.evalVariableNode(f, dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(f, this.evalPipeline(f, dot, n), typ);
      case 'identifier':
        return this.validateType(f, this.evalFunction(f, dot, n, { kind: 'command', pos: n.pos, args: [n] }, [n], MISSING), typ);
      case 'chain':
        return this.validateType(f, this.evalChainNode(f, dot, n, [], MISSING), typ);
    }
    const t = typ ?? 'interface {}';
    if (t === 'bool') {
      if (n.kind === 'bool') return { value: n.value };
      return this.errorf(f, `expected bool; found ${nodeString(n)}`);
    }
    if (t === 'float64' || t === 'float32') {
      if (n.kind === 'number' && n.isFloat) return { value: n.float };
      return this.errorf(f, `expected float; found ${nodeString(n)}`);
    }
    if (INT_TYPES.has(t)) {
      if (n.kind === 'number' && n.isInt && (!t.startsWith('u') || n.int >= 0)) return { value: goInt(n.int, t as GoIntType) };
      return this.errorf(f, `expected ${t.startsWith('u') ? 'unsigned ' : ''}integer; found ${nodeString(n)}`);
    }
    if (t === 'string') {
      if (n.kind === 'string') return { value: n.text };
      return this.errorf(f, `expected string; found ${nodeString(n)}`);
    }
    if (t === 'interface {}' || t === 'reflect.Value') {
      switch (n.kind) {
        case 'bool':
          return { value: n.value };
        case 'number':
          return { value: this.idealConstant(f, n) };
        case 'string':
          return { value: n.text };
      }
    }
    return this.errorf(f, `can't handle ${nodeString(n)} for arg of type ${t}`);
  }

  /** Go's validateType: is the value assignable to the parameter type? */
  private validateType(f: Frame, value: Traced, typ: string | undefined): Traced {
    if (typ === undefined || typ === 'interface {}' || typ === 'reflect.Value') return value;
    const v = value.value;
    if (v === null) {
      if (canBeNil(typ)) return value;
      if (value.invalid) return this.errorf(f, `invalid value; expected ${typ}`);
      return this.errorf(f, `wrong type for value; expected ${typ}; got interface {}`);
    }
    if (assignable(v, typ)) return value;
    // Go unwraps a non-nil interface first, so the message names the dynamic type.
    return this.errorf(f, `wrong type for value; expected ${typ}; got ${goTypeName(v)}`);
  }
}

const INT_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

function canBeNil(typ: string): boolean {
  return typ.startsWith('[]') || typ.startsWith('map[') || typ.startsWith('*') || typ === 'interface {}' || typ.startsWith('func');
}

function assignable(v: GoValue, typ: string): boolean {
  switch (typ) {
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'float64':
      return typeof v === 'number';
  }
  if (INT_TYPES.has(typ)) return v instanceof GoInt && v.type === typ;
  if (typ.startsWith('[]')) {
    if (typ === '[]uint8' || typ === '[]byte') return v instanceof Uint8Array;
    return Array.isArray(v) && `[]${sliceElemType(v)}` === typ;
  }
  if (typ.startsWith('map[')) {
    return v instanceof Map && (goTypeName(v) === typ || `map[string]${mapElemType(v)}` === typ);
  }
  return goTypeName(v) === typ;
}

/** The zero value of a map's element type (what a missing key yields with missingkey=zero). */
function zeroValue(elemType: string): GoValue {
  if (elemType === 'string') return '';
  if (elemType === '[]uint8') return new Uint8Array(0);
  return null;
}

/** The default origin rule: a result that is one of the arguments keeps that argument's origin. */
function passThrough(args: Traced[], result: GoValue): Traced {
  for (let i = args.length - 1; i >= 0; i--) {
    const a = args[i];
    if ((a.spans || a.via) && a.value === result && (typeof result === 'string' || (result !== null && typeof result === 'object'))) {
      return { value: result, spans: a.spans, via: a.via };
    }
  }
  return { value: result };
}

/** A nested template error carrying Helm's message (a `required` inside an `include`) keeps it. */
function innerHelmMessage(e: unknown): string | undefined {
  return e instanceof TemplateError ? e.helmMessage?.replace(/^execution error at \([^)]*\): /, '') : undefined;
}

export type { ListNode, OriginSpan, SourceRange };
