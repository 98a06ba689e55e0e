// The fixes of a chart's finding. The rule's own fixes, carried to the chart's files (fix/redirect.ts: literal
// template text in place, a node printed from values in the values file), are offered when they are faithful:
// not when they would write a value the chart prints from an action into the template as a literal (the release
// name, a port from values: right for this render only), and, where the edited text is rendered in more than one
// place (a helper, a `range`), only when the chart rendered again with the fix shows the finding gone and
// nothing new. When the chart takes the missing field from values (`{{- with .Values.readinessProbe }}` with
// `readinessProbe: {}`), the values entry is set instead: a candidate entry of that name is tried, and kept only
// when the chart rendered again with it shows the finding gone and nothing new.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { sourceDocument } from '../model/sourceDocuments';
import type { EmitValue } from '../fix/edits/emit';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { applyEdits } from '../fix/fixAll';
import type { OriginMap } from '../model/originMap';
import type { ProjectFiles } from '../model/origin';
import type { Linter } from '../run/linter';
import type { Finding, Fix, TextEdit } from '../types';
import { baseName } from './valuesNodes';

/** A finding's identity across renders (its place moves with the fix). */
export interface Identified {
  ruleId: string;
  template: string;
  kind?: string;
  namespace?: string;
  name?: string;
  container?: string;
}

export interface FixContext {
  files: ProjectFiles;
  /** The rendered template the finding is on, and its origins. */
  renderedText: string;
  origins: OriginMap;
  template: string;
  /** Values files of the render, highest precedence first. */
  valuesFiles: readonly string[];
  /** How many places of the rendered chart a source range was copied or printed to. */
  uses(file: string, start: number, end: number): number;
  /** The findings and notices (by reason) of the values set now, and after judging it again with `files`. */
  before: { findings: readonly Identified[]; notices: readonly { reason: string }[] };
  rejudge(files: ProjectFiles): { findings: readonly Identified[]; notices: readonly { reason: string }[] };
}

const MAX_CANDIDATES = 4;

export function chartFixes(linter: Linter, finding: Finding, target: Identified, context: ChartFixInputs): Fix[] {
  // A field the chart takes from values is set there: the same field written into the template beside the
  // `{{- with .Values.x }}` would turn into a duplicate key the day someone sets the value.
  const fromValues = new Map<string, Fix>();
  for (const fix of linter.fixesInText(finding)) {
    const values = valuesFix(fix, finding, target, context);
    if (values) fromValues.set(fix.title, values);
  }
  const fixes: Fix[] = [];
  for (const fix of linter.fixesFor(finding)) {
    const values = fromValues.get(fix.title);
    if (values) fixes.push(values);
    else if (!hardcodesPrinted(fix, context) && (!needsRender(fix, context) || verified(fix, target, context))) fixes.push(fix);
  }
  for (const values of fromValues.values()) if (!fixes.includes(values)) fixes.push(values);
  return fixes;
}

export type ChartFixInputs = FixContext;

/** Does the fix write, as template text, a value the chart prints from an action (right for this render only)? */
function hardcodesPrinted(fix: Fix, context: FixContext): boolean {
  const values = new Set(context.valuesFiles);
  const inserted = fix.edits.filter((edit) => edit.file !== undefined && !values.has(edit.file)).map((edit) => edit.newText);
  if (inserted.length === 0) return false;
  const printed = new Set<string>();
  for (const span of context.origins.spansTouching(0, Infinity)) {
    if (span.kind === 'copy') continue;
    const text = context.renderedText.slice(span.start, span.end).trim();
    if (text.length >= 3 && !text.includes('\n') && /[A-Za-z0-9]/.test(text)) printed.add(text.replace(/^["']|["']$/g, ''));
  }
  return inserted.some((text) => [...printed].some((value) => containsToken(text, value)));
}

function containsToken(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // As a word of its own or the start of one (`release-name` in `release-name-api`), not inside another.
  return new RegExp(`(^|[^A-Za-z0-9_.-])${escaped}($|[^A-Za-z0-9_])`).test(text);
}

/** An edit of text the chart renders in more than one place (a helper, a range body, a shared values entry). */
function needsRender(fix: Fix, context: FixContext): boolean {
  return fix.edits.some((edit) => edit.file === undefined || context.uses(edit.file, edit.offset, edit.offset + edit.length) !== 1);
}

/** The chart judged again with the fix applied: the finding gone, nothing new (findings by identity, notices by reason). */
export function verified(fix: Fix, target: Identified, context: FixContext): boolean {
  const files = withEdits(context.files, fix.edits);
  if (!files) return false;
  const after = context.rejudge(files);
  const count = (list: readonly Identified[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const f of list) counts.set(identity(f), (counts.get(identity(f)) ?? 0) + 1);
    return counts;
  };
  const before = count(context.before.findings);
  const now = count(after.findings);
  const key = identity(target);
  if ((now.get(key) ?? 0) >= (before.get(key) ?? 0)) return false;
  for (const [other, n] of now) if (n > (before.get(other) ?? 0)) return false;
  const reasons = (list: readonly { reason: string }[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const n of list) counts.set(n.reason, (counts.get(n.reason) ?? 0) + 1);
    return counts;
  };
  const noticesBefore = reasons(context.before.notices);
  for (const [reason, n] of reasons(after.notices)) if (n > (noticesBefore.get(reason) ?? 0)) return false;
  return true;
}

export function identity(f: Identified): string {
  return [f.ruleId, f.template, f.kind, f.namespace, f.name, f.container].join('\u0000');
}

/** The files with the edits applied (each edit names its file), or undefined when an edit does not apply. */
function withEdits(files: ProjectFiles, edits: readonly TextEdit[]): ProjectFiles | undefined {
  const changed = new Map<string, string>();
  for (const file of new Set(edits.map((edit) => edit.file))) {
    if (file === undefined) return undefined;
    const text = files.readText(file);
    if (text === undefined) return undefined;
    try {
      changed.set(
        file,
        applyEdits(
          text,
          edits.filter((edit) => edit.file === file).map((edit) => ({ offset: edit.offset, length: edit.length, newText: edit.newText })),
        ),
      );
    } catch {
      return undefined;
    }
  }
  const encoder = new TextEncoder();
  return {
    readText: (file) => changed.get(file) ?? files.readText(file),
    readBytes: (file) => {
      const text = changed.get(file);
      return text === undefined ? files.readBytes(file) : encoder.encode(text);
    },
    list: (dir) => files.list(dir),
  };
}

interface Candidate {
  file: string;
  text: string;
  doc: Document.Parsed;
  /** The map holding the entry, and the entry. */
  parent: YAMLMap;
  pair: Pair;
  path: string[];
  kind: 'empty' | 'disabled';
}

/**
 * The values entry the chart takes the missing field from, set to what the rule's fix adds. Only for a fix that
 * adds one key to the finding's document; only an entry of that name that is empty (`{}`, null) or disabled
 * (`enabled: false`); only when rendering again proves it.
 */
function valuesFix(fix: Fix, finding: Finding, target: Identified, context: FixContext): Fix | undefined {
  const added = addedEntry(context.renderedText, fix.edits, finding.docIndex);
  if (!added) return undefined;
  const key = added.path[added.path.length - 1];
  if (typeof key !== 'string') return undefined;
  const candidates = candidatesFor(key, context).sort((a, b) => closeness(b, target) - closeness(a, target));
  for (const candidate of candidates.slice(0, MAX_CANDIDATES)) {
    const editor = new YamlEditor({ doc: candidate.doc, base: 0, source: candidate.text });
    const edits =
      candidate.kind === 'empty'
        ? editor.setEntries(candidate.parent, { [key]: added.value as EmitValue })
        : isMap(candidate.pair.value)
          ? editor.setEntries(candidate.pair.value, { enabled: true })
          : undefined;
    if (!edits || edits.length === 0) continue;
    const where = baseName(candidate.file);
    const shown = candidate.path.join('.');
    const values: Fix = {
      title:
        candidate.kind === 'empty'
          ? `Set ${shown} in ${where}${detail(fix.title, key)}`
          : `Enable ${shown} in ${where} (${shown}.enabled: true)`,
      edits: edits.map((edit) => ({ ...edit, file: candidate.file })),
      safe: fix.safe,
      ...(fix.preferred ? { preferred: true } : {}),
    };
    if (verified(values, target, context)) return values;
  }
  return undefined;
}

/** "Add readinessProbe (httpGet /readyz on port 80)" -> " (httpGet /readyz on port 80)"; other titles after a colon. */
function detail(title: string, key: string): string {
  let rest = title.replace(/^(Add|Set) /, '');
  if (rest.startsWith(key)) rest = rest.slice(key.length).trim();
  return rest === '' ? '' : rest.startsWith('(') ? ` ${rest}` : `: ${rest}`;
}

const ADDED_FIELDS = Symbol("the field each finding's fix adds");

/**
 * The map key a finding's first fix inserts (`readinessProbe` for a container without one), or undefined when no
 * fix is a plain insertion. Read from the inserted text (the YamlEditor writes `key:` first), once per text.
 */
export function addedField(linter: Linter, finding: Finding): string | undefined {
  const placed = linter.model.chunkOfDocument(finding.docIndex);
  if (!placed) return undefined;
  const memo = placed.chunk.memo(ADDED_FIELDS, () => new Map<string, string | undefined>());
  const key = `${finding.ruleId}|${finding.start - placed.start}|${finding.end - placed.start}|${finding.docIndex - placed.docBase}`;
  if (!memo.has(key)) {
    let field: string | undefined;
    for (const fix of linter.fixesInText(finding)) {
      const [edit, ...more] = fix.edits;
      const match = more.length === 0 && edit.length === 0 ? /^\s*([A-Za-z][\w.-]*):/.exec(edit.newText) : null;
      if (match) {
        field = match[1];
        break;
      }
    }
    memo.set(key, field);
  }
  return memo.get(key);
}

/** The one entry the edits add to document `docIndex` (and nothing else they change), with its path and value. */
function addedEntry(text: string, edits: readonly TextEdit[], docIndex: number): { path: (string | number)[]; value: unknown } | undefined {
  let fixed: string;
  try {
    fixed = applyEdits(text, edits);
  } catch {
    return undefined;
  }
  const before = parseAllDocuments(text);
  const after = parseAllDocuments(fixed);
  if (before.length !== after.length || !('errors' in after[docIndex]) || after[docIndex].errors.length > 0) return undefined;
  const added: { path: (string | number)[]; value: unknown }[] = [];
  const same = compare(before[docIndex].toJSON(), after[docIndex].toJSON(), [], added);
  return same && added.length === 1 ? added[0] : undefined;
}

/** Walks both values; collects added map entries; false when anything else differs. */
function compare(a: unknown, b: unknown, path: (string | number)[], added: { path: (string | number)[]; value: unknown }[]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => compare(item, b[i], [...path, i], added));
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of Object.keys(a)) if (!(key in b) || !compare(a[key], b[key], [...path, key], added)) return false;
    for (const key of Object.keys(b)) if (!(key in a)) added.push({ path: [...path, key], value: b[key] });
    return true;
  }
  return a === b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function candidatesFor(key: string, context: FixContext): Candidate[] {
  const found: Candidate[] = [];
  for (const file of context.valuesFiles) {
    const text = context.files.readText(file);
    if (text === undefined) continue;
    const doc = sourceDocument(text);
    if (doc.errors.length > 0) continue;
    const visit = (node: unknown, path: string[]): void => {
      if (!isMap(node)) return;
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const value = pair.value as Node | null;
        if (name === key) {
          const kind = emptyValue(value) ? 'empty' : disabled(value) ? 'disabled' : undefined;
          if (kind) found.push({ file, text, doc, parent: node, pair, path: [...path, name], kind });
        }
        if (isMap(value)) visit(value, [...path, name]);
        else if (isSeq(value)) continue;
      }
    };
    visit(doc.contents, []);
  }
  return found;
}

function emptyValue(node: Node | null): boolean {
  if (node === null) return true;
  if (isScalar(node)) return node.value === null || node.value === '';
  return (isMap(node) || isSeq(node)) && node.items.length === 0;
}

function disabled(node: Node | null): boolean {
  if (!isMap(node)) return false;
  const enabled = node.items.find((pair) => isScalar(pair.key) && pair.key.value === 'enabled');
  return enabled !== undefined && isScalar(enabled.value) && enabled.value.value === false;
}

/** How much a candidate's path says about the finding's object or container (`controller.readinessProbe`). */
function closeness(candidate: Candidate, target: Identified): number {
  const names = [target.container, target.name].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase());
  return candidate.path.slice(0, -1).filter((segment) => names.some((name) => name.includes(segment.toLowerCase()))).length;
}
