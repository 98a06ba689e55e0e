// Go's template truth (text/template IsTrue): the zero value of its type is false, empty containers are false.
import { GoInt, GoObject, type GoValue } from './value';

export function isTrue(v: GoValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
  }
  if (v instanceof GoInt) return v.value !== 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof GoObject) return !v.isNil;
  return true;
}
