// How Helm's validator (jsonschema v6, through golang.org/x/text's English printer) writes values in messages.
import { GoInt, type GoValue } from '../../template/value';
import { isObject, type Json } from './compile';

/** The validator's quote: Go's %q, then double quotes unescaped and single quotes escaped, in single quotes. */
export function quote(s: string): string {
  const q = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${q}'`;
}

/** A value inside a message: strings quoted, containers as "value", numbers as the printer writes them. */
export function displayValue(v: Json | GoValue): string {
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v) || isObject(v as Json) || v instanceof Map) return 'value';
  if (v === null) return '<nil>';
  if (typeof v === 'number' || v instanceof GoInt) return printNumber(v instanceof GoInt ? v.value : v);
  return String(v);
}

/** Integers as golang.org/x/text's English printer writes them: digits grouped by thousands. */
export function group(n: number): string {
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${s}` : s;
}

/** %v of a float64 through that printer: shortest digits, exponent from 1e21, thousands grouped. */
export function printNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [m, e] = n.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const [whole, fraction] = String(n).split('.');
  const grouped = group(Number(whole));
  return fraction ? `${grouped}.${fraction}` : grouped;
}
