// A fix of a build is offered only when the built result says it works: the project's files with the fix applied
// (new files included) are built again for every root that reads an edited file; each must still build, the
// finding must be gone from those of its roots, and no finding may appear that was not there before.
import { applyEdits } from '../fix/fixAll';
import type { ProjectFiles } from '../model/origin';
import { dirnameOf, basenameOf } from '../render/kustomize/paths';
import type { Fix, TextEdit } from '../types';
import { KustomizeJudge, type PlacedFinding, type RootState } from './judge';

/** The project's files with the fix's edits applied (and the files it creates). */
export function filesWithFix(files: ProjectFiles, edits: readonly TextEdit[]): ProjectFiles | undefined {
  const changed = new Map<string, string>();
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) {
    if (edit.file === undefined) return undefined;
    byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  }
  for (const [file, fileEdits] of byFile) {
    const created = fileEdits.find((edit) => edit.create);
    const text = created ? '' : files.readText(file);
    if (text === undefined || (created && files.readText(file) !== undefined)) return undefined;
    try {
      changed.set(file, created ? created.newText : applyEdits(text, fileEdits));
    } catch {
      return undefined;
    }
  }
  return {
    readText: (path) => changed.get(path) ?? files.readText(path),
    readBytes: (path) => {
      const text = changed.get(path);
      return text === undefined ? files.readBytes(path) : new TextEncoder().encode(text);
    },
    list: (dir) => {
      const entries = files.list(dir);
      const added = [...changed.keys()].filter((path) => dirnameOf(path) === dir).map((path) => basenameOf(path));
      if (!entries) return added.length > 0 ? added.map((name) => ({ name, directory: false })) : undefined;
      const names = new Set(entries.map((entry) => entry.name));
      const extra = added.filter((name) => !names.has(name)).map((name) => ({ name, directory: false }));
      return [...entries, ...extra].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

function identity(placed: PlacedFinding): string {
  return [placed.finding.ruleId, placed.finding.kind, placed.name, placed.finding.container].join('|');
}

function counts(state: RootState): Map<string, number> {
  const found = new Map<string, number>();
  for (const placed of state.placed) {
    if (placed.suppressedBy.length > 0) continue;
    const key = identity(placed);
    found.set(key, (found.get(key) ?? 0) + 1);
  }
  return found;
}

/** Does the fix remove the finding from its roots it reaches, and bring nothing new into any root it touches? */
export function verifyFix(judge: KustomizeJudge, fix: Fix, members: readonly PlacedFinding[]): boolean {
  const files = filesWithFix(judge.files, fix.edits);
  if (!files || fix.edits.length === 0) return false;
  const affected = new Set<RootState>();
  for (const edit of fix.edits) if (!edit.create) for (const state of judge.rootsReading(edit.file as string)) affected.add(state);
  if (!members.some((member) => affected.has(member.state))) return false;
  const trial = new KustomizeJudge(files, judge.options);
  for (const [key, value] of judge.cache.entries) trial.cache.entries.set(key, value);
  trial.setRoots([...affected].map((state) => state.root));
  trial.verdict();
  for (const state of affected) {
    const after = trial.roots.find((candidate) => candidate.root === state.root);
    if (!after?.build?.rendered) return false;
    const before = counts(state);
    const now = counts(after);
    for (const [key, count] of now) if (count > (before.get(key) ?? 0)) return false;
    for (const member of members) {
      if (member.state !== state) continue;
      const key = identity(member);
      if ((now.get(key) ?? 0) >= (before.get(key) ?? 0)) return false;
    }
  }
  return true;
}
