// The expression half of Go's text/template executor (text/template/exec.go) as Helm runs it (missingkey=zero):
// variables, pipelines and commands, field/method/map access with Go's errors, and function calls with Go's
// argument conversion and checks, tracking where each value came from. exec.ts walks templates with it.
import { assignable, canBeNil, innerHelmMessage, INT_TYPES, passThrough, zeroValue } from './assign';
import { TemplateError } from './errors';
import { BreakSignal, ContinueSignal, type ExecutionLimits, type Frame, MISSING } from './frame';
import { type CallContext, type GoFunction, HelmFailError, LimitError, type Traced } from './function';
import {
  type AnyNode,
  type ArgNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type NumberNode,
  type PipeNode,
  type VariableNode,
  nodeString,
} from './nodes';
import { lineAndColumn } from './position';
import { isTrue } from './truth';
import { type GoIntType, GoObject, type GoValue, containerMethods, goInt, goTypeName, mapElemType, originOf } from './value';

/** Evaluation with the execution's step budget; include and tpl are the executor's. */
export abstract class Evaluator {
  private steps = 0;

  constructor(readonly limits: ExecutionLimits) {}

  protected step(): void {
    if (++this.steps > this.limits.maxSteps) {
      throw new LimitError(`template execution exceeds ${this.limits.maxSteps} steps (an endless range or recursion?)`);
    }
  }

  /** Helm's `include`: executes a named template of the set with `data` as dot. */
  abstract include(f: Frame, name: string, data: Traced): Traced;
  /** Helm's `tpl`: parses and executes `text` in a copy of the set. */
  abstract tpl(f: Frame, text: string, data: Traced): Traced;

  // ---- errors ----

  protected errorf(f: Frame, message: string, helmMessage?: string): never {
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

  // ---- variables ----

  protected setVar(f: Frame, name: string, value: Traced): void {
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

  protected evalPipeline(f: Frame, dot: Traced, pipe: PipeNode): Traced {
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
