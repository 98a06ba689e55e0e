// Which values entry decided that a field was not rendered. A chart that writes `readinessProbe:` only inside
// `{{- with .Values.readinessProbe }}` (or `{{- if .Values.readinessProbe.enabled }}`) left it out because of that
// entry: the finding about the missing field points at it ("with values.yaml's `readinessProbe: {}`"). Read from
// the template's parse tree (a fact of the template, not a guess): the guard nearest after the object's line
// whose body writes the field, and whose condition reads `.Values.<...>.<field>`.
import { isMap, isScalar, type Node as YamlNode } from 'yaml';
import { sourceDocument } from '../model/sourceDocuments';
import type { ProjectFiles } from '../model/origin';
import { helmFunctions } from '../render/helm/template';
import type { ArgNode, Node, PipeNode } from '../render/helm/template/nodes';
import { parseTemplate } from '../render/helm/template/parser';
import type { RelatedLocation } from '../types';
import { valuesRelated } from './valuesNodes';

interface Guard {
  /** Offset of the text that writes the field. */
  at: number;
  field: string;
  /** `.Values` paths the condition reads (without `Values`). */
  paths: string[][];
}

const guardsByText = new Map<string, Guard[]>();
const MAX_CACHED = 64;

/** The values entry guarding `field` after `offset` in `file`, as related information; undefined when none does. */
export function guardingValues(
  files: ProjectFiles,
  file: string,
  offset: number,
  field: string,
  valuesFiles: readonly string[],
): RelatedLocation | undefined {
  const text = files.readText(file);
  if (text === undefined) return undefined;
  const guard = guardsOf(text, file)
    .filter((g) => g.at > offset && g.field === field)
    .sort((a, b) => a.at - b.at)[0];
  if (!guard) return undefined;
  for (const path of guard.paths) {
    for (const valuesFile of valuesFiles) {
      const start = keyOffset(files.readText(valuesFile), path);
      if (start !== undefined) return valuesRelated(files, valuesFile, start);
    }
  }
  return undefined;
}

/** Do any guards in the file follow `offset`? (A cheap test before working out which field a finding misses.) */
export function hasGuardsAfter(files: ProjectFiles, file: string, offset: number): boolean {
  const text = files.readText(file);
  return text !== undefined && guardsOf(text, file).some((g) => g.at > offset);
}

function guardsOf(text: string, file: string): Guard[] {
  let guards = guardsByText.get(text);
  if (guards) return guards;
  guards = [];
  try {
    const functions = helmFunctions();
    const trees = parseTemplate(file, text, file, (name) => Object.prototype.hasOwnProperty.call(functions, name));
    for (const tree of trees.values()) collect(tree.root, guards);
  } catch {
    // A template that does not parse has its own notice; it guards nothing here.
  }
  if (guardsByText.size >= MAX_CACHED) guardsByText.delete(guardsByText.keys().next().value as string);
  guardsByText.set(text, guards);
  return guards;
}

const FIELD_LINE = /(?:^|\n)[ \t]*(?:-[ \t]+)?([A-Za-z][A-Za-z0-9_-]*):/g;

function collect(node: Node, out: Guard[]): void {
  switch (node.kind) {
    case 'list':
      for (const child of node.nodes) collect(child, out);
      return;
    case 'if':
    case 'with':
    case 'range': {
      if (node.kind !== 'range') {
        const paths = valuesPaths(node.pipe);
        const first = node.list.nodes.find((n) => n.kind === 'text');
        if (paths.length > 0 && first?.kind === 'text') {
          for (const match of first.text.matchAll(FIELD_LINE)) {
            const field = match[1];
            const reading = paths.filter((path) => path.includes(field));
            if (reading.length > 0) out.push({ at: first.pos + (match.index ?? 0), field, paths: reading });
            break; // the first key the body writes is the guarded one
          }
        }
      }
      collect(node.list, out);
      if (node.elseList) collect(node.elseList, out);
      return;
    }
    default:
      return;
  }
}

function valuesPaths(pipe: PipeNode): string[][] {
  const paths: string[][] = [];
  const visit = (arg: ArgNode): void => {
    if (arg.kind === 'field' && arg.ident[0] === 'Values') paths.push(arg.ident.slice(1));
    else if (arg.kind === 'variable' && arg.ident[0] === '$' && arg.ident[1] === 'Values') paths.push(arg.ident.slice(2));
    else if (arg.kind === 'pipe') for (const cmd of arg.cmds) cmd.args.forEach(visit);
  };
  for (const cmd of pipe.cmds) cmd.args.forEach(visit);
  return paths.filter((path) => path.length > 0);
}

/** Offset of the key at `path` in a values text (the last segment's key), or undefined. */
function keyOffset(text: string | undefined, path: string[]): number | undefined {
  if (text === undefined) return undefined;
  let node: unknown = sourceDocument(text).contents;
  let keyStart: number | undefined;
  for (const segment of path) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    if (!pair) return undefined;
    keyStart = (pair.key as YamlNode).range?.[0];
    node = pair.value;
  }
  return keyStart;
}
