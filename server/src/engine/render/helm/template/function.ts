// How template functions are declared: with their Go parameter types, because the executor converts and checks
// arguments as Go's reflection-based call does ("wrong type for value; expected int; got float64"), and with an
// optional rule that carries origins from arguments to the result (indent keeps the spans of its text).
import type { OriginSpan, SourceRange } from '../../../model/origin';
import type { GoValue } from './value';

/** A value during execution, with what is known of its origin. */
export interface Traced {
  value: GoValue;
  /** For strings: where parts of the text came from (offsets relative to the string). */
  spans?: OriginSpan[];
  /** The values-file node this value is (a `.Values` entry reached by field access, `index`, ...). */
  via?: SourceRange;
  /** A nil that came out of a pipeline (Go's invalid reflect.Value) rather than a nil interface in a container. */
  invalid?: boolean;
  /** Came out of an interface{}-typed container without a pipeline in between (Go names its type `interface {}`). */
  boxed?: boolean;
  /** Reached as a field through a pointer (Go's CanAddr): printing it may use its pointer's String method. */
  addressable?: boolean;
}

export interface CallContext {
  /** The arguments as traced values, in order (final pipeline value last). */
  readonly traced: Traced[];
  /** The arguments as Go's `call` names its callee: an argument's node text, a piped value's reflect String(). */
  readonly argNames: string[];
  /** Executes a named template of the set with `data` as dot (Helm's `include`). */
  include(name: string, data: Traced): Traced;
  /** Parses and executes `text` in a copy of the set (Helm's `tpl`). */
  tpl(text: string, data: Traced): Traced;
}

export interface GoFunction {
  /** Go parameter types (`interface {}`, `string`, `int`, `[]interface {}`, `reflect.Value`, ...). */
  params: string[];
  /** The last parameter is variadic (`...T`, its element type given in `params`). */
  variadic?: boolean;
  /** The implementation; throws an Error where Go returns a non-nil error (message as Go's). */
  call(args: GoValue[], ctx: CallContext): GoValue;
  /** Origins of the result, from the traced arguments; default: the argument the result is, if any. */
  track?(args: Traced[], result: GoValue): Traced | undefined;
  /** Go's builtins `and`/`or`: short-circuit evaluation. */
  shortCircuit?: 'and' | 'or';
}

export type FunctionTable = Record<string, GoFunction>;

/** Shorthand for declaring a function. */
export function fn(params: string[], call: (args: GoValue[], ctx: CallContext) => GoValue, extra: Partial<GoFunction> = {}): GoFunction {
  return { params, call, ...extra };
}

/** Shorthand for a variadic function (`params` ends with the element type of the `...` parameter). */
export function variadic(
  params: string[],
  call: (args: GoValue[], ctx: CallContext) => GoValue,
  extra: Partial<GoFunction> = {},
): GoFunction {
  return { params, call, variadic: true, ...extra };
}

/** Thrown by Helm's `required`/`fail`: Helm reports only this message ("execution error at (...): msg"). */
export class HelmFailError extends Error {}

/** Thrown when an execution budget or nesting limit is exceeded: never wrapped as a function's error. */
export class LimitError extends Error {
  override name = 'LimitError';
}
