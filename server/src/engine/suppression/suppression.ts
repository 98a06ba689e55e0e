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
import { isMap, isScalar, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { looksLikeHelmTemplate, parseChunk, splitDocuments, type ParsedDocument } from '../model/documents';
import {
  asWorkload,
  objectsInDocument,
  describeContainer,
  describeObject,
  type Container,
  type K8sObject,
  type Workload,
} from '../k8s/objects';
import { RULES, getRule } from '../catalog/registry';
import { optionContext, type FileContext } from '../catalog/rule';
import { DEFAULT_FIX_DEFAULTS, type Finding, type Fix, type InternalError, type LintOptions, type Severity, type TextEdit } from '../types';
import { getMap, getPair, scalarValue, type DocRef } from '../model/yamlAccess';
import { closestMatch } from '../text';

export const UNUSED_SUPPRESSION = 'unused-suppression';
export const IGNORE_ANNOTATION = 'kube-zero-downtime.io/ignore';
export const IGNORE_MARKER = 'kzd-ignore';
/** The id that suppresses every rule. */
export const ALL_RULES = 'all';

const MARKER = /#[ \t]*(?:kzd|kube-zero-downtime)-ignore(?![\w-])/g;
const MARKER_AT_START = /^#[ \t]*(?:kzd|kube-zero-downtime)-ignore(?![\w-])[ \t]*:?/;

/** One chunk of the linted text, as the Linter holds it. */
export interface SuppressionChunk {
  start: number;
  text: string;
  parsed: ParsedDocument[];
  helm: boolean;
}

export interface SuppressionInput {
  chunks: SuppressionChunk[];
  file: FileContext;
  options: LintOptions;
}

export interface SuppressionResult {
  /** Findings not suppressed, plus unused-suppression findings; sorted. */
  findings: Finding[];
  suppressedCount: number;
  internalErrors: InternalError[];
}

// ---------------------------------------------------------------------------------------------------------
// Per-chunk analysis (cached by the chunk's parse, so unchanged documents are not re-analysed). Offsets in
// these structures are relative to the chunk; `base` turns them into offsets in the linted text.

interface IdRef {
  id: string;
  start: number;
  end: number;
  /** The id's own text is at [start, end) (false: the range is the whole annotation value). */
  exact: boolean;
}

interface ObjectTarget {
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

interface ContainerTarget {
  container: Container;
  owner: ObjectTarget;
  range: [number, number];
  lineStart: number;
  comment?: Directive;
}

interface Directive {
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

interface DocTargets {
  objects: ObjectTarget[];
  workloads: Workload[];
  docRef: DocRef;
}

interface ChunkAnalysis {
  docs: (DocTargets | undefined)[];
  directives: Directive[];
  eol: '\n' | '\r\n';
}

const analysisCache = new WeakMap<ParsedDocument[], ChunkAnalysis>();

function analyse(chunk: SuppressionChunk): ChunkAnalysis {
  let analysis = analysisCache.get(chunk.parsed);
  if (!analysis) {
    analysis = analyseChunk(chunk.text, chunk.parsed);
    analysisCache.set(chunk.parsed, analysis);
  }
  return analysis;
}

function hasSuppressionText(text: string): boolean {
  return text.includes('-ignore') || text.includes(IGNORE_ANNOTATION);
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset after the line's end of line (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Offset of the line's end, before `\r\n` / `\n`. */
function lineContentEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return end > 0 && text[end - 1] === '\r' && end - 1 >= offset ? end - 1 : end;
}

function detectEol(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

function analyseChunk(text: string, parsed: ParsedDocument[]): ChunkAnalysis {
  const docs: (DocTargets | undefined)[] = parsed.map((document, docInChunk) => {
    if (document.error) {
      return undefined;
    }
    // `source`: rules run for judging (Judge) write fixes in the document's style from it.
    const docRef = { doc: document.doc, base: 0, source: text } as DocRef;
    const objects: ObjectTarget[] = [];
    const workloads: Workload[] = [];
    for (const object of objectsInDocument(docRef, docInChunk)) {
      const range = object.node.range;
      const target: ObjectTarget = {
        object,
        docInChunk,
        range: [range?.[0] ?? object.start, range?.[1] ?? object.start],
        lineStart: lineStartAt(text, object.start),
        containers: [],
      };
      const workload = asWorkload(object);
      if (workload) {
        target.workload = workload;
        workloads.push(workload);
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
    return { objects, workloads, docRef };
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

function documentAt(parsed: ParsedDocument[], offset: number): number {
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

function annotationDirective(text: string, target: ObjectTarget): Directive | undefined {
  const { object } = target;
  const ref = object.ref;
  const metadata = getMap(object.node, 'metadata', ref);
  const annotationsPair = getPair(metadata, 'annotations', ref);
  const annotations = getMap(metadata, 'annotations', ref);
  const pair = getPair(annotations, IGNORE_ANNOTATION, ref);
  if (!pair || !annotations) {
    return undefined;
  }
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const valueText = scalarValue(value, ref);
  const keyStart = key?.range?.[0];
  if (keyStart === undefined) {
    return undefined;
  }
  const valueRange: [number, number] = value?.range ? [value.range[0], value.range[1]] : [keyStart, key?.range?.[1] ?? keyStart];
  const raw = typeof valueText === 'string' ? valueText : valueText === null || valueText === undefined ? '' : String(valueText);
  const reason = raw.indexOf('--');
  const list = reason < 0 ? raw : raw.slice(0, reason);
  // Where the value's characters are in the source (plain or simply quoted values), ids get exact ranges.
  const source = text.slice(valueRange[0], valueRange[1]);
  const shift = source === raw ? 0 : source === `"${raw}"` || source === `'${raw}'` ? 1 : -1;
  const ids: IdRef[] = [];
  for (const id of list.matchAll(/[^\s,]+/g)) {
    const index = id.index ?? 0;
    ids.push(
      shift >= 0
        ? { id: id[0], start: valueRange[0] + shift + index, end: valueRange[0] + shift + index + id[0].length, exact: true }
        : { id: id[0], start: valueRange[0], end: valueRange[1], exact: false },
    );
  }
  const own = annotations.items.includes(pair);
  return {
    form: 'annotation',
    docInChunk: target.docInChunk,
    ids,
    range: [keyStart, Math.max(valueRange[1], keyStart + 1)],
    listEnd: valueRange[1],
    listEmpty: ids.length === 0,
    removal: own ? removeAnnotation(text, annotations, annotationsPair, keyStart, valueRange[1]) : undefined,
    removeId: (k) => {
      if (!own || ids.length < 2) {
        return undefined;
      }
      const kept = ids.filter((_, i) => i !== k).map((id) => id.id);
      const separator = list.includes(',') ? ',' : ' ';
      const rewritten = kept.join(separator) + (reason < 0 ? '' : ` ${raw.slice(reason)}`);
      return { offset: valueRange[0], length: valueRange[1] - valueRange[0], newText: quoteLike(source, rewritten) };
    },
    objects: [target],
    containers: [],
    trailing: false,
  };
}

function quoteLike(source: string, value: string): string {
  if (source.startsWith("'")) {
    return `'${value.replace(/'/g, "''")}'`;
  }
  if (source.startsWith('"') || !/^[a-z][\w ,.-]*$/i.test(value) || value.endsWith(' ')) {
    return JSON.stringify(value);
  }
  return value;
}

/** Deletes the annotation's line(s); the whole `annotations:` entry when it was the only annotation. Block style only. */
function removeAnnotation(
  text: string,
  annotations: YAMLMap,
  annotationsPair: Pair | undefined,
  keyStart: number,
  valueEnd: number,
): TextEdit | undefined {
  if (annotations.flow) {
    return undefined;
  }
  const lineStart = lineStartAt(text, keyStart);
  if (text.slice(lineStart, keyStart).trim().length > 0) {
    return undefined;
  }
  const end = nextLineStart(text, Math.max(keyStart, valueEnd - 1));
  if (annotations.items.length === 1 && annotationsPair && isScalar(annotationsPair.key)) {
    const outerKey = annotationsPair.key.range?.[0];
    if (outerKey !== undefined && text.slice(lineStartAt(text, outerKey), outerKey).trim().length === 0 && isMap(annotationsPair.value)) {
      return { offset: lineStartAt(text, outerKey), length: end - lineStartAt(text, outerKey), newText: '' };
    }
  }
  return { offset: lineStart, length: end - lineStart, newText: '' };
}

// ---------------------------------------------------------------------------------------------------------
// Applying suppressions to a lint result.

const SUPPRESSIBLE: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id).filter((id) => id !== UNUSED_SUPPRESSION));

interface Located {
  chunk: SuppressionChunk;
  analysis: ChunkAnalysis;
  object?: ObjectTarget;
  container?: ContainerTarget;
}

/**
 * Drops suppressed findings and reports suppressions that suppress nothing. Called once per lint, after every
 * rule ran. Costs nothing measurable for files without suppressions (a substring test per chunk).
 */
export function applySuppressions(findings: Finding[], input: SuppressionInput): SuppressionResult {
  const { chunks, options } = input;
  const docBase: number[] = [];
  let count = 0;
  for (const chunk of chunks) {
    docBase.push(count);
    count += chunk.parsed.length;
  }
  // The last chunk whose first document is at or before docIndex (binary search: files have thousands of chunks).
  const chunkOfDoc = (docIndex: number): number => {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (docBase[mid] <= docIndex) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return hi < 0 ? -1 : lo;
  };

  const analyses = new Map<SuppressionChunk, ChunkAnalysis>();
  const analysisOf = (chunk: SuppressionChunk): ChunkAnalysis | undefined => {
    if (chunk.helm) {
      return undefined;
    }
    let analysis = analyses.get(chunk);
    if (!analysis) {
      analysis = analyse(chunk);
      analyses.set(chunk, analysis);
    }
    return analysis;
  };

  // Fast path: no suppression anywhere in the file (the usual case): the findings as they are, nothing allocated.
  const withDirectives = chunks.filter(
    (chunk) => !chunk.helm && hasSuppressionText(chunk.text) && (analysisOf(chunk)?.directives.length ?? 0) > 0,
  );
  if (withDirectives.length === 0) {
    return { findings, suppressedCount: 0, internalErrors: [] };
  }
  const directiveChunks = new Set(withDirectives);

  const used = new Map<Directive, Set<string>>();
  const markUsed = (directive: Directive, id: string): void => {
    let set = used.get(directive);
    if (!set) {
      set = new Set();
      used.set(directive, set);
    }
    set.add(id);
  };

  const kept: Finding[] = [];
  let suppressedCount = 0;
  for (const finding of findings) {
    const chunkIndex = chunkOfDoc(finding.docIndex);
    const chunk = chunks[chunkIndex];
    const analysis = chunk && directiveChunks.has(chunk) ? analysisOf(chunk) : undefined;
    const doc = analysis?.docs[finding.docIndex - docBase[chunkIndex]];
    const located = chunk && analysis && doc && finding.ruleId !== UNUSED_SUPPRESSION ? locate(chunk, analysis, doc, finding) : undefined;
    if (located?.object) {
      const hits = matchingDirectives(located, finding.ruleId);
      if (hits.length > 0) {
        for (const [directive, id] of hits) {
          markUsed(directive, id);
        }
        suppressedCount++;
        continue;
      }
    }
    kept.push(finding);
  }

  const internalErrors: InternalError[] = [];
  const severity = unusedSeverity(options);
  const keptCount = kept.length;
  if (severity) {
    const judge = new Judge(input.file, options, internalErrors, docBase, chunks);
    for (const chunk of withDirectives) {
      const analysis = analysisOf(chunk)!;
      const chunkIndex = chunks.indexOf(chunk);
      for (const directive of analysis.directives) {
        kept.push(
          ...reportDirective(directive, chunk, analysis, docBase[chunkIndex] + directive.docInChunk, used.get(directive), judge, severity),
        );
      }
    }
  }
  if (kept.length > keptCount) {
    // The findings came sorted; only unused-suppression findings were appended.
    kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  }
  return { findings: kept, suppressedCount, internalErrors };
}

/** The object (and container) a finding is about, among the targets of its YAML document. */
function locate(chunk: SuppressionChunk, analysis: ChunkAnalysis, doc: DocTargets, finding: Finding): Located {
  const at = finding.start - chunk.start;
  const contains = (range: [number, number]): boolean => range[0] <= at && at < range[1];
  const same = doc.objects.filter(
    (o) => o.object.kind === finding.kind && o.object.name === finding.name && o.object.namespace === finding.namespace,
  );
  const object = same.length === 1 ? same[0] : ((same.length > 1 ? same : doc.objects).find((o) => contains(o.range)) ?? same[0]);
  if (!object) {
    return { chunk, analysis };
  }
  let container: ContainerTarget | undefined;
  if (finding.container !== undefined) {
    const named = object.containers.filter((c) => c.container.name === finding.container);
    container = named.length === 1 ? named[0] : (named.find((c) => contains(c.range)) ?? named[0]);
  } else {
    container = object.containers.find((c) => c.container.name === undefined && contains(c.range));
  }
  return { chunk, analysis, object, container };
}

/** The ids of the directive that name this rule (itself and `all`). */
function names(directive: Directive, ruleId: string): IdRef[] {
  return directive.ids.filter((ref) => ref.id === ruleId || ref.id === ALL_RULES);
}

/** The directives (and the id in each) that silence this finding. */
function matchingDirectives(located: Located, ruleId: string): [Directive, string][] {
  const hits: [Directive, string][] = [];
  for (const directive of located.analysis.directives) {
    if (directive.containers.some((c) => c === located.container) || directive.objects.some((o) => o === located.object)) {
      for (const ref of names(directive, ruleId)) {
        hits.push([directive, ref.id]);
      }
    }
  }
  return hits;
}

function unusedSeverity(options: LintOptions): Severity | undefined {
  const setting = options.rules?.[UNUSED_SUPPRESSION];
  if (setting === 'off') {
    return undefined;
  }
  if (setting === undefined || setting === 'default') {
    return getRule(UNUSED_SUPPRESSION)?.meta.severity ?? 'hint';
  }
  return setting;
}

/** Runs rules that are turned off, only to learn whether a suppression of them is used. */
class Judge {
  private readonly reports = new Map<string, { object: K8sObject; container?: Container }[] | undefined>();

  constructor(
    private readonly file: FileContext,
    private readonly options: LintOptions,
    private readonly internalErrors: InternalError[],
    private readonly docBase: number[],
    private readonly chunks: SuppressionChunk[],
  ) {}

  isOff(ruleId: string): boolean {
    return this.options.rules?.[ruleId] === 'off';
  }

  /** Would the (turned off) rule report on one of these targets? undefined: the rule crashed, so it cannot be told. */
  wouldReport(
    ruleId: string,
    chunk: SuppressionChunk,
    analysis: ChunkAnalysis,
    docInChunk: number,
    directive: Directive,
  ): boolean | undefined {
    const key = `${this.chunks.indexOf(chunk)}:${docInChunk}:${ruleId}`;
    if (!this.reports.has(key)) {
      this.reports.set(key, this.run(ruleId, analysis, docInChunk, this.docBase[this.chunks.indexOf(chunk)] + docInChunk));
    }
    const reports = this.reports.get(key);
    if (!reports) {
      return undefined;
    }
    return reports.some(
      (report) =>
        directive.objects.some((o) => o.object === report.object) ||
        (report.container !== undefined && directive.containers.some((c) => c.container === report.container)),
    );
  }

  private run(
    ruleId: string,
    analysis: ChunkAnalysis,
    docInChunk: number,
    docIndex: number,
  ): { object: K8sObject; container?: Container }[] | undefined {
    const rule = getRule(ruleId);
    const doc = analysis.docs[docInChunk];
    if (!rule || !doc) {
      return [];
    }
    const reports: { object: K8sObject; container?: Container }[] = [];
    try {
      rule.check({
        file: this.file,
        objects: doc.objects.map((o) => o.object),
        workloads: doc.workloads,
        report: (report) => reports.push({ object: report.object, container: report.container }),
        fixDefaults: { ...DEFAULT_FIX_DEFAULTS, ...this.options.fixDefaults },
        ...optionContext(this.options),
      });
    } catch (error) {
      this.internalErrors.push({ ruleId, docIndex, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
    return reports;
  }
}

function reportDirective(
  directive: Directive,
  chunk: SuppressionChunk,
  analysis: ChunkAnalysis,
  docIndex: number,
  usedIds: Set<string> | undefined,
  judge: Judge,
  severity: Severity,
): Finding[] {
  const base = chunk.start;
  const where = directive.containers[0]?.container
    ? describeContainer(directive.containers[0].container)
    : directive.objects[0]
      ? describeObject(directive.objects[0].object)
      : undefined;
  const subject =
    directive.objects[0]?.object ?? directive.containers[0]?.owner.object ?? analysis.docs[directive.docInChunk]?.objects[0]?.object;
  const finding = (start: number, end: number, message: string, fixes: Fix[]): Finding => ({
    ruleId: UNUSED_SUPPRESSION,
    severity,
    message,
    start: base + start,
    end: base + Math.max(end, start + 1),
    docIndex,
    kind: subject?.kind,
    name: subject?.name,
    namespace: subject?.namespace,
    container: directive.containers[0]?.container.name,
    fixes,
  });
  const rebase = (edit: TextEdit | undefined): TextEdit[] => (edit ? [{ ...edit, offset: edit.offset + base }] : []);
  const removeWhole = (title: string, safe: boolean): Fix[] =>
    directive.removal ? [{ title, edits: rebase(directive.removal), safe, preferred: true }] : [];
  const label = directive.form === 'comment' ? `${IGNORE_MARKER} comment` : `${IGNORE_ANNOTATION} annotation`;

  if (directive.form === 'comment' && (directive.trailing || (directive.objects.length === 0 && directive.containers.length === 0))) {
    return [
      finding(
        directive.range[0],
        directive.range[1],
        `This ${IGNORE_MARKER} comment has no effect: it must be on its own line directly above an object's first key (below any ---) or above a container's "- name:" line, with no blank line in between.`,
        removeWhole('Remove the misplaced kzd-ignore comment', false),
      ),
    ];
  }
  if (directive.listEmpty) {
    return [
      finding(
        directive.range[0],
        directive.range[1],
        `This ${label} names no rule, so it suppresses nothing: list the rule ids to ignore (or ${ALL_RULES}).`,
        removeWhole(`Remove the empty ${label}`, false),
      ),
    ];
  }

  // Each id: unknown, used, or unused (judged by running the rule when it is turned off).
  const problems: { index: number; message: string; fixes: Fix[]; safe: boolean }[] = [];
  directive.ids.forEach((ref, index) => {
    if (ref.id !== ALL_RULES && !SUPPRESSIBLE.has(ref.id)) {
      const suggestion = ref.id === UNUSED_SUPPRESSION ? undefined : closestId(ref.id);
      const fixes: Fix[] = [];
      if (suggestion && ref.exact) {
        fixes.push({
          title: `Change to ${suggestion}`,
          edits: [{ offset: base + ref.start, length: ref.end - ref.start, newText: suggestion }],
          safe: false,
          preferred: true,
        });
      }
      const message =
        ref.id === UNUSED_SUPPRESSION
          ? `${UNUSED_SUPPRESSION} cannot be suppressed here; turn it off in the settings (kubeZeroDowntime.rules.${UNUSED_SUPPRESSION}) or with --rule ${UNUSED_SUPPRESSION}=off.`
          : `"${ref.id}" is not a rule id, so this ${label} does not suppress it${suggestion ? ` (did you mean ${suggestion}?)` : ''}.`;
      problems.push({ index, message, fixes, safe: false });
      return;
    }
    if (usedIds?.has(ref.id)) {
      return;
    }
    if (isUsedByTurnedOffRule(ref.id, chunk, analysis, directive, judge)) {
      return;
    }
    const what = ref.id === ALL_RULES ? 'no rule reports anything' : `${ref.id} reports nothing`;
    problems.push({
      index,
      message: `Unused suppression: ${what} ${where ? `for ${where}` : 'here'}, so "${ref.id}" in this ${label} suppresses nothing. Remove it, so it cannot hide a future problem.`,
      fixes: [],
      safe: true,
    });
  });
  if (problems.length === 0) {
    return [];
  }
  if (problems.length === directive.ids.length) {
    // Nothing in the suppression is of use: one finding on the whole of it, one fix removing it.
    const allSafe = problems.every((p) => p.safe);
    const first = problems[0];
    const message =
      problems.length === 1
        ? first.message
        : `This ${label} suppresses nothing: ${problems.map((p) => p.message.replace(/\.$/, '')).join('; ')}.`;
    const fixes = problems.length === 1 ? [...first.fixes] : [];
    fixes.push(
      ...removeWhole(allSafe ? `Remove the unused ${label}` : `Remove the ${label}`, allSafe).map((fix) => ({
        ...fix,
        preferred: fixes.length === 0,
      })),
    );
    return [finding(directive.range[0], directive.range[1], message, fixes)];
  }
  return problems.map((problem) => {
    const ref = directive.ids[problem.index];
    const removal = rebase(directive.removeId(problem.index));
    const fixes = [...problem.fixes];
    if (removal.length > 0) {
      fixes.push({ title: `Remove ${ref.id} from the ${label}`, edits: removal, safe: problem.safe, preferred: fixes.length === 0 });
    }
    return finding(ref.start, ref.end, problem.message, fixes);
  });
}

function isUsedByTurnedOffRule(id: string, chunk: SuppressionChunk, analysis: ChunkAnalysis, directive: Directive, judge: Judge): boolean {
  const ids = id === ALL_RULES ? [...SUPPRESSIBLE].filter((ruleId) => judge.isOff(ruleId)) : judge.isOff(id) ? [id] : [];
  for (const ruleId of ids) {
    const verdict = judge.wouldReport(ruleId, chunk, analysis, directive.docInChunk, directive);
    // A rule that crashed cannot tell: the suppression gets the benefit of the doubt.
    if (verdict === undefined || verdict) {
      return true;
    }
  }
  return false;
}

function closestId(id: string): string | undefined {
  return closestMatch(id, [...SUPPRESSIBLE, ALL_RULES]);
}

// ---------------------------------------------------------------------------------------------------------
// "Ignore <rule> for this container/object": insert a marker comment above the target, or add the id to the
// marker comment already there.

/**
 * "Ignore <rule> for this container/object" for one finding of `text` (the text it was linted from): edits
 * inserting a kzd-ignore comment, or adding the id to the one already there. Computed on demand (code actions),
 * not for every finding of every lint: it parses only the finding's own YAML document.
 */
export function ignoreFixes(text: string, finding: Finding): Fix[] {
  if (finding.ruleId === UNUSED_SUPPRESSION || !SUPPRESSIBLE.has(finding.ruleId)) {
    return [];
  }
  const found = splitDocuments(text).find((c) => c.start <= finding.start && finding.start < c.start + c.text.length);
  if (!found || looksLikeHelmTemplate(found.text)) {
    return [];
  }
  const parsed = parseChunk(found.text);
  const chunk: SuppressionChunk = { start: found.start, text: found.text, parsed, helm: false };
  const analysis = analyse(chunk);
  const doc = analysis.docs[documentAt(parsed, finding.start - found.start)];
  return doc ? ignoreFixesFor(finding, locate(chunk, analysis, doc, finding)) : [];
}

function ignoreFixesFor(finding: Finding, located: Located): Fix[] {
  const fixes: Fix[] = [];
  const { chunk, analysis } = located;
  if (located.container) {
    const edit = ignoreEdit(chunk, analysis, located.container.lineStart, located.container.comment, finding.ruleId);
    if (edit) {
      fixes.push({ title: `Ignore ${finding.ruleId} for this container`, edits: [edit], safe: false });
    }
  }
  if (located.object) {
    const edit = ignoreEdit(chunk, analysis, located.object.lineStart, located.object.comment, finding.ruleId);
    if (edit) {
      fixes.push({ title: `Ignore ${finding.ruleId} for this object`, edits: [edit], safe: false });
    }
  }
  return fixes;
}

function ignoreEdit(
  chunk: SuppressionChunk,
  analysis: ChunkAnalysis,
  lineStart: number,
  existing: Directive | undefined,
  ruleId: string,
): TextEdit | undefined {
  const { text } = chunk;
  if (existing && !existing.trailing) {
    return { offset: chunk.start + existing.listEnd, length: 0, newText: existing.listEmpty ? ` ${ruleId}` : `, ${ruleId}` };
  }
  const line = text.slice(lineStart, lineContentEnd(text, lineStart));
  if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(line)) {
    return undefined;
  }
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const end = lineContentEnd(text, lineStart);
  const eol = text.startsWith('\r\n', end) ? '\r\n' : text.startsWith('\n', end) ? '\n' : analysis.eol;
  return { offset: chunk.start + lineStart, length: 0, newText: `${indent}# ${IGNORE_MARKER} ${ruleId}${eol}` };
}
