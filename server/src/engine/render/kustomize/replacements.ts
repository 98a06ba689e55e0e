// `replacements`: a field of one resource copied into fields of others (selected by exact group/version/kind,
// name and namespace, label and annotation selectors, minus rejects), optionally one delimited part of it.
import { type SourceRange } from '../../model/origin';
import { type Obj, flagOf, objOf, objsOf, strOf, strsOf, decode } from './decode';
import { fail } from './errors';
import { REPLACEMENT_FIELDS, type Kustomization } from './kustomization';
import { type Loader } from './loader';
import { type ResMap } from './resmap';
import { type Resource, type StoredId, effectiveNamespace } from './resource';
import { parseLabelSelector, selectorFieldsOf } from './selector';
import { type KMap, type KNode, type Produced, clone, entryOf, isMap, map, scalar, seq } from './tree';
import { producedBy } from './transformers';
import { readYaml, resolvePlain } from './yamlRead';
import { object, list } from './decode';

interface IdSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

interface TargetSelector {
  select?: IdSelector & { labelSelector?: string; annotationSelector?: string };
  reject: (IdSelector & { labelSelector?: string; annotationSelector?: string })[];
  fieldPaths: string[];
  options?: FieldOptions;
}

interface FieldOptions {
  delimiter: string;
  index: number;
  create: boolean;
}

export interface Replacement {
  source?: IdSelector & { fieldPath: string; options?: FieldOptions };
  targets: TargetSelector[];
  node: KMap;
  at: SourceRange;
}

function optionsOf(obj: Obj | undefined): FieldOptions | undefined {
  if (!obj) return undefined;
  const index = obj.index as { value: number } | undefined;
  return { delimiter: strOf(obj, 'delimiter')?.value ?? '', index: index?.value ?? 0, create: flagOf(obj, 'create') };
}

function replacementOf(obj: Obj, at: SourceRange): Replacement {
  const source = objOf(obj, 'source');
  const sourceSelector = selectorFieldsOf(source);
  return {
    source:
      source && sourceSelector
        ? { ...sourceSelector, fieldPath: strOf(source, 'fieldPath')?.value ?? '', options: optionsOf(objOf(source, 'options')) }
        : undefined,
    targets: objsOf(obj, 'targets').map((target) => ({
      select: selectorFieldsOf(objOf(target, 'select')),
      reject: objsOf(target, 'reject').map((reject) => selectorFieldsOf(reject) as IdSelector),
      fieldPaths: strsOf(target, 'fieldPaths').map((path) => path.value),
      options: optionsOf(objOf(target, 'options')),
    })),
    node: obj.$node,
    at: obj.$node.src ?? at,
  };
}

/** The replacements of a kustomization, inline or read from `path:` files. */
export function replacementsOf(k: Kustomization, loader: Loader): Replacement[] {
  const result: Replacement[] = [];
  for (const entry of objsOf(k.fields, 'replacements')) {
    const path = strOf(entry, 'path');
    if (path && (objOf(entry, 'source') || objsOf(entry, 'targets').length > 0)) {
      fail('cannot specify both path and inline replacement', entry.$node.src ?? k.at);
    }
    if (!path) {
      result.push(replacementOf(entry, k.at));
      continue;
    }
    const file = loader.resolveFile(path.value, path.node);
    const { docs, error } = readYaml(loader.readText(file, path.node), loader.place(file), 'config');
    if (error) fail(`invalid replacements file: ${error.message}`, { file, start: error.start, end: error.end });
    const content = docs[0];
    const fallback = { file, start: 0, end: 0 };
    const spec = object('Replacement', REPLACEMENT_FIELDS);
    if (content?.kind === 'seq') {
      for (const item of decode(content, list(spec), file, fallback) as Obj[]) result.push(replacementOf(item, fallback));
    } else if (content?.kind === 'map') result.push(replacementOf(decode(content, spec, file, fallback) as Obj, fallback));
    else fail('unsupported replacement type encountered within replacement path', fallback);
  }
  return result;
}

/** Resource ids as kustomize's replacements see them: never cluster-scoped, current then previous. */
function idsOf(resource: Resource): StoredId[] {
  const cur = resource.curId();
  return [{ ...cur, stored: true }, ...resource.prevIds()];
}

function selectedBy(id: StoredId, selector: IdSelector): boolean {
  if (selector.name && selector.name !== id.name) return false;
  if (selector.namespace && effectiveNamespace({ ...id, namespace: selector.namespace }, false) !== effectiveNamespace(id, false)) {
    return false;
  }
  if (selector.group && selector.group !== id.gvk.group) return false;
  if (selector.version && selector.version !== id.gvk.version) return false;
  if (selector.kind && selector.kind !== id.gvk.kind) return false;
  return true;
}

function matchesMetaSelectors(
  resource: Resource,
  selector: { labelSelector?: string; annotationSelector?: string },
  at: SourceRange,
): boolean {
  if (selector.labelSelector && !parseLabelSelector(selector.labelSelector, at)(resource.metaMap('labels'))) return false;
  if (selector.annotationSelector && !parseLabelSelector(selector.annotationSelector, at)(resource.metaMap('annotations'))) return false;
  return true;
}

function pathParts(path: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of path) {
    if (char === '[') depth++;
    if (char === ']') depth--;
    if (char === '.' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.filter((part) => part.trim() !== '').map((part) => (/^\[[^=]*\]$/.test(part) ? part.slice(1, -1) : part));
}

/** Nodes at a path (indices, `[key=value]`, `*`), created on the way when asked. */
function nodesAt(
  root: KNode,
  parts: string[],
  create: KNode['kind'] | undefined,
  produced?: Produced,
): { node: KNode; set: (value: KNode) => void }[] {
  let current: { node: KNode; set: (value: KNode) => void }[] = [{ node: root, set: () => undefined }];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const nextIsList = !last && (/^\d+$/.test(parts[i + 1]) || /^\[.*=.*\]$/.test(parts[i + 1]));
    const next: { node: KNode; set: (value: KNode) => void }[] = [];
    for (const { node } of current) {
      const match = /^\[(.*)=(.*)\]$/.exec(part);
      if (node.kind === 'seq' && (part === '*' || /^\d+$/.test(part) || match)) {
        node.items.forEach((item, index) => {
          const keep = part === '*' || (match ? isMap(item) && fieldText(item, match[1]) === match[2] : index === Number(part));
          if (keep) next.push({ node: item, set: (value) => (node.items[index] = value) });
        });
        if (match && create && !node.items.some((item) => isMap(item) && fieldText(item, match[1]) === match[2])) {
          const created = map([{ key: match[1], value: scalar(match[2], produced), ...(produced ? { produced } : {}) }], produced);
          node.items.push(created);
          next.push({ node: created, set: (value) => (node.items[node.items.length - 1] = value) });
        }
      } else if (node.kind === 'map') {
        const keys = part === '*' ? node.entries.map((entry) => entry.key) : [part];
        for (const key of keys) {
          let entry = entryOf(node, key);
          if (!entry || (entry.value.kind === 'scalar' && entry.value.value === null && create)) {
            if (!create) continue;
            const value: KNode = last
              ? create === 'map'
                ? map([], produced)
                : create === 'seq'
                  ? seq([], produced)
                  : scalar('', produced)
              : nextIsList
                ? seq([], produced)
                : map([], produced);
            if (entry) entry.value = value;
            else node.entries.push((entry = { key, value, ...(produced ? { produced } : {}) }));
          }
          const holder = entry;
          next.push({ node: holder.value, set: (value) => (holder.value = value) });
        }
      }
    }
    current = next;
  });
  return current;
}

function fieldText(node: KMap, key: string): string | undefined {
  const value = entryOf(node, key)?.value;
  return value?.kind === 'scalar' ? value.text : undefined;
}

export function applyReplacements(resMap: ResMap, replacements: Replacement[]): void {
  for (const replacement of replacements) {
    if (!replacement.source || replacement.targets.length === 0) {
      fail('replacements must specify a source and at least one target', replacement.at);
    }
    const value = sourceValue(resMap, replacement);
    for (const target of replacement.targets) {
      if (!target.select) fail('target must specify resources to select', replacement.at);
      const fieldPaths = target.fieldPaths.length > 0 ? target.fieldPaths : ['metadata.name'];
      for (const resource of resMap.list) {
        if (!matchesMetaSelectors(resource, target.select, replacement.at)) continue;
        if (
          target.reject.some((reject) =>
            (reject as { labelSelector?: string }).labelSelector || (reject as { annotationSelector?: string }).annotationSelector
              ? matchesMetaSelectors(resource, reject, replacement.at)
              : false,
          )
        ) {
          continue;
        }
        const ids = idsOf(resource);
        const rejected = target.reject.some((reject) => hasIdPart(reject) && ids.some((id) => selectedBy(id, reject)));
        if (!ids.some((id) => selectedBy(id, target.select as IdSelector)) || rejected) continue;
        for (const fieldPath of fieldPaths) {
          const create = target.options?.create ? value.kind : undefined;
          const fields = nodesAt(resource.node, pathParts(fieldPath), create, producedBy(replacement.node));
          if (fields.length === 0) {
            fail(`unable to find ${create ? 'or create ' : ''}field "${fieldPath}" in replacement target`, replacement.at);
          }
          for (const found of fields) found.set(replaced(found.node, value, target.options, replacement.node));
        }
      }
    }
  }
}

function hasIdPart(selector: IdSelector): boolean {
  return Boolean(selector.group || selector.version || selector.kind || selector.name || selector.namespace);
}

function sourceValue(resMap: ResMap, replacement: Replacement): KNode {
  const source = replacement.source as NonNullable<Replacement['source']>;
  const matches = resMap.list.filter((resource) => idsOf(resource).some((id) => selectedBy(id, source)));
  if (matches.length > 1) fail(`multiple matches for selector ${describe(source)}`, replacement.at);
  if (matches.length === 0) fail(`nothing selected by ${describe(source)}`, replacement.at);
  const fieldPath = source.fieldPath || 'metadata.name';
  const found = nodesAt(matches[0].node, pathParts(fieldPath), undefined)[0]?.node;
  const empty =
    !found ||
    (found.kind === 'scalar' && found.value === null) ||
    (found.kind === 'map' && found.entries.length === 0) ||
    (found.kind === 'seq' && found.items.length === 0);
  if (empty) fail(`fieldPath \`${fieldPath}\` is missing for replacement source ${describe(source)}`, replacement.at);
  if (!source.options?.delimiter) return found;
  if (found.kind !== 'scalar') fail('delimiter option can only be used with scalar nodes', replacement.at);
  const parts = found.text.split(source.options.delimiter);
  const index = source.options.index;
  if (index >= parts.length || index < 0) fail(`options.index ${index} is out of bounds for value ${found.text}`, replacement.at);
  return { ...found, text: parts[index], value: typeof found.value === 'string' ? parts[index] : resolvePlain(parts[index], 'resource') };
}

function describe(selector: IdSelector): string {
  return `${selector.kind ?? ''}.${selector.version ?? ''}.${selector.group ?? ''}/${selector.name ?? ''}.${selector.namespace ?? ''}`;
}

/** The target's new node: a scalar keeps its own type and takes the value's text; anything else is replaced. */
function replaced(target: KNode, value: KNode, options: FieldOptions | undefined, source: KNode): KNode {
  let text = value.kind === 'scalar' ? value.text : '';
  if (options?.delimiter) {
    if (target.kind !== 'scalar') {
      fail('delimiter option can only be used with scalar nodes', source.src ?? value.src ?? { file: '', start: 0, end: 0 });
    }
    const parts = target.text.split(options.delimiter);
    if (options.index < 0) parts.unshift(text);
    else if (options.index >= parts.length) parts.push(text);
    else parts[options.index] = text;
    text = parts.join(options.delimiter);
  }
  const produced = producedBy(source, target);
  if (value.src) produced.via = [value.src, ...(produced.via ?? [])];
  if (target.kind !== 'scalar') return { ...clone(value), produced };
  if (value.kind !== 'scalar' && !options?.delimiter) return { ...clone(value), produced };
  let typed: string | number | boolean | null;
  if (typeof target.value === 'string') typed = text;
  else if (target.value === null && target.text === '') typed = resolvePlain(text, 'resource');
  else {
    const resolved = resolvePlain(text, 'resource');
    typed = typeof resolved === typeof target.value ? resolved : text;
  }
  return scalar(typed, produced, text);
}
