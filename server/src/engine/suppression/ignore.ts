// "Ignore <rule> for this container/object": insert a marker comment above the target, or add the id to the
// marker comment already there. Computed on demand (code actions) from the file model's chunk: nothing is parsed
// again for it.
import type { PlacedChunk } from '../model/fileModel';
import type { Finding, Fix, TextEdit } from '../types';
import {
  IGNORE_MARKER,
  UNUSED_SUPPRESSION,
  documentAt,
  lineContentEnd,
  suppressionsOf,
  type ChunkSuppressions,
  type ContainerTarget,
  type Directive,
  type DocTargets,
  type ObjectTarget,
} from './directives';

interface Located {
  object?: ObjectTarget;
  container?: ContainerTarget;
}

/** The Ignore fixes of a finding (offsets in the file) of the chunk that holds it. */
export function ignoreFixes(placed: PlacedChunk, finding: Finding, patchFile: boolean, suppressible: ReadonlySet<string>): Fix[] {
  const { chunk, start } = placed;
  if (finding.ruleId === UNUSED_SUPPRESSION || !suppressible.has(finding.ruleId) || chunk.helm) return [];
  const analysis = suppressionsOf(chunk, patchFile);
  const doc = analysis.docs[documentAt(chunk.parsed, finding.start - start)];
  if (!doc) return [];
  const located = locate(doc, finding.start - start, finding);
  const fixes: Fix[] = [];
  const add = (target: ObjectTarget | ContainerTarget | undefined, what: string): void => {
    const edit = target && ignoreEdit(chunk.text, analysis, target.lineStart, target.comment, finding.ruleId);
    if (edit) {
      fixes.push({ title: `Ignore ${finding.ruleId} for this ${what}`, edits: [{ ...edit, offset: edit.offset + start }], safe: false });
    }
  };
  add(located.container, 'container');
  add(located.object, 'object');
  return fixes;
}

/** The object (and container) a finding is about, among the targets of its YAML document. */
function locate(doc: DocTargets, at: number, finding: Finding): Located {
  const contains = (range: [number, number]): boolean => range[0] <= at && at < range[1];
  const same = doc.objects.filter(
    (o) => o.object.kind === finding.kind && o.object.name === finding.name && o.object.namespace === finding.namespace,
  );
  const object = same.length === 1 ? same[0] : ((same.length > 1 ? same : doc.objects).find((o) => contains(o.range)) ?? same[0]);
  if (!object) return {};
  let container: ContainerTarget | undefined;
  if (finding.container !== undefined) {
    const named = object.containers.filter((c) => c.container.name === finding.container);
    container = named.length === 1 ? named[0] : (named.find((c) => contains(c.range)) ?? named[0]);
  } else {
    container = object.containers.find((c) => c.container.name === undefined && contains(c.range));
  }
  return { object, container };
}

function ignoreEdit(
  text: string,
  analysis: ChunkSuppressions,
  lineStart: number,
  existing: Directive | undefined,
  ruleId: string,
): TextEdit | undefined {
  if (existing && !existing.trailing) {
    return { offset: existing.listEnd, length: 0, newText: existing.listEmpty ? ` ${ruleId}` : `, ${ruleId}` };
  }
  const line = text.slice(lineStart, lineContentEnd(text, lineStart));
  if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(line)) return undefined;
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const end = lineContentEnd(text, lineStart);
  const eol = text.startsWith('\r\n', end) ? '\r\n' : text.startsWith('\n', end) ? '\n' : analysis.eol;
  return { offset: lineStart, length: 0, newText: `${indent}# ${IGNORE_MARKER} ${ruleId}${eol}` };
}
