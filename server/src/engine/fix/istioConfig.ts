// Edits to the proxy.istio.io/config annotation of a pod template: YAML inside a YAML string. The annotation's
// own YAML is parsed, the settings are set in it (its comments and other keys kept), and it is written back as a
// literal block scalar, so the result stays valid YAML on both levels. Not offered when the annotation's text
// does not parse, or the metadata is shared through an anchor.
import { isAlias, isMap, isScalar, parseDocument, type Node, type Scalar } from 'yaml';
import { PROXY_CONFIG_ANNOTATION } from '../k8s/istio';
import type { Workload } from '../k8s/objects';
import { getPair } from '../model/yamlAccess';
import type { TextEdit } from '../types';
import { Block, blockScalarLines } from './edits/emit';
import { columnOf } from './edits/style';
import { YamlEditor } from './edits/yamlEdit';

export interface ProxySetting {
  path: string[];
  value: string | boolean | number;
}

/** The annotation's new YAML with the settings applied; undefined when its current text is not a YAML mapping. */
export function proxyConfigText(current: string, settings: readonly ProxySetting[]): string | undefined {
  const doc = parseDocument(current, { prettyErrors: false });
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return undefined;
  for (const { path, value } of settings) doc.setIn(path, value);
  // JSON stays JSON (the annotation takes either).
  if (current.trim().startsWith('{')) return JSON.stringify(doc.toJS({ maxAliasCount: 10 }));
  return String(doc);
}

export function proxyConfigEdits(workload: Workload, settings: readonly ProxySetting[]): TextEdit[] | undefined {
  const { ref } = workload.object;
  const metadata = workload.podMetadata;
  // An anchored map is shared with the places that alias it: not this workload's to edit.
  if (!metadata || metadata.anchor) return undefined;
  const editor = new YamlEditor(ref);
  const annotationsPair = getPair(metadata, 'annotations', ref);
  const annotations = annotationsPair?.value as Node | null | undefined;
  if (
    annotationsPair &&
    (isAlias(annotations) || (annotations && !isMap(annotations) && !(isScalar(annotations) && annotations.value === null)))
  ) {
    return undefined;
  }
  const pair = isMap(annotations) ? getPair(annotations, PROXY_CONFIG_ANNOTATION, ref) : undefined;
  if (!pair) {
    const text = proxyConfigText('', settings);
    if (text === undefined) return undefined;
    return editor.setPath(metadata, ['annotations', PROXY_CONFIG_ANNOTATION], new Block(text));
  }
  const node = pair.value as Node | null;
  const key = pair.key as Node | null;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range || node.anchor || !key?.range) return undefined;
  const text = proxyConfigText(node.value, settings);
  if (text === undefined) return undefined;
  return [replaceAnnotation(editor, node, key, text)];
}

/** The annotation's value written anew: a literal block for a block scalar, one JSON-style line otherwise. */
function replaceAnnotation(editor: YamlEditor, node: Scalar, key: Node, text: string): TextEdit {
  const source = editor.text;
  const [start, end] = node.range!;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const lines = blockScalarLines(text, columnOf(source, key.range![0]) + editor.style.indent);
    // A block scalar's range ends after its last line break: keep one there.
    const newline = source[end - 1] === '\n' ? editor.style.eol : '';
    return editor.replace(start, end, lines.join(editor.style.eol) + newline);
  }
  const line = text.trimEnd();
  const quoted = node.type === 'QUOTE_SINGLE' && !line.includes('\n') ? `'${line.replace(/'/g, "''")}'` : JSON.stringify(line);
  return editor.replace(start, end, quoted);
}
