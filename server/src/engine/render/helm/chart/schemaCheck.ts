// chartutil.ValidateAgainstSchema over a chart tree: each chart's values.schema.json against its section of the
// final values (a subchart only when its section is there and not null), failures in Helm's wording, each one
// placed on the values-file node it is about when that is known.
import type { SourceRange } from '../../../model/origin';
import { goTypeName, originOf, type GoMap, type GoValue } from '../template/value';
import { isTable } from './coalesce';
import type { Chart } from './model';
import { compileSchema, SchemaCompileError, type CompiledSchema } from './schema/compile';
import { schemaViolations } from './schema/validate';

export const SCHEMA_ERROR_HEADER = "values don't meet the specifications of the schema(s) in the following chart(s):";

export interface SchemaFailure {
  message: string;
  /** Where to show it: the values node at fault, else the schema file. */
  at: SourceRange;
}

/** Compiled schemas by text: a chart re-rendered as the user types keeps its compiled schema. */
const compiled = new Map<string, CompiledSchema | SchemaCompileError>();
const MAX_CACHED_SCHEMAS = 64;

function compileCached(text: string): CompiledSchema | SchemaCompileError {
  let entry = compiled.get(text);
  if (entry === undefined) {
    try {
      entry = compileSchema(text);
    } catch (error) {
      if (!(error instanceof SchemaCompileError)) throw error;
      entry = error;
    }
    if (compiled.size >= MAX_CACHED_SCHEMAS) compiled.delete(compiled.keys().next().value as string);
    compiled.set(text, entry);
  }
  return entry;
}

/** Failures (Helm refuses to render) and warnings (parts of a schema that could not be checked). */
export function validateChartSchemas(chart: Chart, values: GoMap, warn: (message: string) => void): SchemaFailure[] {
  const failures: SchemaFailure[] = [];
  collect(chart, values, failures, warn);
  return failures;
}

function collect(chart: Chart, values: GoMap, out: SchemaFailure[], warn: (message: string) => void): void {
  const name = chart.metadata.name;
  if (chart.schema) {
    const schemaFile = chart.schema.path;
    const schema = compileCached(chart.schema.text());
    if (schema instanceof SchemaCompileError) {
      out.push({ message: `${SCHEMA_ERROR_HEADER}\n${name}:\n${schema.message}`, at: { file: schemaFile, start: 0, end: 0 } });
    } else {
      for (const url of schema.unresolved) {
        warn(`${schemaFile} refers to ${url}, which is not fetched: the values it describes are not validated`);
      }
      for (const violation of schemaViolations(schema.schema, values)) {
        out.push({
          message: `${SCHEMA_ERROR_HEADER}\n${name}:\n${violation.text}`,
          at: originAt(values, violation.location) ?? { file: schemaFile, start: 0, end: 0 },
        });
      }
    }
  }
  for (const sub of chart.dependencies) {
    const raw = values.get(sub.metadata.name);
    if (raw === undefined || raw === null) continue;
    if (!isTable(raw)) {
      out.push({
        message: `${SCHEMA_ERROR_HEADER}\n${sub.metadata.name}:\ninvalid type for values: expected object (map), got ${goTypeName(raw)}`,
        at: originOf(values, sub.metadata.name) ?? { file: sub.chartFile, start: 0, end: 0 },
      });
      continue;
    }
    collect(sub, raw, out, warn);
  }
}

/** The origin of the value at a location (keys and indices), or of its nearest ancestor that has one. */
function originAt(values: GoMap, location: string[]): SourceRange | undefined {
  let container: GoValue = values;
  let best: SourceRange | undefined;
  for (const token of location) {
    let next: GoValue | undefined;
    let origin: SourceRange | undefined;
    if (container instanceof Map) {
      next = container.get(token);
      origin = originOf(container, token);
    } else if (Array.isArray(container)) {
      const index = Number(token);
      next = container[index];
      origin = originOf(container, index);
    }
    if (next === undefined) break;
    best = origin ?? best;
    container = next;
  }
  return best;
}
