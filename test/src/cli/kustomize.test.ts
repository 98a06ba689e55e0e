// Kustomize on the command line (issue 13): a directory holding root kustomizations is judged as builds, with
// findings printed at their origin in bases, patches and kustomizations and the roots named; --kustomize=off
// judges every file alone; --kustomize-root judges one root; JSON and SARIF carry the roots; --fix edits and
// creates the files the build fixes name. Projects come from test/fixtures/kustomize-judge (copied before a fix).
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { after, describe, it } from 'node:test';
import { cli, removeTrees, ROOT, sarifValidator, tree } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'kustomize-judge');

/** A throwaway copy of a fixture project (fixes write to it). */
function copy(name: string): string {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
    }
  };
  walk(path.join(FIXTURES, name), '');
  return tree(files, 'kzd-kustomize-');
}

interface JsonRecord {
  file: string;
  rule: string;
  message: string;
  startLine: number;
  roots?: string[];
  reason?: string;
}

describe('CLI: Kustomize roots judged as builds', () => {
  after(removeTrees);

  it('prints findings at their origin, naming the roots; the base its overlays complete is silent', () => {
    const run = cli(['.'], { cwd: path.join(FIXTURES, 'shop') });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      'overlays/staging/rollout.yaml:9:7 info rolling-update-unavailable In overlays/staging: maxUnavailable: 50% lets 2 of the 4 replicas stop serving during a rollout (2 keep serving). Set maxUnavailable: 0 with maxSurge ≥ 1 to keep full capacity.\n' +
        'Checked 8 files: 1 problem (0 errors, 0 warnings, 1 info).\n',
    );
  });

  it('--kustomize=off judges every file alone (the base gets the warnings its overlays answer)', () => {
    const run = cli(['--kustomize=off', '.'], { cwd: path.join(FIXTURES, 'shop') });
    assert.equal(run.status, 1);
    const rules = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('base/deployment.yaml'))
      .map((line) => line.split(' ')[2]);
    assert.deepEqual(rules.sort(), ['prestop-hook-missing', 'readiness-probe-missing', 'rolling-update-unavailable']);
  });

  it('--kustomize-root judges one root, and prints what it finds in a base outside the paths given', () => {
    const run = cli(['--format', 'json', '--kustomize-root', 'missing-in-one/overlays/staging'], { cwd: FIXTURES });
    assert.equal(run.status, 1, run.stderr);
    const records = JSON.parse(run.stdout) as JsonRecord[];
    assert.deepEqual(
      records.map((r) => `${r.file}:${r.startLine} ${r.rule} ${JSON.stringify(r.roots)}`),
      ['missing-in-one/base/deployment.yaml:22 readiness-probe-missing ["missing-in-one/overlays/staging"]'],
    );
    const bad = cli(['--kustomize-root', 'missing-in-one/base/nothing-here'], { cwd: FIXTURES });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no kustomization file in missing-in-one\/base\/nothing-here/);
  });

  it('JSON and SARIF carry the roots; SARIF fixes name the files they edit', () => {
    const json = JSON.parse(cli(['--format', 'json', '.'], { cwd: path.join(FIXTURES, 'missing-in-all') }).stdout) as JsonRecord[];
    assert.equal(json.length, 1);
    assert.deepEqual(json[0].roots, ['overlays/prod', 'overlays/staging']);
    const run = cli(['--format', 'sarif', '.'], { cwd: path.join(FIXTURES, 'missing-in-one') });
    const sarif = JSON.parse(run.stdout) as { runs: { results: Record<string, unknown>[] }[] };
    assert.equal(sarifValidator()(sarif), undefined);
    const [result] = sarif.runs[0].results as {
      properties: { roots: string[] };
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      fixes: { artifactChanges: { artifactLocation: { uri: string } }[] }[];
    }[];
    assert.deepEqual(result.properties.roots, ['overlays/staging']);
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'base/deployment.yaml');
    assert.deepEqual(result.fixes[0].artifactChanges.map((change) => change.artifactLocation.uri).sort(), [
      'overlays/staging/api-zero-downtime-patch.yaml',
      'overlays/staging/kustomization.yaml',
    ]);
  });

  it('--fix writes the new patch of the overlay and lists it in its kustomization; --fix-dry-run only shows it', () => {
    const dir = copy('missing-in-one');
    const dry = cli(['--fix-dry-run', '.'], { cwd: dir });
    assert.match(dry.stdout, /\+\+\+ b\/overlays\/staging\/api-zero-downtime-patch\.yaml/);
    assert.match(dry.stdout, /\+ {2}- path: api-zero-downtime-patch\.yaml/);
    assert.ok(!fs.existsSync(path.join(dir, 'overlays/staging/api-zero-downtime-patch.yaml')), 'a dry run writes nothing');
    const fixed = cli(['--fix', '.'], { cwd: dir });
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.match(
      fixed.stdout,
      /^Fixed overlays\/staging\/api-zero-downtime-patch\.yaml \(new file\): 1 fix \(readiness-probe-missing ×1\)$/m,
    );
    assert.match(fixed.stdout, /^Fixed overlays\/staging\/kustomization\.yaml: 1 fix \(readiness-probe-missing ×1\)$/m);
    assert.match(
      fs.readFileSync(path.join(dir, 'overlays/staging/kustomization.yaml'), 'utf8'),
      /\npatches:\n {2}- path: api-zero-downtime-patch\.yaml\n?$/,
    );
    assert.match(
      fs.readFileSync(path.join(dir, 'overlays/staging/api-zero-downtime-patch.yaml'), 'utf8'),
      /readinessProbe:\n {12}tcpSocket:/,
    );
    const again = cli(['.'], { cwd: dir });
    assert.equal(again.stdout, 'Checked 7 files: no problems.\n', 'nothing left, in either root');
  });

  it('--fix writes only inside the paths given: a base outside them is reported, not changed', () => {
    const dir = copy('missing-in-all');
    const before = fs.readFileSync(path.join(dir, 'base/deployment.yaml'), 'utf8');
    const run = cli(['--fix', 'overlays/prod'], { cwd: dir });
    assert.equal(run.status, 2, run.stdout);
    assert.match(run.stderr, /^base\/deployment\.yaml: not fixed: it is outside the paths given/m);
    assert.equal(fs.readFileSync(path.join(dir, 'base/deployment.yaml'), 'utf8'), before);
    assert.match(run.stdout, /^base\/deployment\.yaml:22:11 warning readiness-probe-missing In overlays\/prod: /m, 'still reported');
  });

  it('a root that cannot be built: one notice on its kustomization, its files judged alone', () => {
    const run = cli(['--format', 'json', '.'], { cwd: path.join(FIXTURES, 'unbuildable') });
    const records = JSON.parse(run.stdout) as JsonRecord[];
    const notice = records.find((r) => r.rule === 'not-checked');
    assert.equal(notice?.reason, 'kustomize-error');
    assert.equal(notice?.file, 'remote/kustomization.yaml');
    assert.match(notice?.message ?? '', /^Kustomize root remote was not built, so its files are judged alone: /);
    assert.ok(records.some((r) => r.file === 'remote/deployment.yaml' && r.rule === 'readiness-probe-missing' && r.roots === undefined));
  });
});
