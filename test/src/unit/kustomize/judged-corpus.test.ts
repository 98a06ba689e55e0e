// The shared Kustomize corpus (../shared/kustomize, real projects) judged as builds: every root of roots.json
// built and linted, its findings placed at their origin. The per-root table and every placed finding (file,
// line, rule, roots, message) are pinned in test/fixtures/kustomize-judged-corpus.snap, read once for false
// positives (UPDATE_SNAPSHOTS=1 writes it; review the diff). Whatever the findings, they must be placed in files
// the roots read (never in the built text), and the roots kubectl cannot build are exactly those with a notice.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { KustomizeJudge } from '../../../../server/out/engine/kustomize';
import { directoryFiles } from './projectFiles';

const CORPUS = path.resolve(__dirname, '../../../../../shared/kustomize');
const SNAPSHOT = path.resolve(__dirname, '../../../fixtures/kustomize-judged-corpus.snap');

interface RootEntry {
  root: string;
  renders: boolean;
  objects?: number;
}

describe('the shared Kustomize corpus judged as builds', () => {
  it('every root: built as kubectl builds it, findings at their origins, pinned', () => {
    const roots = JSON.parse(fs.readFileSync(path.join(CORPUS, 'roots.json'), 'utf8')) as RootEntry[];
    const files = directoryFiles(CORPUS);
    const judge = new KustomizeJudge(files, {});
    judge.setRoots(roots.map((entry) => entry.root));
    const verdict = judge.verdict();

    const lines = ['| root | built | objects | findings |', '|---|---|---|---|'];
    for (const [i, root] of verdict.roots.entries()) {
      assert.equal(root.built, roots[i].renders, `${root.root}: built exactly when kubectl kustomize renders it`);
      if (root.built) assert.equal(root.objects, roots[i].objects, `${root.root}: as many objects as kubectl's output`);
      lines.push(`| ${root.root} | ${root.built ? 'yes' : 'no'} | ${root.objects} | ${root.findings} |`);
    }
    assert.deepEqual(
      verdict.notices.map((notice) => notice.root).sort(),
      roots
        .filter((entry) => !entry.renders)
        .map((entry) => entry.root)
        .sort(),
      'one notice per root that cannot be built',
    );
    lines.push('', `${verdict.findings.length} findings placed:`);
    const inputs = new Map(judge.roots.map((state) => [state.label, new Set(state.build?.inputs ?? [])]));
    for (const finding of verdict.findings) {
      for (const root of finding.roots) assert.ok(inputs.get(root)?.has(finding.file), `${finding.file} is read by ${root}`);
      const text = files.readText(finding.file) ?? '';
      const line = text.slice(0, finding.start).split('\n').length;
      lines.push(
        `${finding.file}:${line} ${finding.severity} ${finding.ruleId} [${finding.roots.join(', ')}] ${finding.message.replace(/^In [^:]*: /, '')}`,
      );
    }
    const rendered = `${lines.join('\n')}\n`;
    if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(SNAPSHOT)) {
      if (process.env.UPDATE_SNAPSHOTS !== '1') assert.fail(`missing snapshot ${SNAPSHOT}: run UPDATE_SNAPSHOTS=1 and review it`);
      fs.writeFileSync(SNAPSHOT, rendered);
    }
    assert.equal(rendered, fs.readFileSync(SNAPSHOT, 'utf8'));
  });
});
