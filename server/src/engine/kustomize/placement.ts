// Where a finding on a built object is shown: at its origin in the bases, patches and kustomizations, never in
// the built text. A node at fault is shown where it was written (the patch that set `maxUnavailable: 50%`, the
// `replicas:` entry of a kustomization). Something missing is reported on an anchor (the `kind:` of an object,
// the `name:` of a container): that anchor is shown in the object or container where it is defined (the base),
// not in a strategic-merge patch that repeats the same key only to say which object it patches.
import { isMap, isScalar, type Node } from 'yaml';
import type { FileModel } from '../model/fileModel';
import type { ChunkDocument } from '../model/yamlChunk';
import type { OriginMap } from '../model/originMap';
import type { SourceRange } from '../model/origin';
import type { Finding } from '../types';
import { pairRange } from '../model/yamlAccess';
import { pairOf, type SourceModels } from './sources';

/** A finding of a build at its source, with the source object it is about (for names and suppressions). */
export interface Placement {
  at: SourceRange;
  /** The source mapping of the object the finding is about (the resource's own file, e.g. the base). */
  object?: SourceRange;
  /** The source mapping of the container the finding is about. */
  container?: SourceRange;
}

interface Anchor {
  /** The rendered mapping the anchor key belongs to (chunk-relative range of its node). */
  map: Node;
  key: 'kind' | 'name';
}

/** Places a finding of the built text (offsets in the built text) in the source files. */
export function placeBuildFinding(finding: Finding, built: FileModel, origins: OriginMap, sources: SourceModels): Placement | undefined {
  const placed = built.chunkOfDocument(finding.docIndex);
  if (!placed) return undefined;
  const local: [number, number] = [finding.start - placed.start, finding.end - placed.start];
  const { objectMap, containerMap, anchor } = findingNodes(placed.chunk.documents(false), finding, local);
  const object = objectMap ? mapSource(objectMap, placed.start, placed.chunk.text, origins) : undefined;
  const container = containerMap ? mapSource(containerMap, placed.start, placed.chunk.text, origins) : undefined;
  let at: SourceRange | undefined;
  if (anchor) {
    const source = anchor.key === 'kind' ? object : container;
    at = source && anchorIn(source, anchor, sources);
  }
  at ??= valueOrigin(finding.start, finding.end, built.text ?? '', origins) ?? origins.locate(finding.start, finding.end);
  if (!at) return undefined;
  return { at, ...(object ? { object } : {}), ...(container ? { container } : {}) };
}

function findingNodes(
  documents: readonly ChunkDocument[],
  finding: Finding,
  [start, end]: [number, number],
): { objectMap?: Node; containerMap?: Node; anchor?: Anchor } {
  const holds = (node: Node): boolean => !!node.range && node.range[0] <= start && start <= node.range[2];
  for (const document of documents) {
    const object = document.objects.find((candidate) => holds(candidate.node));
    if (!object) continue;
    const result: { objectMap?: Node; containerMap?: Node; anchor?: Anchor } = { objectMap: object.node };
    if (object.kindRange[0] === start && object.kindRange[1] === end) result.anchor = { map: object.node, key: 'kind' };
    const containers = document.workloads.find((workload) => workload.object === object)?.containers ?? [];
    const container =
      containers.find((candidate) => holds(candidate.node)) ??
      (finding.container === undefined ? undefined : containers.find((candidate) => candidate.name === finding.container));
    if (container) {
      result.containerMap = container.node;
      if (container.anchorRange[0] === start && container.anchorRange[1] === end) result.anchor = { map: container.node, key: 'name' };
    }
    return result;
  }
  return {};
}

/** The source of a rendered mapping: the innermost `node` span starting with it and holding it whole. */
function mapSource(map: Node, chunkStart: number, text: string, origins: OriginMap): SourceRange | undefined {
  const range = map.range;
  if (!range) return undefined;
  const start = range[0] + chunkStart;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  end += chunkStart;
  const span = origins.spansAt(start, end).find((candidate) => candidate.start === start && candidate.kind === 'node');
  return span?.source;
}

/** The anchor key in the source mapping, when it says the same there (a JSON patch may have changed the kind). */
function anchorIn(source: SourceRange, anchor: Anchor, sources: SourceModels): SourceRange | undefined {
  const found = sources.nodeAt(source.file, source.start);
  if (!found || !isMap(found.node) || !isMap(anchor.map)) return undefined;
  const pair = pairOf(found.node, anchor.key);
  const rendered = pairOf(anchor.map, anchor.key);
  const value = pair?.value;
  const renderedValue = rendered?.value;
  if (!pair || !isScalar(value) || !isScalar(renderedValue) || String(value.value) !== String(renderedValue.value)) return undefined;
  const range = pairRange(pair, found.ref);
  if (!range) return undefined;
  return { file: source.file, start: range[0] + found.placed.start, end: range[1] + found.placed.start };
}

/**
 * For a finding on a one-line `key: value` pair whose value came from elsewhere than the key (a kustomization's
 * `replicas:` or `images:` entry, a patch that replaced only the value): the place that decided the value.
 */
function valueOrigin(start: number, end: number, text: string, origins: OriginMap): SourceRange | undefined {
  const pair = /^([^\n:]+):[ \t]+(?=\S)/.exec(text.slice(start, end));
  if (!pair || text.slice(start, end).includes('\n')) return undefined;
  const valueStart = start + pair[0].length;
  const whole = origins.spansAt(start, end)[0];
  const value = origins.spansAt(valueStart, end).find((span) => span.start === valueStart);
  if (!value || !whole || value === whole) return undefined;
  if (value.kind === 'produced' || value.source.file !== whole.source.file) return value.source;
  return undefined;
}
