// A small project per Kustomize feature (test/fixtures/kustomize/<case>), each built in-process and compared with
// `kubectl kustomize` run live on the same files: the same objects, deep-equal, in the same order; where kubectl
// fails (the error-* cases), the build must fail too. kubectl embeds kustomize; without it the test fails.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../../../server/out/engine/render/kustomize';
import { directoryFiles } from './projectFiles';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/kustomize');

function objects(text: string): { keys: string[]; byKey: Map<string, unknown> } {
  const keys: string[] = [];
  const byKey = new Map<string, unknown>();
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS() as Record<string, unknown> | null;
    if (value === null) continue;
    const metadata = (value.metadata ?? {}) as Record<string, unknown>;
    const key = `${String(value.apiVersion)}|${String(value.kind)}|${String(metadata.namespace ?? '')}|${String(metadata.name)}`;
    keys.push(key);
    byKey.set(key, value);
  }
  return { keys, byKey };
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });

describe('kustomize fixtures against live kubectl kustomize', () => {
  it('has kubectl (with its embedded kustomize) on PATH', () => {
    assert.equal(kubectl.error, undefined, 'kubectl is not on PATH: these fixtures are compared with `kubectl kustomize` live');
    assert.equal(kubectl.status, 0, kubectl.stderr);
  });
  if (kubectl.error || kubectl.status !== 0) return;

  const files = directoryFiles(FIXTURES);
  const cases = fs.readdirSync(FIXTURES).filter((name) => fs.statSync(path.join(FIXTURES, name)).isDirectory());

  it('has a fixture per feature', () => assert.ok(cases.length >= 20, `only ${cases.length} fixtures`));

  for (const name of cases) {
    it(name, () => {
      const live = spawnSync('kubectl', ['kustomize', name], { cwd: FIXTURES, encoding: 'utf8', timeout: 60_000 });
      const build = buildKustomization(files, name);
      if (live.status !== 0) {
        assert.ok(name.startsWith('error-'), `kubectl failed on ${name}: ${live.stderr}`);
        assert.ok(build.error, `kubectl kustomize fails (${live.stderr.trim().split('\n').pop() ?? ''}), so must the build`);
        assert.equal(build.error.unsupported, false);
        assert.ok(build.error.file.startsWith(name), `the error points into the fixture: ${build.error.file}`);
        return;
      }
      assert.equal(build.error, undefined, build.error?.message);
      const expected = objects(live.stdout);
      const built = objects(build.rendered?.text ?? '');
      assert.deepEqual(built.keys, expected.keys, 'the same objects in the same order');
      for (const [key, object] of expected.byKey) assert.deepStrictEqual(built.byKey.get(key), object, key);
    });
  }
});
