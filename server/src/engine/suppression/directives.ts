// Suppressions: a deliberate finding silenced where it lives, visibly, in the file. The engine honours them,
// so the editor and the CLI agree. Two spellings:
//
//   # kzd-ignore <rule-id>[, <rule-id>...] [-- reason]        (or `# kube-zero-downtime-ignore ...`)
//     on its own line(s) directly above an object's first key (below any `---`) or above a container's
//     `- name:` item line. Several comment lines stacked directly above count; a blank line ends the stack.
//     Above a container: that container's findings. Above an object: all of the object's findings.
//   metadata.annotations["kube-zero-downtime.io/ignore"]: "rule-a,rule-b"   (comma or space separated)
//     on the object: all of the object's findings.
//
// `all` stands for every rule. Ids are separated by commas and/or spaces; `--` starts the reason.
//
// A suppression that suppresses nothing is reported as `unused-suppression` (so suppressions do not rot), as
// are unknown rule ids (typos), empty lists and marker comments that are not directly above an object or a
// container. Whether a suppression is used does not depend on settings: for a rule that is turned off, the
// rule is run for judging, on the documents that carry such a suppression only. So a suppression another
// teammate's (or CI's) settings need is never reported as unused because of local settings, and the rule
// fixtures (which enable one rule only) judge suppressions exactly like a full run.
import { visit, type Document } from 'yaml';
import { asWorkload, type Container, type K8sObject, type Workload } from '../k8s/objects';
import type { ParsedDocument } from '../model/documents';
import type { YamlChunk } from '../model/yamlChunk';
import type { DocRef } from '../model/yamlAccess';
import { annotationDirective } from './annotation';
import type { TextEdit } from '../types';

export const UNUSED_SUPPRESSION = 'unused-suppression';
export const IGNORE_ANNOTATION = 'kube-zero-downtime.io/ignore';
export const IGNORE_MARKER = 'kzd-ignore';
/** The id that suppresses every rule. */
export const ALL_RULES = 'all';

const MARKER = /#[ \t]*(?:kzd|kube-zero-downtime)-ignore(?![\w-])/g;
const MARKER_AT_START = /^#[ \t]*(?:kzd|kube-zero-downtime)-ignore(?![\w-])[ \t]*:?/;

// ---------------------------------------------------------------------------------------------------------
// Per-chunk analysis (memoised on the chunk, so unchanged documents are not re-analysed). Offsets in these
// structures are relative to the chunk.

export interface IdRef {
  id: string;
  start: number;
  end: number;
  /** The id's own text is at [start, end) (false: the range is the whole annotation value). */
  exact: boolean;
}

export interface ObjectTarget {
  object: K8sObject;
  /** Index of the YAML document inside the chunk. */
  docInChunk: number;
  range: [number, number];
  lineStart: number;
  containers: ContainerTarget[];
  workload?: Workload;
  /** The nearest marker comment stacked directly above the object's first line. */
  comment?: Directive;
}

export interface ContainerTarget {
  container: Container;
  owner: ObjectTarget;
  range: [number, number];
  lineStart: number;
  comment?: Directive;
}

export interface Directive {
  form: 'comment' | 'annotation';
  docInChunk: number;
  ids: IdRef[];
  /** The comment text (from `#`) or the annotation entry. */
  range: [number, number];
  /** Comment form: where the id list ends (ids are added there). */
  listEnd: number;
  listEmpty: boolean;
  /** Removes the whole suppression (undefined when that cannot be done with a line edit). */
  removal?: TextEdit;
  /** Rewrites the list without id k. */
  removeId: (k: number) => TextEdit | undefined;
  objects: ObjectTarget[];
  containers: ContainerTarget[];
  /** A marker comment on a line with YAML content before it. */
  trailing: boolean;
}

export interface DocTargets {
  objects: ObjectTarget[];
  workloads: Workload[];
  docRef: DocRef;
}

export interface ChunkSuppressions {
  docs: (DocTargets | undefined)[];
  directives: Directive[];
  eol: '\n' | '\r\n';
}

/** The suppression targets and directives of a chunk, computed once per parse of it. */
export function suppressionsOf(chunk: YamlChunk, patchFile: boolean): ChunkSuppressions {
  return chunk.memo(patchFile ? ANALYSIS_AS_PATCHES : ANALYSIS, () => readSuppressions(chunk, patchFile));
}

const ANALYSIS = Symbol('suppressions');
const ANALYSIS_AS_PATCHES = Symbol('suppressions as patches');

export function hasSuppressionText(text: string): boolean {
  return text.includes('-ignore') || text.includes(IGNORE_ANNOTATION);
}

export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset after the line's end of line (or the text's end). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Offset of the line's end, before `\r\n` / `\n`. */
export function lineContentEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return end > 0 && text[end - 1] === '\r' && end - 1 >= offset ? end - 1 : end;
}

function detectEol(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

function readSuppressions(chunk: YamlChunk, patchFile: boolean): ChunkSuppressions {
  const { text, parsed } = chunk;
  const docs: (DocTargets | undefined)[] = chunk.documents(patchFile).map((document) => {
    if (!document.ref) {
      return undefined;
    }
    const objects: ObjectTarget[] = [];
    for (const object of document.objects) {
      const range = object.node.range;
      const target: ObjectTarget = {
        object,
        docInChunk: document.index,
        range: [range?.[0] ?? object.start, range?.[1] ?? object.start],
        lineStart: lineStartAt(text, object.start),
        containers: [],
      };
      const workload = asWorkload(object);
      if (workload) {
        target.workload = workload;
        for (const container of workload.containers) {
          const containerRange = container.node.range;
          target.containers.push({
            container,
            owner: target,
            range: [containerRange?.[0] ?? container.start, containerRange?.[1] ?? container.start],
            lineStart: lineStartAt(text, container.start),
          });
        }
      }
      objects.push(target);
    }
    return { objects, workloads: document.workloads, docRef: document.ref };
  });

  const directives: Directive[] = [];
  if (hasSuppressionText(text)) {
    const byLine = new Map<number, Directive>();
    for (const comment of markerComments(text, parsed)) {
      directives.push(comment);
      if (!comment.trailing) {
        byLine.set(lineStartAt(text, comment.range[0]), comment);
      }
    }
    if (byLine.size > 0) {
      for (const doc of docs) {
        for (const object of doc?.objects ?? []) {
          object.comment = attachStack(text, object.lineStart, byLine, (d) => d.objects.push(object));
          for (const container of object.containers) {
            container.comment = attachStack(text, container.lineStart, byLine, (d) => d.containers.push(container));
          }
        }
      }
    }
    for (const doc of docs) {
      for (const object of doc?.objects ?? []) {
        const annotation = annotationDirective(text, object);
        if (annotation) {
          directives.push(annotation);
        }
      }
    }
  }
  return { docs, directives, eol: detectEol(text) };
}

/**
 * Walks up from a target's first line through the comment lines stacked directly above it; every marker
 * comment met there applies to the target. Returns the nearest one (where an "Ignore" fix adds its id).
 */
function attachStack(
  text: string,
  targetLineStart: number,
  byLine: Map<number, Directive>,
  attach: (d: Directive) => void,
): Directive | undefined {
  const targetLine = text.slice(targetLineStart, lineContentEnd(text, targetLineStart));
  if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(targetLine)) {
    return undefined;
  }
  let nearest: Directive | undefined;
  let lineStart = targetLineStart;
  while (lineStart > 0) {
    const previousStart = lineStartAt(text, lineStart - 1);
    const line = text.slice(previousStart, lineContentEnd(text, previousStart));
    if (!/^[ \t]*#/.test(line)) {
      break;
    }
    const directive = byLine.get(previousStart);
    if (directive) {
      attach(directive);
      nearest ??= directive;
    }
    lineStart = previousStart;
  }
  return nearest;
}

/** Marker comments in the chunk (`# kzd-ignore ...`), skipping look-alikes inside strings. */
function markerComments(text: string, parsed: ParsedDocument[]): Directive[] {
  const found: Directive[] = [];
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) {
    const hash = match.index;
    const lineStart = lineStartAt(text, hash);
    const before = text.slice(lineStart, hash);
    // In YAML `#` starts a comment only at the start of a line or after whitespace.
    if (before.length > 0 && !/[ \t]$/.test(before)) {
      continue;
    }
    const docInChunk = documentAt(parsed, hash);
    const document = parsed[docInChunk];
    if (!document || document.error || insideScalar(document.doc, hash)) {
      continue;
    }
    found.push(commentDirective(text, hash, lineStart, before, docInChunk));
  }
  return found;
}

export function documentAt(parsed: ParsedDocument[], offset: number): number {
  let index = 0;
  parsed.forEach((document, i) => {
    const start = document.doc.range?.[0];
    if (start !== undefined && start <= offset) {
      index = i;
    }
  });
  return index;
}

function insideScalar(doc: Document, offset: number): boolean {
  let inside = false;
  visit(doc, {
    Scalar(_key, node) {
      const range = node.range;
      if (range && range[0] <= offset && offset < range[1]) {
        inside = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return inside;
}

function commentDirective(text: string, hash: number, lineStart: number, before: string, docInChunk: number): Directive {
  const trailing = before.trim().length > 0;
  const end = lineContentEnd(text, hash);
  const comment = text.slice(hash, end).replace(/[ \t]+$/, '');
  const marker = MARKER_AT_START.exec(comment);
  const listStart = hash + (marker ? marker[0].length : comment.length);
  const rest = text.slice(listStart, hash + comment.length);
  const reason = rest.indexOf('--');
  const list = reason < 0 ? rest : rest.slice(0, reason);
  const ids: IdRef[] = [];
  for (const id of list.matchAll(/[^\s,]+/g)) {
    ids.push({ id: id[0], start: listStart + (id.index ?? 0), end: listStart + (id.index ?? 0) + id[0].length, exact: true });
  }
  const markerEnd = hash + (marker ? marker[0].replace(/[ \t]+$/, '').length : comment.length);
  let removal: TextEdit;
  if (trailing) {
    // `- name: api  # kzd-ignore x`: drop the comment and the blanks before it.
    const keepEnd = lineStart + before.replace(/[ \t]+$/, '').length;
    removal = { offset: keepEnd, length: hash + comment.length - keepEnd, newText: '' };
  } else {
    removal = removeLine(text, lineStart);
  }
  return {
    form: 'comment',
    docInChunk,
    ids,
    range: [hash, hash + comment.length],
    listEnd: ids.length > 0 ? ids[ids.length - 1].end : markerEnd,
    listEmpty: ids.length === 0,
    removal,
    removeId: (k) => removeFromList(ids, k),
    objects: [],
    containers: [],
    trailing,
  };
}

/** Removes a whole line, its line break included (the one before it, on a last line without one). */
function removeLine(text: string, lineStart: number): TextEdit {
  const next = nextLineStart(text, lineStart);
  if (next === text.length && !text.endsWith('\n') && lineStart > 0) {
    const previousBreak = text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
    return { offset: previousBreak, length: text.length - previousBreak, newText: '' };
  }
  return { offset: lineStart, length: next - lineStart, newText: '' };
}

/** Removes id k and one separator next to it from a list whose ids are at exact positions. */
function removeFromList(ids: IdRef[], k: number): TextEdit | undefined {
  if (ids.length < 2 || !ids.every((id) => id.exact)) {
    return undefined;
  }
  if (k < ids.length - 1) {
    return { offset: ids[k].start, length: ids[k + 1].start - ids[k].start, newText: '' };
  }
  return { offset: ids[k - 1].end, length: ids[k].end - ids[k - 1].end, newText: '' };
}
