// Legacy `vars`: a field of one resource substituted for `$(NAME)` in the fields kustomize's varReference config
// lists, after names are final. Substituted text is produced by the var's declaration, via the field it read.
import { type SourceRange } from '../../model/origin';
import { objOf, objsOf, strOf } from './decode';
import { fail } from './errors';
import { type FieldSpec, applyFieldSpec } from './fieldspec';
import { type Kustomization } from './kustomization';
import { type ResMap } from './resmap';
import { type Gvk, isClusterScoped, sameGvk, sameId } from './resource';
import { type KNode, type ScalarValue, isMap, isScalar, scalar } from './tree';
import { producedBy } from './transformers';

export interface VarDef {
  name: string;
  gvk: Gvk;
  targetName: string;
  namespace: string;
  fieldPath: string;
  at: SourceRange;
  node: KNode;
}

export function varsOf(k: Kustomization): VarDef[] {
  return objsOf(k.fields, 'vars').map((entry) => {
    const objref = objOf(entry, 'objref');
    const text = (name: string): string => (objref ? strOf(objref, name)?.value : undefined) ?? '';
    const gvk: Gvk = { group: text('group'), version: text('version'), kind: text('kind') };
    const apiVersion = text('apiVersion');
    if (apiVersion) {
      const parts = apiVersion.split('/');
      if (parts.length === 2) [gvk.group, gvk.version] = parts;
      if (parts.length === 1) gvk.version = parts[0];
    }
    const fieldref = objOf(entry, 'fieldref');
    return {
      name: strOf(entry, 'name')?.value ?? '',
      gvk,
      targetName: text('name'),
      namespace: text('namespace'),
      fieldPath: (fieldref && strOf(fieldref, 'fieldPath')?.value) || 'metadata.name',
      at: entry.$node.src ?? k.at,
      node: entry.$node,
    };
  });
}

/** Records which resource each var reads (kustomize's MergeVars), then adds the vars, refusing duplicates. */
export function mergeVars(existing: VarDef[], incoming: VarDef[], resMap: ResMap, _at: SourceRange): VarDef[] {
  for (const variable of incoming) {
    const id = { gvk: variable.gvk, name: variable.targetName, namespace: variable.namespace };
    const exact = variable.namespace !== '' || isClusterScoped(variable.gvk);
    const matched = resMap.matchingAnyId((candidate) =>
      exact ? sameId(candidate, id) : candidate.name === id.name && sameGvk(candidate.gvk, id.gvk),
    );
    if (matched.length > 1) fail(`found ${matched.length} resId matches for var ${variable.name} (unable to disambiguate)`, variable.at);
    if (matched.length === 1) matched[0].refVarNames.push(variable.name);
  }
  const result = [...existing];
  for (const variable of incoming) {
    if (result.some((other) => other.name === variable.name)) fail(`var '${variable.name}' already encountered`, variable.at);
    result.push(variable);
  }
  return result;
}

/** A field by a dotted path (`spec.ports[0].port`, `spec.containers.0.image`), as kustomize's GetFieldValue. */
export function fieldByPath(node: KNode, path: string): KNode | undefined {
  let current: KNode | undefined = node;
  for (const part of splitFieldPath(path)) {
    if (current === undefined) return undefined;
    if (current.kind === 'seq') {
      if (!/^\d+$/.test(part)) return undefined;
      current = current.items[Number(part)];
    } else if (isMap(current)) {
      current = current.entries.find((entry) => entry.key === part)?.value;
    } else return undefined;
  }
  return current;
}

function splitFieldPath(path: string): string[] {
  const result: string[] = [];
  for (const part of path.split('.')) {
    const match = /^(.*)\[(\d+)\]$/.exec(part);
    if (match) {
      if (match[1] !== '') result.push(match[1]);
      result.push(match[2]);
    } else if (part.trim() !== '') result.push(part.trim());
  }
  return result;
}

/** Substitutes `$(VAR)` in the varReference fields of every resource. */
export function resolveVars(resMap: ResMap, vars: VarDef[], specs: FieldSpec[], at: SourceRange): void {
  if (vars.length === 0) return;
  const values = new Map<string, { value: ScalarValue; source: KNode; def: VarDef }>();
  for (const variable of [...vars].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const resource = resMap.list.find((candidate) => candidate.refVarNames.includes(variable.name));
    if (!resource) fail(`var '${variable.name}' cannot be mapped to a field in the set of known resources`, variable.at);
    const found = fieldByPath(resource.node, variable.fieldPath);
    if (!found) fail(`field specified in var '${variable.name}' not found in corresponding resource`, variable.at);
    if (!isScalar(found)) {
      fail(`var '${variable.name}' reads a ${found.kind === 'map' ? 'mapping' : 'list'}; vars must name a scalar field`, variable.at, true);
    }
    values.set(variable.name, { value: found.value, source: found, def: variable });
  }
  for (const resource of resMap.list) {
    for (const spec of specs) applyFieldSpec(resource, spec, (node) => substituteIn(node, values), { at });
  }
}

function substituteIn(node: KNode, values: Map<string, { value: ScalarValue; source: KNode; def: VarDef }>): KNode | void {
  if (node.kind === 'scalar') return substituteScalar(node, values);
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      const replaced = entry.value.kind === 'scalar' ? substituteScalar(entry.value, values) : undefined;
      if (replaced) entry.value = replaced;
    }
    return;
  }
  node.items = node.items.map((item) => (item.kind === 'scalar' ? (substituteScalar(item, values) ?? item) : item));
}

function substituteScalar(
  node: KNode & { kind: 'scalar' },
  values: Map<string, { value: ScalarValue; source: KNode; def: VarDef }>,
): KNode | undefined {
  if (typeof node.value !== 'string' || !node.value.includes('$')) return undefined;
  const input = node.value;
  let used: { source: KNode; def: VarDef } | undefined;
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) out += '$(';
      else {
        const name = input.slice(cursor + 2, close);
        const found = values.get(name);
        advance = close - cursor;
        if (found) {
          used = found;
          if (input === `$(${name})`) return scalar(found.value, producedBy(found.def.node, found.source));
          out += found.value === null ? '<nil>' : String(found.value);
        } else out += `$(${name})`;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  const result = out + input.slice(checkpoint);
  if (result === input) return undefined;
  if (!used) return { ...node, value: result, text: result };
  return scalar(result, producedBy(used.def.node, used.source));
}
