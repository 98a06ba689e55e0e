// The fixes of a finding of a build, in the file where the node belongs. A rule's fix is first carried to the
// source the edited node stands for (fix/redirect.ts: the patch that set the wrong value, the base container a
// field is missing from). When that source is also built by roots that do not have the finding, or the node does
// not stand for one source node (a container the overlay patched), the fix is written as Kustomize would: the
// strategic-merge body of the change, merged into the base object when every root that reads it has the
// finding, otherwise into each root's own patch of the object (extended, or created and listed in the root's
// `patches:`). Every fix is checked on the built result before it is offered: the roots that read the edited
// files are built again, the finding is gone from the roots that had it, and nothing new appears in any of them.
import { isMap, isSeq, parseAllDocuments, type Node } from 'yaml';
import { applyEdits } from '../fix/fixAll';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { PARSE_OPTIONS } from '../model/documents';
import { basenameOf, joinPath } from '../render/kustomize/paths';
import type { Fix, TextEdit } from '../types';
import type { KustomizeFinding, KustomizeJudge, PlacedFinding } from './judge';
import { appendItem, documentText, smpBody, writeBody, type Json } from './patchBody';
import { pairOf, type SourceModels } from './sources';
import { verifyFix } from './verify';

type Change = { kind: 'object'; before: Record<string, Json>; after: Record<string, Json> } | { kind: 'documents'; text: string };

/** Which fixes to make (each is checked by building again, so asking for fewer is faster). */
export interface KustomizeFixOptions {
  /** Only fixes for which this holds (--fix: the safe ones). */
  only?: (fix: Fix) => boolean;
  /** Stop at the first fix that passes its check (--fix and SARIF use one fix per finding). */
  first?: boolean;
}

export function kustomizeFixes(judge: KustomizeJudge, finding: KustomizeFinding, options: KustomizeFixOptions = {}): Fix[] {
  const members = judge.membersOf(finding);
  const first = members[0];
  if (!first) return [];
  const group = new Set(members.map((member) => member.state));
  const carried = first.state.linter.fixesFor(first.finding);
  const fixes: Fix[] = [];
  for (const fix of first.state.linter.fixesInText(first.finding)) {
    if (options.only && !options.only(fix)) continue;
    const candidates: Fix[][] = [];
    const redirected = carried.find((candidate) => candidate.title === fix.title);
    if (redirected && redirected.edits.every((edit) => edit.file !== undefined)) {
      const readers = new Set(redirected.edits.flatMap((edit) => judge.rootsReading(edit.file as string)));
      const replacesOnly = redirected.edits.every((edit) => edit.length > 0);
      if (replacesOnly || [...readers].every((state) => group.has(state))) candidates.push([redirected]);
    }
    const change = changeOf(first, fix);
    if (change?.kind === 'object') {
      const base = baseFix(judge, first, fix, change, group);
      if (base) candidates.push([base]);
    }
    const perRoot = members
      .map((member) => overlayFix(judge, member, fix))
      .filter((candidate): candidate is Fix => candidate !== undefined);
    if (perRoot.length > 0) candidates.push(perRoot);
    for (const candidate of candidates) {
      const verified: Fix[] = [];
      for (const option of candidate) {
        if (!verifyFix(judge, option, members)) continue;
        verified.push(option);
        if (options.first) return [...fixes, ...verified];
      }
      if (verified.length > 0) {
        fixes.push(...verified);
        break;
      }
    }
  }
  return fixes;
}

/** What the rule's fix does to the built text: changes one object, or adds documents after the last one. */
function changeOf(member: PlacedFinding, fix: Fix): Change | undefined {
  const text = member.state.build?.rendered?.text;
  const placed = member.state.linter.model.chunkOfDocument(member.finding.docIndex);
  if (text === undefined || !placed || fix.edits.some((edit) => edit.file !== undefined)) return undefined;
  const chunkEnd = placed.start + placed.chunk.text.length;
  if (fix.edits.every((edit) => edit.offset >= text.length && edit.length === 0)) {
    return { kind: 'documents', text: fix.edits.map((edit) => edit.newText).join('') };
  }
  if (!fix.edits.every((edit) => edit.offset >= placed.start && edit.offset + edit.length <= chunkEnd)) return undefined;
  const local = fix.edits.map((edit) => ({ ...edit, offset: edit.offset - placed.start }));
  const index = member.finding.docIndex - placed.docBase;
  const before = documentJson(placed.chunk.text, index);
  const after = documentJson(applyEdits(placed.chunk.text, local), index);
  return before && after ? { kind: 'object', before, after } : undefined;
}

function documentJson(text: string, index: number): Record<string, Json> | undefined {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  const doc = Array.isArray(docs) ? docs[index] : undefined;
  if (!doc || doc.errors.length > 0) return undefined;
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, Json>) : undefined;
}

/** The body of an object change without the identity fields (they stay as the target file has them). */
function changeBody(change: Change & { kind: 'object' }): Record<string, Json> | undefined {
  const body = smpBody(change.before, change.after);
  if (!body || Object.keys(body).length === 0) return undefined;
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = body;
  const metadata = rest.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata) && ('name' in metadata || 'namespace' in metadata)) {
    return undefined;
  }
  return rest;
}

/** The change merged into the object where it is defined, when every root that reads that file has the finding. */
function baseFix(
  judge: KustomizeJudge,
  member: PlacedFinding,
  fix: Fix,
  change: Change & { kind: 'object' },
  group: Set<unknown>,
): Fix | undefined {
  const object = member.placement.object;
  if (!object || !judge.rootsReading(object.file).every((state) => group.has(state))) return undefined;
  const body = changeBody(change);
  const found = body && judge.sources.nodeAt(object.file, object.start);
  if (!body || !found || !isMap(found.node)) return undefined;
  const edits = writeBody(found.ref, found.node, body);
  if (!edits || edits.length === 0) return undefined;
  return { ...fix, edits: edits.map((edit) => ({ ...edit, offset: edit.offset + found.placed.start, file: object.file })) };
}

/** The change written in the root's own patch of the object: an existing one extended, or a new one listed in `patches:`. */
function overlayFix(judge: KustomizeJudge, member: PlacedFinding, ruleFix: Fix): Fix | undefined {
  const fix = member.state.linter.fixesInText(member.finding).find((candidate) => candidate.title === ruleFix.title);
  const change = fix && changeOf(member, fix);
  if (!fix || !change) return undefined;
  const state = member.state;
  const kustomization = judge.sources.nodeAt(state.file, 0);
  if (!kustomization || !isMap(kustomization.node)) return undefined;
  const title = (where: string): Fix => ({ ...fix, preferred: false, title: `${fix.title} in ${state.label} (${where})`, edits: [] });
  if (change.kind === 'documents') {
    const name = `${member.name ?? 'added'}-${(member.finding.kind ?? 'object').toLowerCase()}.yaml`;
    const text = renamed(change.text.replace(/^---\r?\n/, ''), member);
    const entry = listEntry(judge.sources, state.file, 'resources', name);
    return entry && { ...title(`new file ${name}`), edits: [newFile(joinPath(state.root, name), text), ...entry] };
  }
  const body = changeBody(change);
  const source = member.placement.object && judge.sources.objectAt(member.placement.object.file, member.placement.object.start)?.object;
  if (!body || !source?.name) return undefined;
  const existing = existingPatch(judge.sources, state.root, state.file, source.kind, source.name);
  if (existing) {
    const edits = writeBody(existing.ref, existing.map, body);
    if (!edits || edits.length === 0) return undefined;
    const shifted = edits.map((edit) => ({ ...edit, offset: edit.offset + existing.chunkStart, file: existing.file }));
    return { ...title(`patch ${basenameOf(existing.file)}`), edits: shifted };
  }
  const name = freeName(judge, state.root, `${source.name}-zero-downtime-patch.yaml`);
  const metadata: Record<string, Json> = { name: source.name, ...(source.namespace !== undefined ? { namespace: source.namespace } : {}) };
  const patch = { apiVersion: String(change.after.apiVersion ?? source.apiVersion), kind: source.kind, metadata, ...body };
  const style = new YamlEditor(kustomization.ref).style;
  const entry = listEntry(judge.sources, state.file, 'patches', { path: name });
  return entry && { ...title(`new patch ${name}`), edits: [newFile(joinPath(state.root, name), documentText(patch, style)), ...entry] };
}

function newFile(file: string, text: string): TextEdit {
  return { file, offset: 0, length: 0, newText: text, create: true };
}

/** Built names in an added document made source names again (the root's prefix and suffix apply to it too). */
function renamed(text: string, member: PlacedFinding): string {
  const built = member.finding.name;
  const source = member.name;
  return built && source && built !== source ? text.split(built).join(source) : text;
}

/** A file name not taken in the directory. */
function freeName(judge: KustomizeJudge, dir: string, wanted: string): string {
  const taken = new Set((judge.files.list(dir) ?? []).map((entry) => entry.name));
  if (!taken.has(wanted)) return wanted;
  const stem = wanted.replace(/\.yaml$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}.yaml`)) return `${stem}-${i}.yaml`;
}

/** Edits adding an item to a list of the kustomization (`patches:`, `resources:`), the list created when absent. */
function listEntry(sources: SourceModels, file: string, key: string, item: Json): TextEdit[] | undefined {
  const found = sources.nodeAt(file, 0);
  if (!found || !isMap(found.node)) return undefined;
  const current = pairOf(found.node, key)?.value as Node | null | undefined;
  const editor = new YamlEditor(found.ref);
  let edits: TextEdit[] | undefined;
  if (current === undefined) {
    const edit = editor.insertEntries(found.node, { [key]: [item] });
    edits = edit ? [edit] : undefined;
  } else if (isSeq(current)) {
    const edit = appendItem(editor, found.ref, current, item);
    edits = edit ? [edit] : undefined;
  }
  return edits?.map((edit) => ({ ...edit, offset: edit.offset + found.placed.start, file }));
}

/** A strategic-merge patch the root's kustomization already lists for this object (by kind and name). */
function existingPatch(sources: SourceModels, root: string, file: string, kind: string, name: string) {
  const found = sources.nodeAt(file, 0);
  if (!found || !isMap(found.node)) return undefined;
  const paths: string[] = [];
  const patches = pairOf(found.node, 'patches')?.value;
  if (isSeq(patches)) {
    for (const item of patches.items) {
      if (!isMap(item) || pairOf(item, 'target')) continue;
      const path = item.get('path');
      if (typeof path === 'string') paths.push(path);
    }
  }
  const legacy = pairOf(found.node, 'patchesStrategicMerge')?.value;
  if (isSeq(legacy)) {
    for (const item of legacy.toJSON()) if (typeof item === 'string' && !item.includes('\n')) paths.push(item);
  }
  for (const path of paths) {
    const patchFile = joinPath(root, path.trim());
    const model = sources.model(patchFile);
    for (const placed of model?.chunks ?? []) {
      for (const document of placed.chunk.documents(false)) {
        const object = document.objects.find((candidate) => candidate.kind === kind && candidate.name === name);
        if (object && document.ref) return { file: patchFile, ref: document.ref, map: object.node, chunkStart: placed.start };
      }
    }
  }
  return undefined;
}
