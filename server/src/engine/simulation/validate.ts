// Which manifest numbers the simulation takes: whole numbers in the range the API server accepts (int32 for
// counts and most seconds). Anything else (infinite, huge, negative, fractional, not a number) is refused by
// name instead of simulated: drawing it would mean guessing, and an unbounded value would make the timeline's
// horizon unbounded too.
import { isMap, isScalar, isSeq } from 'yaml';
import { deref, getPair, type DocRef } from '../model/yamlAccess';
import type { RefusedValue } from './types';

/** The largest value of an int32 field (replicas, probe seconds and thresholds, minReadySeconds, partition). */
export const MAX_INT32 = 2_147_483_647;

/** Why `value` is not a whole number in [min, max]; undefined when it is one. */
export function invalidNumberReason(value: unknown, min = 0, max = MAX_INT32, overMax = API_LIMIT): string | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return 'infinite';
  if (!Number.isInteger(value)) return 'not a whole number';
  if (value < min) return min === 0 ? 'negative' : `below ${min}`;
  if (value > max) return `over ${max}, ${overMax}`;
  return undefined;
}

const API_LIMIT = 'the largest value the API server accepts';
/** For fields the API takes as int64 (terminationGracePeriodSeconds, preStop sleep): the model's own bound. */
export const MODEL_LIMIT = 'more than the timeline can draw';

/** The value as the manifest spells it (".inf", not "Infinity"). */
function sourceText(node: unknown, ref: DocRef): string {
  const resolved = deref(node, ref);
  if (isScalar(resolved)) {
    if (typeof resolved.source === 'string') return resolved.source;
    return String(resolved.value);
  }
  if (isMap(resolved)) return 'a map';
  if (isSeq(resolved)) return 'a list';
  return String(resolved);
}

/** Collects the values the simulation refuses while the inputs are read. */
export class Refusals {
  readonly list: RefusedValue[] = [];

  refuse(field: string, text: string, reason: string): void {
    this.list.push({ field, text, reason });
  }

  /**
   * A whole-number field of `map`: undefined when absent or null (the API default applies), the number when it
   * is one in [min, max] (a quoted number counts, as elsewhere in the engine), otherwise refused.
   */
  whole(map: unknown, key: string, ref: DocRef, field: string, min = 0, max = MAX_INT32, overMax = API_LIMIT): number | undefined {
    const pair = getPair(map, key, ref);
    if (!pair) return undefined;
    const node = deref(pair.value, ref);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return undefined;
    const raw = isScalar(node) ? node.value : undefined;
    const value = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : typeof raw === 'bigint' ? Number(raw) : raw;
    const reason = invalidNumberReason(value, min, max, overMax);
    if (reason === undefined) return value as number;
    this.refuse(field, sourceText(node, ref), reason);
    return undefined;
  }

  /** A number already read by another reader (e.g. an HPA's maxReplicas); refused unless whole and in range. */
  check(value: number, field: string, min = 0, max = MAX_INT32, overMax = API_LIMIT): boolean {
    const reason = invalidNumberReason(value, min, max, overMax);
    if (reason !== undefined) this.refuse(field, String(value), reason);
    return reason === undefined;
  }
}

/** One sentence per refused value, for notes, the CodeLens and the picture. */
export function describeRefusal(refused: RefusedValue): string {
  return `${refused.field} is ${refused.text}: ${refused.reason}.`;
}

/** Text that reads as a number or a percentage (so not a template placeholder): "-5", "1.5%", ".inf", "1e308%". */
const NUMBER_LIKE = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+|\.inf|\.nan)(?:e[-+]?\d+)?\s*%?\s*$/i;

/**
 * maxSurge or maxUnavailable: a whole number or a whole percentage (at most `maxPercent`). Values that are
 * numbers, percentages or booleans out of that are refused; other text (a template placeholder) is left to
 * the caller, which models it with the API defaults and says so.
 */
export function refuseBadIntOrPercent(refusals: Refusals, map: unknown, key: string, ref: DocRef, field: string, maxPercent: number): void {
  const pair = getPair(map, key, ref);
  const node = pair && deref(pair.value, ref);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return;
  const raw: unknown = isScalar(node) ? node.value : node;
  if (typeof raw === 'number') {
    refusals.check(raw, field);
    return;
  }
  if (typeof raw !== 'string') {
    refusals.refuse(field, sourceText(node, ref), 'not a number or a percentage');
    return;
  }
  const percent = /^\s*(\d+)%\s*$/.exec(raw);
  if (percent) {
    if (Number(percent[1]) > maxPercent) refusals.refuse(field, raw, `over ${maxPercent}%`);
  } else if (/^\s*\d+\s*$/.test(raw)) {
    const value = Number(raw);
    if (value > MAX_INT32) refusals.refuse(field, raw, `over ${MAX_INT32}, ${API_LIMIT}`);
  } else if (NUMBER_LIKE.test(raw)) {
    refusals.refuse(field, raw, 'not a whole number or a whole percentage');
  }
}
