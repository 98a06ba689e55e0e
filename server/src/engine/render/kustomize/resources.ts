// Reading resources out of YAML text as kustomize's resource factory does: empty documents skipped, `kind` and
// `metadata.name` required, `List` kinds expanded into their items.
import { type SourceRange } from '../../model/origin';
import { fail } from './errors';
import { Resource } from './resource';
import { type KNode, entryOf, isMap, stringAt } from './tree';
import { type TextPlace, readYaml } from './yamlRead';

/** Resources in a text; throws a BuildFailure for malformed YAML or a resource without kind or name. */
export function resourcesFromText(text: string, place: TextPlace, at: SourceRange): Resource[] {
  const { docs, error } = readYaml(text, place, 'resource');
  if (error) fail(`MalformedYAMLError: ${error.message} in ${place.file}`, { file: place.file, start: error.start, end: error.end });
  // A single `List`/`ResourceList` document is unwrapped whatever its metadata (kyaml's reader does it).
  let nodes = docs;
  if (docs.length === 1 && isMap(docs[0])) {
    const kind = stringAt(docs[0], 'kind');
    const items = entryOf(docs[0], 'items')?.value;
    if ((kind === 'List' || kind === 'ResourceList') && items) nodes = items.kind === 'seq' ? items.items : [];
  }
  const result: Resource[] = [];
  const queue = [...nodes];
  while (queue.length > 0) {
    const node = queue.shift() as KNode;
    if (isEmpty(node)) continue;
    validate(node, at);
    if (!isMap(node)) continue;
    const kind = stringAt(node, 'kind');
    const items = entryOf(node, 'items')?.value;
    if (kind.endsWith('List') && items) {
      if (items.kind === 'scalar' && items.value === null) continue;
      if (items.kind !== 'seq') fail(`expected array in ${kind}/items`, items.src ?? at);
      for (const item of items.items) {
        if (isEmpty(item)) continue;
        validate(item, at);
        queue.push(item);
      }
      continue;
    }
    result.push(new Resource(node));
  }
  return result;
}

function isEmpty(node: KNode): boolean {
  if (node.kind === 'scalar') return node.value === null;
  if (node.kind === 'map') return node.entries.length === 0;
  return node.items.length === 0;
}

function validate(node: KNode, at: SourceRange): void {
  const where = node.src ?? at;
  if (!isMap(node)) fail('missing kind in object: a resource must be a mapping', where);
  const kind = stringAt(node, 'kind');
  if (kind === '') fail('missing kind in object', where);
  if (kind.endsWith('List')) return;
  if (stringAt(node, 'metadata', 'name') === '') fail(`missing metadata.name in object of kind ${kind}`, where);
}
