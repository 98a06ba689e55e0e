// Go's rules for passing a value to a function or method parameter (reflect's assignability, which types can
// be nil), the zero value of a missing map key, and how a call's result keeps its argument's origin.
import type { Traced } from './function';
import { TemplateError } from './errors';
import { GoInt, type GoValue, goTypeName, mapElemType, sliceElemType } from './value';

export const INT_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

export function canBeNil(typ: string): boolean {
  return typ.startsWith('[]') || typ.startsWith('map[') || typ.startsWith('*') || typ === 'interface {}' || typ.startsWith('func');
}

export function assignable(v: GoValue, typ: string): boolean {
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
export function zeroValue(elemType: string): GoValue {
  if (elemType === 'string') return '';
  if (elemType === '[]uint8') return new Uint8Array(0);
  return null;
}

/** The default origin rule: a result that is one of the arguments keeps that argument's origin. */
export function passThrough(args: Traced[], result: GoValue): Traced {
  for (let i = args.length - 1; i >= 0; i--) {
    const a = args[i];
    if ((a.spans || a.via) && a.value === result && (typeof result === 'string' || (result !== null && typeof result === 'object'))) {
      return { value: result, spans: a.spans, via: a.via };
    }
  }
  return { value: result };
}

/** A nested template error carrying Helm's message (a `required` inside an `include`) keeps it. */
export function innerHelmMessage(e: unknown): string | undefined {
  return e instanceof TemplateError ? e.helmMessage?.replace(/^execution error at \([^)]*\): /, '') : undefined;
}
