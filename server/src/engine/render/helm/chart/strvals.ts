// `--set` and `--set-string` expressions parsed as Helm's strvals parser does: `a.b=1,c[0].d=x`, `{a,b}` lists,
// `\` escapes, typed values (int64 for integers not starting with 0, true/false/null, strings otherwise) unless
// the value is forced to a string. Errors carry strvals' wording.
import { goInt, type GoMap, type GoValue } from '../template/value';

export class StrvalsError extends Error {}

/** strvals.MaxIndex and MaxNestedNameLevel. */
const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;

/** Parses `expression` into `dest` (strvals.ParseInto / ParseIntoString). Throws StrvalsError. */
export function parseSet(expression: string, dest: GoMap, forceString: boolean): void {
  const parser = new Parser([...expression], forceString);
  for (;;) {
    const result = parser.key(dest, 0);
    if (result === 'eof') return;
  }
}

type Step = 'ok' | 'eof';

class Parser {
  private pos = 0;
  constructor(
    private readonly runes: string[],
    private readonly forceString: boolean,
  ) {}

  /** Reads up to a stop rune; returns the text (escapes resolved), the stop rune, or eof. */
  private until(stop: string): { text: string; last: string | undefined } {
    let text = '';
    while (this.pos < this.runes.length) {
      const r = this.runes[this.pos++];
      if (stop.includes(r)) return { text, last: r };
      if (r === '\\') {
        if (this.pos >= this.runes.length) return { text, last: undefined };
        text += this.runes[this.pos++];
      } else text += r;
    }
    return { text, last: undefined };
  }

  key(data: GoMap, nested: number): Step {
    const { text: k, last } = this.until('=[,.');
    if (last === undefined) {
      if (k.length === 0) return 'eof';
      throw new StrvalsError(`key ${JSON.stringify(k)} has no value`);
    }
    if (last === '[') {
      const index = this.keyIndex();
      let list: GoValue[] = [];
      if (data.has(k)) {
        const existing = data.get(k) ?? null;
        if (!Array.isArray(existing)) throw conversionPanic(existing, '[]interface {}');
        list = existing;
      }
      const result = this.listItem(list, index, nested);
      set(data, k, result.list);
      if (result.error) throw result.error;
      return result.step;
    }
    if (last === '=') {
      const list = this.valList();
      if (list === 'eof') {
        set(data, k, '');
        return 'eof';
      }
      if (list !== 'not-a-list') {
        set(data, k, list);
        return 'ok';
      }
      // A scalar value ends the key without EOF, even at the end of the text (as Helm's reader returns nil).
      set(data, k, this.typed(this.until(',').text));
      return 'ok';
    }
    if (last === ',') {
      set(data, k, '');
      throw new StrvalsError(`key ${JSON.stringify(k)} has no value (cannot end with ,)`);
    }
    // '.'
    nested++;
    if (nested > MAX_NESTED_NAME_LEVEL) {
      throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
    }
    let inner: GoMap = new Map();
    if (data.has(k)) {
      const existing = data.get(k) ?? null;
      if (!(existing instanceof Map)) throw conversionPanic(existing, 'map[string]interface {}');
      inner = existing;
    }
    let step: Step;
    try {
      step = this.key(inner, nested);
    } catch (error) {
      if (inner.size !== 0) set(data, k, inner);
      throw error;
    }
    if (step === 'ok' && inner.size === 0) throw new StrvalsError(`key map ${JSON.stringify(k)} has no value`);
    if (inner.size !== 0) set(data, k, inner);
    return step;
  }

  private keyIndex(): number {
    const { text, last } = this.until(']');
    if (last === undefined) throw new StrvalsError('error parsing index: EOF');
    if (!/^[+-]?[0-9]+$/.test(text)) {
      throw new StrvalsError(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
    }
    return Number(text);
  }

  private listItem(list: GoValue[], index: number, nested: number): { list: GoValue[]; step: Step; error?: Error } {
    if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
    const { text, last } = this.until('[.=');
    if (text.length > 0) throw new StrvalsError(`unexpected data at end of array index: ${JSON.stringify(text)}`);
    if (last === undefined) return { list, step: 'eof' };
    if (last === '=') {
      const values = this.valList();
      if (values === 'eof') return { list: setIndex(list, index, ''), step: 'eof' };
      if (values !== 'not-a-list') return { list: setIndex(list, index, values), step: 'ok' };
      return { list: setIndex(list, index, this.typed(this.until(',').text)), step: 'ok' };
    }
    if (last === '[') {
      const next = this.keyIndex();
      let current: GoValue[] = [];
      if (list.length > index && list[index] !== null) {
        const existing = list[index];
        if (!Array.isArray(existing)) throw conversionPanic(existing, '[]interface {}');
        current = existing;
      }
      const inner = this.listItem(current, next, nested);
      if (inner.error) throw inner.error;
      return { list: setIndex(list, index, inner.list), step: inner.step };
    }
    // '.'
    let inner: GoMap = new Map();
    if (list.length > index) {
      const existing = list[index];
      if (existing instanceof Map) inner = existing;
      else {
        // Indices out of order: Helm starts that element afresh.
        list[index] = inner;
      }
    }
    const step = this.key(inner, nested);
    return { list: setIndex(list, index, inner), step };
  }

  /** `{a,b}` after `=`: a list; 'not-a-list' otherwise (nothing consumed). */
  private valList(): GoValue[] | 'eof' | 'not-a-list' {
    if (this.pos >= this.runes.length) return 'eof';
    if (this.runes[this.pos] !== '{') return 'not-a-list';
    this.pos++;
    const list: GoValue[] = [];
    for (;;) {
      const { text, last } = this.until(',}');
      if (last === undefined) throw new StrvalsError("list must terminate with '}'");
      list.push(this.typed(text));
      if (last === '}') {
        if (this.pos < this.runes.length && this.runes[this.pos] === ',') this.pos++;
        return list;
      }
    }
  }

  private typed(value: string): GoValue {
    if (this.forceString) return value;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (value === '0') return goInt(0, 'int64');
    if (value.length > 0 && value[0] !== '0' && /^[+-]?[0-9]+$/.test(value)) {
      const n = BigInt(value);
      if (n <= 9223372036854775807n && n >= -9223372036854775808n) return goInt(Number(n), 'int64');
    }
    return value;
  }
}

function set(data: GoMap, key: string, value: GoValue): void {
  if (key.length === 0) return;
  data.set(key, value);
}

function setIndex(list: GoValue[], index: number, value: GoValue): GoValue[] {
  if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = value;
  return list;
}

// Helm's parser panics on a type assertion and recovers into this message.
function conversionPanic(existing: GoValue, wanted: string): StrvalsError {
  return new StrvalsError(`unable to parse key: interface conversion: interface {} is ${goDynamicType(existing)}, not ${wanted}`);
}

function goDynamicType(v: GoValue): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  return 'int64';
}
