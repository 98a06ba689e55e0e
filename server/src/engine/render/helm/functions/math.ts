// Sprig's math (numeric.go): integer functions convert with spf13/cast and return int64; the float functions
// (addf, mulf, divf, ...) compute in decimal arithmetic (shopspring/decimal) as Sprig does, so 0.1+0.2 is 0.3.
import { type FunctionTable, fn, variadic } from '../template/function';
import { type GoValue, goInt } from '../template/value';
import { panic, toFloat64, toInt64 } from './convert';
import { formatFloatG } from '../template/fmt';

const int64 = (n: number): GoValue => goInt(n, 'int64');

/** A decimal as a scaled BigInt: value = digits * 10^-scale. */
interface Decimal {
  digits: bigint;
  scale: number;
}

/** decimal.NewFromFloat: the shortest decimal that round-trips to the float. */
function decimalOf(f: number): Decimal {
  if (!Number.isFinite(f)) panic(`Cannot create a Decimal from ${formatFloatG(f)}`);
  const [mant, exp] = f.toExponential().split('e');
  const e = Number(exp);
  const neg = mant.startsWith('-');
  const [whole, frac = ''] = mant.replace('-', '').split('.');
  const digits = BigInt(whole + frac) * (neg ? -1n : 1n);
  const scale = frac.length - e;
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

function toNumber(d: Decimal): number {
  const neg = d.digits < 0n;
  let s = (neg ? -d.digits : d.digits).toString();
  if (d.scale > 0) {
    s = s.padStart(d.scale + 1, '0');
    s = `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}`;
  }
  return Number((neg ? '-' : '') + s);
}

function decimalOp(first: number, rest: GoValue[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = decimalOf(first);
  for (const v of rest) acc = op(acc, decimalOf(toFloat64(v)));
  return toNumber(acc);
}

const addD = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, scale] = align(a, b);
  return { digits: x + y, scale };
};
const subD = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, scale] = align(a, b);
  return { digits: x - y, scale };
};
const mulD = (a: Decimal, b: Decimal): Decimal => ({ digits: a.digits * b.digits, scale: a.scale + b.scale });
/** decimal.Div: 16 digits after the point (DivisionPrecision), rounded half away from zero. */
const divD = (a: Decimal, b: Decimal): Decimal => {
  if (b.digits === 0n) panic('decimal division by 0');
  const [x, y] = align(a, b);
  const scaled = x * 10n ** 17n;
  let q = scaled / y;
  const lastDigit = q % 10n;
  q = q / 10n;
  if (lastDigit >= 5n) q += 1n;
  else if (lastDigit <= -5n) q -= 1n;
  return { digits: q, scale: 16 };
};

function intDiv(a: number, b: number): number {
  if (b === 0) panic('runtime error: integer divide by zero');
  return Math.trunc(a / b);
}

function round(a: number, p: number, r = 0.5): number {
  const pow = 10 ** p;
  const digit = pow * a;
  const [, div] = [Math.trunc(digit), digit - Math.trunc(digit)];
  const fl = div >= r ? Math.ceil(digit) : Math.floor(digit);
  return fl / pow;
}

export function mathFunctions(): FunctionTable {
  return {
    add1: fn(['interface {}'], ([a]) => int64(toInt64(a) + 1)),
    add: variadic(['interface {}'], (args) => int64(args.reduce<number>((s, a) => s + toInt64(a), 0))),
    sub: fn(['interface {}', 'interface {}'], ([a, b]) => int64(toInt64(a) - toInt64(b))),
    div: fn(['interface {}', 'interface {}'], ([a, b]) => int64(intDiv(toInt64(a), toInt64(b)))),
    mod: fn(['interface {}', 'interface {}'], ([a, b]) => {
      const y = toInt64(b);
      if (y === 0) panic('runtime error: integer divide by zero');
      return int64(toInt64(a) % y);
    }),
    mul: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => int64(rest.reduce<number>((p, v) => p * toInt64(v), toInt64(a)))),
    max: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => int64(Math.max(toInt64(a), ...rest.map(toInt64)))),
    min: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => int64(Math.min(toInt64(a), ...rest.map(toInt64)))),
    addf: variadic(['interface {}'], (args) => decimalOp(0, args, addD)),
    add1f: fn(['interface {}'], ([a]) => decimalOp(toFloat64(a), [1], addD)),
    subf: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => decimalOp(toFloat64(a), rest, subD)),
    mulf: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => decimalOp(toFloat64(a), rest, mulD)),
    divf: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => decimalOp(toFloat64(a), rest, divD)),
    maxf: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => Math.max(toFloat64(a), ...rest.map(toFloat64))),
    minf: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => Math.min(toFloat64(a), ...rest.map(toFloat64))),
    floor: fn(['interface {}'], ([a]) => Math.floor(toFloat64(a))),
    ceil: fn(['interface {}'], ([a]) => Math.ceil(toFloat64(a))),
    round: variadic(['interface {}', 'int', 'float64'], ([a, p, r]) =>
      round(toFloat64(a), toInt64(p), r === undefined ? 0.5 : (r as number)),
    ),
    biggest: variadic(['interface {}', 'interface {}'], ([a, ...rest]) => int64(Math.max(toInt64(a), ...rest.map(toInt64)))),
  };
}
