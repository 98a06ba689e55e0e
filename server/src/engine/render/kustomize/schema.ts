// The part of the Kubernetes schema strategic merge needs: for each built-in type, which fields are lists merged
// by key (and the keys), and the types of the fields that lead to such lists.
import { SCHEMA_RESOURCES, SCHEMA_TYPES } from './schemaData';

/** A position in the schema: an object type, a list merged by `keys` (its items of `type`), or a map of `type`. */
export interface SchemaRef {
  type?: string;
  keys?: string[];
  mapOf?: boolean;
}

interface FieldInfo {
  type?: string;
  keys?: string[];
  mapOf: boolean;
}

const parsed = new Map<string, Map<string, FieldInfo>>();

function typeFields(type: string): Map<string, FieldInfo> | undefined {
  let fields = parsed.get(type);
  if (fields) return fields;
  const text = SCHEMA_TYPES[type];
  if (text === undefined) return undefined;
  fields = new Map();
  for (const item of text.split(' ')) {
    const [name, description] = item.split('=');
    const [child, keys, mapFlag] = description.split(',');
    fields.set(name, {
      type: child || undefined,
      keys: keys === undefined || keys === 'map' ? undefined : keys === '*' ? [] : keys.split('|'),
      mapOf: keys === 'map' || mapFlag === 'map',
    });
  }
  parsed.set(type, fields);
  return fields;
}

/** The schema of a built-in resource type, if it has lists merged by key. */
export function schemaForResource(apiVersion: string, kind: string): SchemaRef | undefined {
  const type = SCHEMA_RESOURCES[`${apiVersion} ${kind}`];
  return type ? { type } : undefined;
}

/** The schema of a map field. */
export function schemaField(schema: SchemaRef | undefined, name: string): SchemaRef | undefined {
  if (!schema || schema.keys) return undefined;
  if (schema.mapOf) return schema.type ? { type: schema.type } : undefined;
  if (!schema.type) return undefined;
  const info = typeFields(schema.type)?.get(name);
  if (!info) return undefined;
  if (info.keys) return { type: info.type, keys: info.keys };
  if (info.mapOf) return { type: info.type, mapOf: true };
  return { type: info.type };
}

/** The schema of a list's items. */
export function schemaElements(schema: SchemaRef | undefined): SchemaRef | undefined {
  if (!schema?.keys) return undefined;
  return { type: schema.type };
}
