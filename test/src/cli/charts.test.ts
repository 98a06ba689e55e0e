// Helm charts on the command line: a chart folder is rendered and judged; findings carry the template file and
// line, the rendered template and the values sets, in text, JSON and SARIF; --values/--set/--set-string make a
// values set, --helm-ci-values adds chart-testing's, --helm=off leaves charts out; --fix edits templates and
// values files; the config file's helm: section applies.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, removeTrees, ROOT, tree } from './helpers';

interface Record_ {
  file: string;
  rule: string;
  severity: string;
  message: string;
  startLine: number;
  container?: string;
  template?: string;
  valuesSets?: string[];
  reason?: string;
  related?: { file: string; line: number; message: string }[];
}

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'charts');
const json = (stdout: string): Record_[] => JSON.parse(stdout) as Record_[];

/** A copy of fixture charts in a temporary folder (to fix, or to add a config file to). */
function copyOf(names: string[], extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { ...extra };
  for (const name of names) {
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(FIXTURES, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(rel);
        else files[rel] = fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
      }
    };
    walk(name);
  }
  return tree(files, 'kzd-charts-');
}

describe('CLI: Helm charts', () => {
  after(removeTrees);

  it('a chart folder is rendered and judged: findings at template and helper lines, with template and values sets', () => {
    const run = cli(['-f', 'json', 'web'], { cwd: FIXTURES });
    assert.equal(run.status, 1, run.stderr);
    const records = json(run.stdout);
    const single = records.find((r) => r.rule === 'single-replica');
    assert.deepEqual(single && [single.file, single.startLine, single.template, single.valuesSets], [
      path.join('web', 'templates', 'deployment.yaml'),
      8,
      'web/templates/deployment.yaml',
      ['default values'],
    ]);
    assert.deepEqual(
      single?.related?.map((r) => [r.file, r.line, r.message]),
      [[path.join('web', 'values.yaml'), 2, "with values.yaml's `replicaCount: 1`"]],
    );
    const sidecar = records.find((r) => r.rule === 'readiness-probe-missing' && r.container === 'log-shipper');
    assert.deepEqual(sidecar && [sidecar.file, sidecar.startLine], [path.join('web', 'templates', '_helpers.tpl'), 11]);
    assert.ok(!records.some((r) => r.file.endsWith('values.yaml') || r.file.endsWith('Chart.yaml')));
    const text = cli(['web'], { cwd: FIXTURES });
    assert.match(
      text.stdout,
      /^web[\\/]templates[\\/]deployment\.yaml:8:3 info single-replica .* \(with values\.yaml's `replicaCount: 1` at web[\\/]values\.yaml:2:1\)$/m,
    );
    assert.match(text.stdout, /^Checked 2 files: /m);
  });

  it('--values, --set and --set-string make one more values set; findings of one set only say which', () => {
    const run = cli(
      [
        '-f',
        'json',
        '--values',
        'web/ci/two-replicas-values.yaml',
        '--set',
        'sidecar.enabled=false',
        '--set-string',
        'image.tag=1.28',
        'web',
      ],
      {
        cwd: FIXTURES,
      },
    );
    const records = json(run.stdout);
    const set = `${path.join('web', 'ci', 'two-replicas-values.yaml')} + --set sidecar.enabled=false + --set-string image.tag=1.28`;
    const single = records.find((r) => r.rule === 'single-replica');
    assert.deepEqual(single?.valuesSets, ['default values']);
    assert.match(single?.message ?? '', /\(only with default values\)$/);
    const pdb = records.find((r) => r.rule === 'pdb-missing');
    assert.deepEqual(pdb?.valuesSets, [set]);
    const readiness = records.find((r) => r.rule === 'readiness-probe-missing' && r.container === 'web');
    assert.deepEqual(readiness?.valuesSets, ['default values', set]);
  });

  it("--helm-ci-values judges each ci/*-values.yaml too; --helm=off leaves the chart's templates out", () => {
    const ci = json(cli(['-f', 'json', '--helm-ci-values', 'web'], { cwd: FIXTURES }).stdout);
    assert.deepEqual(ci.find((r) => r.rule === 'pdb-missing')?.valuesSets, ['ci/two-replicas-values.yaml']);
    const off = cli(['-f', 'json', '--helm=off', 'web'], { cwd: FIXTURES });
    assert.deepEqual(json(off.stdout), []);
  });

  it('a chart template given by name judges its chart and reports that file', () => {
    const records = json(cli(['-f', 'json', path.join('web', 'templates', '_helpers.tpl')], { cwd: FIXTURES }).stdout);
    assert.ok(records.length > 0);
    assert.deepEqual([...new Set(records.map((r) => r.file))], [path.join('web', 'templates', '_helpers.tpl')]);
  });

  it("what Helm refuses is reported as not-checked at the template's line, in Helm's words", () => {
    const records = json(cli(['-f', 'json', 'broken', 'schema-error'], { cwd: FIXTURES }).stdout);
    const notChecked = records.filter((r) => r.rule === 'not-checked').map((r) => [r.file, r.startLine, r.reason]);
    assert.deepEqual(notChecked, [
      [path.join('broken', 'templates', 'fail.yaml'), 2, 'template-error'],
      [path.join('broken', 'templates', 'not-yaml.yaml'), 6, 'yaml-error'],
      [path.join('broken', 'templates', 'parse-error.yaml'), 7, 'template-error'],
      [path.join('broken', 'templates', 'required.yaml'), 6, 'template-error'],
      [path.join('broken', 'templates', 'unsupported.yaml'), 4, 'template-error'],
      [path.join('schema-error', 'values.yaml'), 1, 'chart-error'],
    ]);
    assert.match(
      records.find((r) => r.file.endsWith('required.yaml'))?.message ?? '',
      /execution error at \(broken\/templates\/required\.yaml:6:12\): image\.repository is required/,
    );
    assert.ok(records.some((r) => r.rule === 'readiness-probe-missing' && r.file === path.join('broken', 'templates', 'deployment.yaml')));
  });

  it('SARIF: template locations, the values entry as a related location, a fix that edits values.yaml', () => {
    const run = cli(['-f', 'sarif', 'web'], { cwd: FIXTURES });
    const sarif = JSON.parse(run.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          relatedLocations?: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
            message: { text: string };
          }[];
          properties?: { template?: string; valuesSets?: string[]; container?: string };
          fixes?: { artifactChanges: { artifactLocation: { uri: string } }[] }[];
        }[];
      }[];
    };
    const results = sarif.runs[0].results;
    const unavailable = results.find((r) => r.ruleId === 'rolling-update-unavailable');
    assert.ok(unavailable);
    assert.equal(unavailable.locations[0].physicalLocation.artifactLocation.uri, 'web/templates/deployment.yaml');
    assert.equal(unavailable.locations[0].physicalLocation.region.startLine, 11);
    assert.deepEqual(unavailable.properties?.valuesSets, ['default values']);
    assert.equal(unavailable.properties?.template, 'web/templates/deployment.yaml');
    assert.deepEqual(
      unavailable.relatedLocations?.map((r) => [
        r.physicalLocation.artifactLocation.uri,
        r.physicalLocation.region.startLine,
        r.message.text,
      ]),
      [['web/values.yaml', 21, "with values.yaml's `maxUnavailable: 1`"]],
    );
    assert.deepEqual(
      unavailable.fixes?.[0].artifactChanges.map((c) => c.artifactLocation.uri),
      ['web/values.yaml'],
    );
  });

  it('--fix writes the safe fixes into the templates and values files; judged again, they are gone', () => {
    const dir = copyOf(['web']);
    const before = json(cli(['-f', 'json', 'web'], { cwd: dir }).stdout);
    const fixed = cli(['--fix', 'web'], { cwd: dir });
    assert.match(fixed.stdout, /^Fixed web[\\/]templates[\\/]deployment\.yaml: \d+ fix/m);
    const values = fs.readFileSync(path.join(dir, 'web', 'values.yaml'), 'utf8');
    assert.match(values, /^ {4}maxUnavailable: 0$/m);
    assert.match(values, /^readinessProbe:\n {2}tcpSocket:\n {4}port: http\n/m);
    assert.match(fs.readFileSync(path.join(dir, 'web', 'templates', '_helpers.tpl'), 'utf8'), /- containerPort: 9000\n {2}\S/);
    const after = json(cli(['-f', 'json', 'web'], { cwd: dir }).stdout);
    assert.ok(after.length < before.length, `${after.length} < ${before.length}`);
    assert.ok(
      !after.some((r) => r.rule === 'rolling-update-unavailable' || (r.rule === 'readiness-probe-missing' && r.container === 'web')),
    );
    // A second run has nothing left to apply.
    const again = cli(['--fix', 'web'], { cwd: dir });
    assert.doesNotMatch(again.stdout, /^Fixed/m);
  });

  it('--fix-dry-run shows the diff of each file and changes none', () => {
    const dir = copyOf(['web']);
    const run = cli(['--fix-dry-run', 'web'], { cwd: dir });
    assert.match(run.stdout, /^--- a\/web\/values\.yaml\n\+\+\+ b\/web\/values\.yaml$/m);
    assert.match(run.stdout, /^-readinessProbe: \{\}$/m);
    assert.equal(
      fs.readFileSync(path.join(dir, 'web', 'values.yaml'), 'utf8'),
      fs.readFileSync(path.join(FIXTURES, 'web', 'values.yaml'), 'utf8'),
    );
  });

  it("the config file's helm: section names values files and ci values sets; a bad entry stops the run", () => {
    const dir = copyOf(['web'], {
      '.git/HEAD': '',
      '.kube-zero-downtime.yaml': 'helm:\n  valuesFiles: [ci/two-replicas-values.yaml]\n  ciValues: true\n',
    });
    const records = json(cli(['-f', 'json', 'web'], { cwd: dir }).stdout);
    assert.deepEqual(records.find((r) => r.rule === 'pdb-missing')?.valuesSets, ['ci/two-replicas-values.yaml']);
    const bad = tree({ '.git/HEAD': '', '.kube-zero-downtime.yaml': 'helm:\n  valuesFile: [x.yaml]\n', 'a.yaml': 'a: 1\n' });
    const run = cli(['a.yaml'], { cwd: bad });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown helm option "valuesFile" \(did you mean "valuesFiles"\?\)/);
  });
});
