// Helm's own functions (pkg/engine/funcs.go and engine.go): include, tpl, required, fail, lookup (empty, as
// under `helm template`), and the YAML/JSON/TOML converters with Helm's error handling: fromYaml/fromJson
// never fail (the error goes into an "Error" key), toYaml/toJson give "" on error.
import { type FunctionTable, HelmFailError, type Traced, fn } from '../template/function';
import { type GoMap, type GoValue, ValuesError, goSlice, yamlToGo } from '../template/value';
import { marshalYaml } from './serialize';
import { JsonError, marshalJson } from './toJson';
import { parseJson } from './json';
import { marshalToml } from './toml';

/** sigs.k8s.io/yaml Unmarshal of a template string (no origins: the text was made by the template). */
function unmarshalYaml(text: string): GoValue {
  return yamlToGo(text, undefined, false);
}

function errorText(e: unknown): string {
  if (e instanceof ValuesError || e instanceof JsonError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

function toYaml(args: Traced[], result: GoValue): Traced {
  return { value: result, spans: (result as string) === '' ? undefined : marshalYaml(args[0].value, args[0].via).spans, via: undefined };
}

export function helmOwnFunctions(): FunctionTable {
  return {
    include: includeFunction(),
    tpl: fn(['string', 'interface {}'], ([text], ctx) => ctx.tpl(text as string, ctx.traced[1]).value, {
      track: (args, result) => ({ value: result, via: args[0].via }),
    }),
    required: fn(['string', 'interface {}'], ([warn, val]) => {
      if (val === null || val === '') throw new HelmFailError(warn as string);
      return val;
    }),
    fail: fn(['string'], ([msg]) => {
      throw new HelmFailError(msg as string);
    }),
    lookup: fn(['string', 'string', 'string', 'string'], () => new Map()),
    toYaml: fn(
      ['interface {}'],
      ([v]) => {
        try {
          return marshalYaml(v).text.replace(/\n$/, '');
        } catch {
          return '';
        }
      },
      { track: toYaml },
    ),
    toYamlPretty: fn(['interface {}'], ([v]) => {
      try {
        return marshalYaml(v).text.replace(/\n$/, '');
      } catch {
        return '';
      }
    }),
    fromYaml: fn(['string'], ([s]) => {
      try {
        const v = unmarshalYaml(s as string);
        if (v === null) return new Map();
        if (!(v instanceof Map)) {
          return errorMap(
            `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`,
          );
        }
        return v;
      } catch (e) {
        return errorMap(errorText(e));
      }
    }),
    fromYamlArray: fn(['string'], ([s]) => {
      try {
        const v = unmarshalYaml(s as string);
        if (v === null) return goSlice([]);
        if (!Array.isArray(v)) {
          return goSlice([
            `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`,
          ]);
        }
        return v;
      } catch (e) {
        return goSlice([errorText(e)]);
      }
    }),
    toJson: fn(['interface {}'], ([v]) => {
      try {
        return marshalJson(v);
      } catch {
        return '';
      }
    }),
    mustToJson: fn(['interface {}'], ([v]) => marshalJson(v)),
    toRawJson: fn(['interface {}'], ([v]) => {
      try {
        return marshalJson(v, false);
      } catch (e) {
        throw new Error(errorText(e), { cause: e });
      }
    }),
    mustToRawJson: fn(['interface {}'], ([v]) => marshalJson(v, false)),
    toPrettyJson: fn(['interface {}'], ([v]) => {
      try {
        return marshalJson(v, true, '  ');
      } catch {
        return '';
      }
    }),
    mustToPrettyJson: fn(['interface {}'], ([v]) => marshalJson(v, true, '  ')),
    fromJson: fn(['string'], ([s]) => {
      try {
        const v = parseJson(s as string);
        if (v === null) return new Map();
        if (!(v instanceof Map)) return errorMap(`json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`);
        return v;
      } catch (e) {
        return errorMap(errorText(e));
      }
    }),
    fromJsonArray: fn(['string'], ([s]) => {
      try {
        const v = parseJson(s as string);
        if (v === null) return goSlice([]);
        if (!Array.isArray(v)) return goSlice([`json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`]);
        return v;
      } catch (e) {
        return goSlice([errorText(e)]);
      }
    }),
    mustFromJson: fn(['string'], ([s]) => parseJson(s as string)),
    toToml: fn(['interface {}'], ([v]) => marshalToml(v)),
    getHostByName: fn(['string'], () => ''),
  };
}

/** include returns the helper's text with its origins (the track step hands them on). */
function includeFunction() {
  let last: Traced | undefined;
  return fn(
    ['string', 'interface {}'],
    ([name], ctx) => {
      const out = ctx.include(name as string, ctx.traced[1]);
      last = out;
      return out.value;
    },
    { track: (_args, result) => (last && last.value === result ? { value: result, spans: last.spans } : { value: result }) },
  );
}

function errorMap(message: string): GoMap {
  return new Map([['Error', message]]);
}

function jsonKind(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}
