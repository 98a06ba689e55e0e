// The fix harness for Kustomize builds: a fix of a build finding is applied to the project's files (edits in
// several files, new files too), and checked on the *built* result: every root still builds, every edited file
// still parses with its comments and line endings, the finding is gone from a root that had it, nothing new
// appears in any root, and fixing again has nothing left to do. With kubectl on PATH, the fixed tree is also
// built by `kubectl kustomize` for every root and must give the objects the in-process build gives.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { helmFlags } from './referenceHelm';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { filesWithFix, KustomizeJudge, type KustomizeFinding, type KustomizeVerdict } from '../../../../server/out/engine/kustomize';
import type { ProjectFiles } from '../../../../server/out/engine/model/origin';
import type { Fix } from '../../../../server/out/engine';
import { buildKustomization } from '../../../../server/out/engine/render/kustomize';

/** (rule, object, container, root) -> how many findings. */
function pairs(verdict: KustomizeVerdict): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of verdict.findings) {
    for (const root of finding.roots) {
      const key = [finding.ruleId, finding.kind, finding.name, finding.container, root].join('|');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

const comments = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#'));

export const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** Checks one fix of one finding; returns the files after the fix. */
export function checkBuildFix(
  judge: KustomizeJudge,
  before: KustomizeVerdict,
  finding: KustomizeFinding,
  fix: Fix,
  all: string[],
): ProjectFiles {
  const where = `${finding.ruleId} "${fix.title}"`;
  assert.ok(fix.edits.length > 0, `${where}: edits something`);
  for (const edit of fix.edits) assert.ok(edit.file !== undefined, `${where}: every edit names its file`);
  const files = filesWithFix(judge.files, fix.edits);
  assert.ok(files, `${where}: the edits apply`);
  for (const file of new Set(fix.edits.map((edit) => edit.file as string))) {
    const fixed: string = files.readText(file) ?? '';
    const old = judge.files.readText(file);
    for (const doc of parseAllDocuments(fixed)) assert.deepEqual(doc.errors.map(String), [], `${where}: ${file} parses:\n${fixed}`);
    if (old !== undefined) {
      for (const comment of comments(old)) assert.ok(fixed.includes(comment), `${where}: ${file} keeps "${comment}"`);
      if (!old.includes('\r\n')) assert.doesNotMatch(fixed, /\r/, `${where}: ${file} keeps LF line endings`);
    }
  }
  const trial = new KustomizeJudge(files, judge.options);
  trial.setRoots(judge.roots.map((state) => state.root));
  const after = trial.verdict();
  for (const root of after.roots) assert.ok(root.built, `${where}: ${root.label} still builds: ${root.error ?? ''}`);
  const was = pairs(before);
  const now = pairs(after);
  const mine = finding.roots.map((root) => [finding.ruleId, finding.kind, finding.name, finding.container, root].join('|'));
  assert.ok(
    mine.some((key) => (now.get(key) ?? 0) < (was.get(key) ?? 0)),
    `${where}: the finding is gone from a root that had it:\n${[...now.keys()].join('\n')}`,
  );
  for (const [key, count] of now) assert.ok(count <= (was.get(key) ?? 0), `${where}: the fix brings ${key}`);
  // Idempotent: where the finding went, nothing is left to fix the second time.
  for (const key of mine) {
    if ((now.get(key) ?? 0) < (was.get(key) ?? 0)) assert.equal(now.get(key) ?? 0, 0, `${where}: nothing left to fix in ${key}`);
  }
  if (hasKubectl) compareWithKubectl(files, all, trial, where);
  return files;
}

/** Writes the fixed project to a temporary folder and builds every root there with kubectl kustomize. */
function compareWithKubectl(files: ProjectFiles, all: string[], trial: KustomizeJudge, where: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-judge-fix-'));
  try {
    const written = new Set([...all, ...[...trial.roots].flatMap((state) => state.build?.inputs ?? [])]);
    for (const file of written) {
      const text = files.readText(file);
      if (text === undefined) continue;
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const flags = helmFlags([...written].map((file) => files.readText(file) ?? ''));
    for (const state of trial.roots) {
      const live = spawnSync('kubectl', ['kustomize', ...flags, state.root], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      assert.equal(live.status, 0, `${where}: kubectl kustomize ${state.root} builds the fixed tree: ${live.stderr}`);
      const ours = buildKustomization(files, state.root).rendered?.text ?? '';
      const objects = (text: string) => parseAllDocuments(text).map((doc) => doc.toJS() as unknown);
      assert.deepEqual(objects(ours), objects(live.stdout), `${where}: kubectl kustomize ${state.root} agrees with the in-process build`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
