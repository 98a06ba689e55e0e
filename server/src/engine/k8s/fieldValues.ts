// Why the API server would reject a field's value: the checks its decoder and validation make on the numbers,
// percentages and lists the rules read. The readers (yamlAccess.getInt, rollout.parseIntOrPercent) return nothing
// for these values, so no rule computes with them; `invalid-field-value` says what is wrong with each.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import { deref, MAX_INT32, type DocRef } from '../model/yamlAccess';

/**
 * Text a templating tool replaces before the API server sees it (Flux `${VAR}`, kustomize `$(VAR)`, Helm `{{ }}`,
 * `<placeholder>`, `@VAR@`, `__VAR__`, an upper-case name): not judged.
 */
export function isPlaceholder(text: string): boolean {
  const value = text.trim();
  return /[${}<>]/.test(value) || /^@[^@\s]+@$/.test(value) || /^__\w+__$/.test(value) || /^[A-Z][A-Z0-9_]*$/.test(value);
}

const QUOTED_NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?\s*$/i;

/** The value as the manifest spells it (".inf", not "Infinity"), shortened. */
export function valueText(node: unknown, ref: DocRef): string {
  const resolved = deref(node, ref);
  if (isScalar(resolved)) {
    const text = typeof resolved.source === 'string' ? resolved.source : String(resolved.value);
    const shown = resolved.type === 'QUOTE_DOUBLE' ? JSON.stringify(text) : resolved.type === 'QUOTE_SINGLE' ? `'${text}'` : text;
    return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
  }
  if (isMap(resolved)) return 'a map';
  if (isSeq(resolved)) return 'a list';
  return 'an unknown value';
}

function numberProblem(value: number, min: number, max: number): string | undefined {
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return 'an infinite number';
  if (!Number.isInteger(value)) return 'not a whole number';
  if (value < min) return min === 0 ? 'negative' : `below ${min}`;
  if (value > max) return max === MAX_INT32 ? 'more than an int32 holds' : `above ${max}`;
  return undefined;
}

/** Why a whole-number field's value is rejected (min..max); undefined when it is valid, null, or a placeholder. */
export function intProblem(node: unknown, ref: DocRef, min = 0, max = MAX_INT32): string | undefined {
  const resolved = deref(node, ref);
  if (resolved === undefined || isAlias(resolved)) return undefined;
  if (!isScalar(resolved)) return `${valueText(resolved, ref)}, not a number`;
  const value: unknown = resolved.value;
  if (value === null) return undefined;
  if (typeof value === 'number') return numberProblem(value, min, max);
  if (typeof value === 'bigint') return numberProblem(Number(value), min, max);
  if (typeof value === 'boolean') return 'true or false, not a number';
  if (typeof value === 'string') {
    if (isPlaceholder(value)) return undefined;
    return QUOTED_NUMBER.test(value) ? 'a quoted number: a string, where the API server takes only a number' : 'text, not a number';
  }
  return 'not a number';
}

/**
 * Why an int-or-percent field's value is rejected (maxSurge, maxUnavailable, minAvailable): a whole number, or a
 * string of a whole number and `%` (at most `maxPercent`).
 */
export function intOrPercentProblem(node: unknown, ref: DocRef, maxPercent = Infinity): string | undefined {
  const resolved = deref(node, ref);
  if (resolved === undefined || isAlias(resolved)) return undefined;
  if (!isScalar(resolved)) return `${valueText(resolved, ref)}, not a number or a percentage`;
  const value: unknown = resolved.value;
  if (value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return numberProblem(Number(value), 0, MAX_INT32);
  if (typeof value === 'boolean') return 'true or false, not a number or a percentage';
  if (typeof value !== 'string') return 'not a number or a percentage';
  if (isPlaceholder(value)) return undefined;
  const percent = /^(\d+)%$/.exec(value.trim());
  if (percent) return Number(percent[1]) > maxPercent ? `more than ${maxPercent}%` : undefined;
  if (QUOTED_NUMBER.test(value)) return 'a quoted number: the API server reads a string here as a percentage, and it has no %';
  return value.trim().endsWith('%') ? 'not a whole percentage (a whole number followed by %)' : 'neither a number nor a percentage';
}

/** Why a field that must hold a string (an image) holds something else; undefined for strings, null and placeholders. */
export function stringProblem(node: unknown, ref: DocRef): string | undefined {
  const resolved = deref(node, ref);
  if (resolved === undefined || isAlias(resolved)) return undefined;
  if (!isScalar(resolved)) return `${valueText(resolved, ref)}, not a string`;
  const value: unknown = resolved.value;
  if (value === null || typeof value === 'string') return undefined;
  if (value instanceof Uint8Array) return 'binary data (!!binary), not a string';
  return `${typeof value === 'boolean' ? 'true or false' : 'a number'}, not a string (quote it)`;
}

/** Why a field that must hold a list holds something else (`containers: 5`). */
export function listProblem(node: unknown, ref: DocRef): string | undefined {
  const resolved = deref(node, ref);
  if (resolved === undefined || isSeq(resolved) || isAlias(resolved)) return undefined;
  if (isScalar(resolved) && (resolved.value === null || (typeof resolved.value === 'string' && isPlaceholder(resolved.value)))) {
    return undefined;
  }
  return `${valueText(resolved, ref)}, not a list`;
}
