// Validation of chart values against a compiled schema, keyword by keyword in the order Helm's validator
// (jsonschema v6) checks them, and its error tree printed as it prints it (`- at '/path': message`, causes
// indented, a lone `$ref` hop skipped). Property order follows the values (the validator's is Go map order).
import { GoInt, type GoValue } from '../../template/value';
import { escapeToken, isObject, type Json, type Schema } from './compile';
import { displayValue, group, printNumber, quote } from './messages';

interface ValidationError {
  message: string;
  location: string[];
  causes: ValidationError[];
  /** A `$ref` hop: not printed when it has exactly one cause. */
  reference?: boolean;
  /** Several errors of one schema: "validation failed". */
  group?: boolean;
}

/** A value as the validator sees it: values hold Go values, schemas hold JSON. */
type Value = GoValue | Json;

/** One top-level failure: Helm's text for it (`- at '<pointer>': <message>` and its indented causes). */
export interface SchemaViolation {
  text: string;
  /** The instance location (keys and indices) the failure is about. */
  location: string[];
}

/** Validates `values` as Helm does; returns the failures Helm lists, in its order (empty when valid). */
export function schemaViolations(schema: Schema, values: GoValue): SchemaViolation[] {
  const error = validate(schema, values, [], false);
  if (!error) return [];
  const causes = error.group ? error.causes : [error];
  return causes.map((cause) => ({ text: display(cause, 1).replace(/^\n/, ''), location: firstLocation(cause) }));
}

// A skipped `$ref` hop reports its cause's location.
function firstLocation(e: ValidationError): string[] {
  return e.reference === true && e.causes.length === 1 ? firstLocation(e.causes[0]) : e.location;
}

function display(e: ValidationError, indent: number): string {
  let out = '';
  const skip = e.reference === true && e.causes.length === 1;
  if (!skip) {
    out += `\n${'  '.repeat(indent - 1)}- at ${quote(pointer(e.location))}: ${e.message}`;
    indent++;
  }
  for (const c of e.causes) out += display(c, indent);
  return out;
}

function pointer(tokens: string[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'invalid';

function typeOf(v: Value): JsonType {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number' || v instanceof GoInt) return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map || isObject(v as Json)) return 'object';
  return 'invalid';
}

function num(v: Value): number {
  return v instanceof GoInt ? v.value : (v as number);
}

function entries(v: Value): [string, Value][] {
  if (v instanceof Map) return [...v.entries()];
  return Object.entries(v as { [key: string]: Json });
}

function has(v: Value, key: string): boolean {
  return v instanceof Map ? v.has(key) : Object.prototype.hasOwnProperty.call(v, key);
}

/** Validates one value; `quiet` is the validator's boolResult: only whether it is valid matters. */
function validate(s: Schema, v: Value, location: string[], quiet: boolean): ValidationError | undefined {
  const err = (message: string, causes: ValidationError[] = [], extra: Partial<ValidationError> = {}): ValidationError => ({
    message,
    location,
    causes,
    ...extra,
  });
  if (s.bool !== undefined) return s.bool ? undefined : err('false schema');
  const t = typeOf(v);
  if (t === 'invalid') return err(`invalid jsonType ${String(v)}`);
  if (s.types) {
    const ok = s.types.includes(t) || (s.types.includes('integer') && t === 'number' && Number.isInteger(num(v)));
    if (!ok) return err(`got ${t}, want ${s.types.join(' or ')}`);
  }
  if (s.constValue && !equals(v, s.constValue.value)) {
    const want = s.constValue.value;
    return err(Array.isArray(want) || isObject(want) ? "'const' failed" : `value must be ${displayValue(want)}`);
  }
  if (s.enumValues) {
    if (!s.enumValues.some((item) => equals(v, item))) {
      const primitive = s.enumValues.every((item) => !Array.isArray(item) && !isObject(item));
      if (!primitive) return err("'enum' failed");
      if (s.enumValues.length === 1) return err(`value must be ${displayValue(s.enumValues[0])}`);
      return err(`value must be one of ${s.enumValues.map(displayValue).join(', ')}`);
    }
  }
  if (s.format && typeof v === 'string') {
    const reason = s.format.check(v);
    if (reason !== undefined) return err(`${displayValue(v)} is not valid ${s.format.name}: ${reason}`);
  }
  const errors: ValidationError[] = [];
  if (s.ref) {
    const refError = validate(s.ref, v, location, quiet);
    const wrapped = refError && err('validation failed', refError.group ? refError.causes : [refError], { reference: true });
    if (s.draft < 2019) return wrapped;
    if (wrapped) errors.push(wrapped);
  }
  const add = (e: ValidationError | undefined): void => {
    if (e) errors.push(e);
  };
  if (t === 'object') objectChecks(s, v, location, quiet, errors, err);
  else if (t === 'array') arrayChecks(s, v as Value[], location, quiet, errors, err);
  else if (t === 'string') stringChecks(s, v as string, errors, err);
  else if (t === 'number') numberChecks(s, num(v), errors, err);

  if (errors.length === 0 || !quiet) {
    if (s.not && !validate(s.not, v, location, true)) errors.push(err("'not' failed"));
    if (s.allOf) {
      const failed: ValidationError[] = [];
      for (const sub of s.allOf) {
        const e = validate(sub, v, location, quiet);
        if (e) {
          failed.push(e);
          if (quiet) break;
        }
      }
      if (failed.length > 0) errors.push(err("'allOf' failed", failed));
    }
    if (s.anyOf) {
      const failed: ValidationError[] = [];
      let matched = false;
      for (const sub of s.anyOf) {
        const e = validate(sub, v, location, quiet);
        if (!e) {
          matched = true;
          break;
        }
        failed.push(e);
      }
      if (!matched) errors.push(err("'anyOf' failed", failed));
    }
    if (s.oneOf) {
      let matched = -1;
      const failed: ValidationError[] = [];
      for (let i = 0; i < s.oneOf.length; i++) {
        const e = validate(s.oneOf[i], v, location, quiet || matched !== -1);
        if (e) {
          if (matched === -1) failed.push(e);
        } else if (matched === -1) matched = i;
        else {
          errors.push(err(`'oneOf' failed, subschemas ${matched}, ${i} matched`));
          break;
        }
      }
      if (matched === -1) errors.push(err("'oneOf' failed, none matched", failed));
    }
    if (s.ifSchema) {
      if (!validate(s.ifSchema, v, location, true)) {
        if (s.thenSchema) add(validate(s.thenSchema, v, location, quiet));
      } else if (s.elseSchema) add(validate(s.elseSchema, v, location, quiet));
    }
  }
  if (errors.length === 0) return undefined;
  if (errors.length === 1) return errors[0];
  return err('validation failed', errors, { group: true });
}

type MakeError = (message: string, causes?: ValidationError[], extra?: Partial<ValidationError>) => ValidationError;

function objectChecks(s: Schema, obj: Value, location: string[], quiet: boolean, errors: ValidationError[], err: MakeError): void {
  const props = entries(obj);
  if (s.minProperties !== undefined && props.length < s.minProperties) {
    errors.push(err(`minProperties: got ${group(props.length)}, want ${group(s.minProperties)}`));
  }
  if (s.maxProperties !== undefined && props.length > s.maxProperties) {
    errors.push(err(`maxProperties: got ${group(props.length)}, want ${group(s.maxProperties)}`));
  }
  if (s.required) {
    const missing = s.required.filter((p) => !has(obj, p));
    if (missing.length === 1) errors.push(err(`missing property ${quote(missing[0])}`));
    else if (missing.length > 1) errors.push(err(`missing properties ${missing.map(quote).join(', ')}`));
  }
  if (quiet && errors.length > 0) return;
  if (s.dependencies) {
    for (const [name, dep] of s.dependencies) {
      if (!has(obj, name)) continue;
      if (Array.isArray(dep)) {
        const missing = dep.filter((p) => !has(obj, p));
        if (missing.length > 0) errors.push(err(`properties ${missing.map(quote).join(', ')} required, if ${quote(name)} exists`));
      } else {
        const e = validate(dep, obj, location, quiet);
        if (e) errors.push(e);
      }
    }
  }
  const additional: string[] = [];
  for (const [name, value] of props) {
    if (quiet && errors.length > 0) return;
    let evaluated = false;
    const at = [...location, name];
    const property = s.properties?.get(name);
    if (property) {
      evaluated = true;
      const e = validate(property, value, at, quiet);
      if (e) errors.push(e);
    }
    for (const pp of s.patternProperties ?? []) {
      if (pp.regex.test(name)) {
        evaluated = true;
        const e = validate(pp.schema, value, at, quiet);
        if (e) errors.push(e);
      }
    }
    if (!evaluated && s.additionalProperties !== undefined) {
      if (s.additionalProperties === false) additional.push(name);
      else if (s.additionalProperties !== true) {
        const e = validate(s.additionalProperties, value, at, quiet);
        if (e) errors.push(e);
      }
    }
  }
  if (additional.length > 0) errors.push(err(`additional properties ${additional.map(quote).join(', ')} not allowed`));
  if (s.draft === 4) return;
  if (s.propertyNames) {
    for (const [name] of props) {
      // The validator checks a name as a document of its own: its errors are located at '' (and so is this one).
      const e = validate(s.propertyNames, name, [], quiet);
      if (e) errors.push({ message: `invalid propertyName ${quote(name)}`, location: [], causes: e.group ? e.causes : [e] });
    }
  }
  if (s.draft === 6) return;
  for (const [name, sub] of s.dependentSchemas ?? []) {
    if (!has(obj, name)) continue;
    const e = validate(sub, obj, location, quiet);
    if (e) errors.push(e);
  }
  for (const [name, required] of s.dependentRequired ?? []) {
    if (!has(obj, name)) continue;
    const missing = required.filter((p) => !has(obj, p));
    if (missing.length > 0) errors.push(err(`properties ${missing.map(quote).join(', ')} required, if ${quote(name)} exists`));
  }
}

function arrayChecks(s: Schema, arr: Value[], location: string[], quiet: boolean, errors: ValidationError[], err: MakeError): void {
  if (s.minItems !== undefined && arr.length < s.minItems) {
    errors.push(err(`minItems: got ${group(arr.length)}, want ${group(s.minItems)}`));
  }
  if (s.maxItems !== undefined && arr.length > s.maxItems) {
    errors.push(err(`maxItems: got ${group(arr.length)}, want ${group(s.maxItems)}`));
  }
  if (s.uniqueItems && arr.length > 1) {
    outer: for (let i = 1; i < arr.length; i++) {
      for (let j = 0; j < i; j++) {
        if (equals(arr[i], arr[j])) {
          errors.push(err(`items at ${j} and ${i} are equal`));
          break outer;
        }
      }
    }
  }
  const item = (sub: Schema, value: Value, index: number): void => {
    const e = validate(sub, value, [...location, String(index)], quiet);
    if (e) errors.push(e);
  };
  if (s.draft < 2020) {
    let evaluated = 0;
    if (Array.isArray(s.items)) {
      const count = Math.min(arr.length, s.items.length);
      for (let i = 0; i < count; i++) item(s.items[i], arr[i], i);
      evaluated = count;
    } else if (s.items) {
      arr.forEach((v, i) => item(s.items as Schema, v, i));
      evaluated = arr.length;
    }
    if (s.additionalItems === false && evaluated !== arr.length) {
      errors.push(err(`last ${group(arr.length - evaluated)} additionalItem(s) not allowed`));
    } else if (s.additionalItems !== undefined && typeof s.additionalItems !== 'boolean') {
      // The validator numbers these from 0 again.
      arr.slice(evaluated).forEach((v, i) => item(s.additionalItems as Schema, v, i));
    }
  } else {
    const evaluated = Math.min(s.prefixItems?.length ?? 0, arr.length);
    for (let i = 0; i < evaluated; i++) item((s.prefixItems as Schema[])[i], arr[i], i);
    if (s.items2020) arr.slice(evaluated).forEach((v, i) => item(s.items2020 as Schema, v, i));
  }
  if (s.contains) {
    const failures: ValidationError[] = [];
    const matched: number[] = [];
    arr.forEach((v, i) => {
      const e = validate(s.contains as Schema, v, [...location, String(i)], quiet);
      if (e) failures.push(e);
      else matched.push(i);
    });
    if (s.minContains !== undefined) {
      if (matched.length < s.minContains) {
        const message =
          matched.length === 0
            ? `min ${s.minContains} items required to match contains schema, but none matched`
            : `min ${s.minContains} items required to match contains schema, but matched ${matched.length} items at ${matched.join(' ')}`;
        errors.push(err(message, failures));
      }
    } else if (matched.length === 0) errors.push(err('no items match contains schema', failures));
    if (s.maxContains !== undefined && matched.length > s.maxContains) {
      errors.push(
        err(`max ${s.maxContains} items required to match contains schema, but matched ${matched.length} items at ${matched.join(' ')}`),
      );
    }
  }
}

function stringChecks(s: Schema, str: string, errors: ValidationError[], err: MakeError): void {
  const length = [...str].length;
  if (s.minLength !== undefined && length < s.minLength) errors.push(err(`minLength: got ${group(length)}, want ${group(s.minLength)}`));
  if (s.maxLength !== undefined && length > s.maxLength) errors.push(err(`maxLength: got ${group(length)}, want ${group(s.maxLength)}`));
  if (s.pattern) {
    s.pattern.regex.lastIndex = 0;
    if (!s.pattern.regex.test(str)) errors.push(err(`${quote(str)} does not match pattern ${quote(s.pattern.source)}`));
  }
}

function numberChecks(s: Schema, n: number, errors: ValidationError[], err: MakeError): void {
  if (s.minimum !== undefined && n < s.minimum) errors.push(err(`minimum: got ${printNumber(n)}, want ${printNumber(s.minimum)}`));
  if (s.maximum !== undefined && n > s.maximum) errors.push(err(`maximum: got ${printNumber(n)}, want ${printNumber(s.maximum)}`));
  if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) {
    errors.push(err(`exclusiveMinimum: got ${printNumber(n)}, want ${printNumber(s.exclusiveMinimum)}`));
  }
  if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) {
    errors.push(err(`exclusiveMaximum: got ${printNumber(n)}, want ${printNumber(s.exclusiveMaximum)}`));
  }
  if (s.multipleOf !== undefined && s.multipleOf !== 0 && !isMultiple(n, s.multipleOf)) {
    errors.push(err(`multipleOf: got ${printNumber(n)}, want ${printNumber(s.multipleOf)}`));
  }
}

// Exact for decimals: scale both to integers before dividing (the validator uses big.Rat).
function isMultiple(n: number, of: number): boolean {
  const decimals = (x: number): number => {
    const [mantissa, exp] = x.toExponential().split('e');
    const fraction = (mantissa.split('.')[1] ?? '').length;
    return Math.max(0, fraction - Number(exp));
  };
  const scale = Math.max(decimals(n), decimals(of));
  if (scale > 20) return Number.isInteger(n / of);
  const big = (x: number): bigint => BigInt(Math.round(Number(`${x}e${scale}`)));
  const divisor = big(of);
  return divisor === 0n ? false : big(n) % divisor === 0n;
}

/** JSON equality across Go values and schema JSON; numbers compare by value. */
function equals(a: Value, b: Value): boolean {
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return false;
  switch (ta) {
    case 'number':
      return num(a) === num(b);
    case 'array': {
      const x = a as Value[];
      const y = b as Value[];
      return x.length === y.length && x.every((item, i) => equals(item, y[i]));
    }
    case 'object': {
      const x = entries(a);
      const y = new Map(entries(b));
      return x.length === y.size && x.every(([k, item]) => y.has(k) && equals(item, y.get(k) as Value));
    }
    default:
      return a === b;
  }
}
