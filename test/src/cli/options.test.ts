// The CLI's config file handling, globs, Helm chart folders, stdin with a file name, and --max-warnings.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, DEPLOYMENT, removeTrees, tree } from './helpers';

interface JsonRecord {
  file: string;
  rule: string;
  severity: string;
}

const json = (stdout: string): JsonRecord[] => JSON.parse(stdout) as JsonRecord[];
const rulesOf = (records: JsonRecord[]): string[] => [...new Set(records.map((r) => r.rule))].sort();

describe('CLI: config file', () => {
  after(removeTrees);

  it('found by walking up from each file, stopping at the repository root', () => {
    const dir = tree({
      'outer/.kube-zero-downtime.yaml': 'rules:\n  prestop-hook-missing: off\n',
      'outer/repo/.git/HEAD': 'ref: refs/heads/main\n',
      'outer/repo/.kube-zero-downtime.yaml': 'rules:\n  readiness-probe-missing: off\n  liveness-probe-missing: error\n',
      'outer/repo/apps/web/deploy.yaml': DEPLOYMENT,
      'outer/repo/apps/api/.kube-zero-downtime.yml': 'rules:\n  rolling-update-unavailable: off\n',
      'outer/repo/apps/api/deploy.yaml': DEPLOYMENT,
    });
    const repo = path.join(dir, 'outer', 'repo');
    const records = json(cli(['-f', 'json', 'apps'], { cwd: repo }).stdout);
    const web = records.filter((r) => r.file === path.join('apps', 'web', 'deploy.yaml'));
    const api = records.filter((r) => r.file === path.join('apps', 'api', 'deploy.yaml'));
    assert.ok(!rulesOf(web).includes('readiness-probe-missing'), 'the repository config applies');
    assert.ok(
      web.filter((r) => r.rule === 'liveness-probe-missing').every((r) => r.severity === 'error') &&
        web.some((r) => r.rule === 'liveness-probe-missing'),
    );
    assert.ok(rulesOf(web).includes('prestop-hook-missing'), 'the config above the repository root does not apply');
    assert.ok(!rulesOf(api).includes('rolling-update-unavailable'), 'the nearest config applies');
    assert.ok(rulesOf(api).includes('readiness-probe-missing'), 'configs are not merged: only the nearest one applies');
  });

  it('an invalid config: file:line:col: message on stderr, exit 2, nothing checked', () => {
    const dir = tree({
      '.git/HEAD': '',
      '.kube-zero-downtime.yaml': 'rules:\n  readiness-probe-misssing: off\n  recreate-strategy: loud\nignore: vendor\n',
      'deploy.yaml': DEPLOYMENT,
    });
    const run = cli(['.'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      [
        '.kube-zero-downtime.yaml:2:3: unknown rule id "readiness-probe-misssing" (did you mean "readiness-probe-missing"?)',
        '.kube-zero-downtime.yaml:3:22: bad severity "loud" for rule "recreate-strategy": use error, warning, information, hint, off or default',
        '.kube-zero-downtime.yaml:4:9: "ignore" must be a list of glob patterns, e.g. ["vendor/**", "*.generated.yaml"]',
        'kube-zero-downtime: invalid config file; nothing was checked.',
        '',
      ].join('\n'),
    );
    const missing = cli(['--config', 'nope.yaml', '.'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^nope\.yaml:1:1: cannot read the config file: no such file\n/);
  });

  it('--config uses one file for everything, --no-config none; --rule wins over the config', () => {
    const dir = tree({
      '.git/HEAD': '',
      '.kube-zero-downtime.yaml': 'rules:\n  readiness-probe-missing: off\n',
      'other.yaml': 'rules:\n  prestop-hook-missing: off\n',
      'deploy.yaml': DEPLOYMENT,
    });
    assert.ok(!rulesOf(json(cli(['-f', 'json', 'deploy.yaml'], { cwd: dir }).stdout)).includes('readiness-probe-missing'));
    const other = rulesOf(json(cli(['-f', 'json', '--config', 'other.yaml', 'deploy.yaml'], { cwd: dir }).stdout));
    assert.ok(other.includes('readiness-probe-missing') && !other.includes('prestop-hook-missing'));
    assert.ok(rulesOf(json(cli(['-f', 'json', '--no-config', 'deploy.yaml'], { cwd: dir }).stdout)).includes('readiness-probe-missing'));
    const explicit = json(cli(['-f', 'json', '--rule', 'readiness-probe-missing=error', 'deploy.yaml'], { cwd: dir }).stdout);
    assert.ok(explicit.some((r) => r.rule === 'readiness-probe-missing' && r.severity === 'error'));
    assert.equal(cli(['--config', 'other.yaml', '--no-config', 'deploy.yaml'], { cwd: dir }).status, 2);
  });

  it('ignore patterns skip files (also when named on the command line), relative to the config; --verbose lists them', () => {
    const dir = tree({
      '.git/HEAD': '',
      '.kube-zero-downtime.yaml': 'ignore:\n  - legacy/\n  - "*.generated.yaml"\n',
      'apps/deploy.yaml': DEPLOYMENT,
      'apps/deploy.generated.yaml': DEPLOYMENT,
      'legacy/deploy.yaml': DEPLOYMENT,
    });
    const run = cli(['.'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.ok(!run.stdout.includes('legacy') && !run.stdout.includes('generated'), run.stdout);
    assert.match(run.stdout, /Checked 1 file: .* 2 files ignored by the config file\.\n$/);
    const named = cli([path.join('legacy', 'deploy.yaml')], { cwd: dir });
    assert.equal(named.status, 0, named.stdout);
    assert.match(named.stdout, /^Checked 0 files: no problems\. 1 file ignored by the config file\.\n$/);
    const verbose = cli(['--verbose', '.'], { cwd: dir });
    assert.ok(verbose.stdout.includes(`${path.join('legacy', 'deploy.yaml')}: ignored (.kube-zero-downtime.yaml)`), verbose.stdout);
  });

  it('fix values from the config are what --fix writes', () => {
    const dir = tree({ '.git/HEAD': '', '.kube-zero-downtime.yaml': 'fixes:\n  preStopSleepSeconds: 7\n', 'deploy.yaml': DEPLOYMENT });
    const run = cli(['--fix-dry-run', 'deploy.yaml'], { cwd: dir });
    assert.match(run.stdout, /^\+ +seconds: 7$/m, run.stdout);
  });
});

describe('CLI: inputs', () => {
  after(removeTrees);

  it('quoted globs are expanded (skipping node_modules and .git); a glob matching nothing is a usage error', () => {
    const dir = tree({
      'deploy/a/web.yaml': DEPLOYMENT,
      'deploy/b/api.yml': DEPLOYMENT,
      'deploy/b/notes.txt': DEPLOYMENT,
      'deploy/node_modules/x/web.yaml': DEPLOYMENT,
      'other/web.yaml': DEPLOYMENT,
    });
    const files = (args: string[]): string[] =>
      [...new Set(json(cli(['-f', 'json', ...args], { cwd: dir }).stdout).map((r) => r.file))].sort();
    assert.deepEqual(files(['deploy/**/*.yaml']), [path.join('deploy', 'a', 'web.yaml')]);
    assert.deepEqual(files(['deploy/**/*.{yaml,yml}']), [path.join('deploy', 'a', 'web.yaml'), path.join('deploy', 'b', 'api.yml')]);
    assert.deepEqual(files(['*/*/web.yaml']), [path.join('deploy', 'a', 'web.yaml')]);
    assert.deepEqual(files([path.join(dir, 'other', '*.yaml')]), [path.join(dir, 'other', 'web.yaml')]);
    const none = cli(['deploy/**/*.json'], { cwd: dir });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no files match deploy\/\*\*\/\*\.json/);
  });

  it('with --helm=off, skips the templates/ folder of a Helm chart in directories (not a templates folder elsewhere)', () => {
    const dir = tree({
      'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'chart/values.yaml': 'replicas: 3\n',
      'chart/templates/deployment.yaml': DEPLOYMENT,
      'plain/templates/deployment.yaml': DEPLOYMENT,
    });
    const run = cli(['-f', 'json', '--helm=off', '.'], { cwd: dir });
    assert.deepEqual([...new Set(json(run.stdout).map((r) => r.file))], [path.join('plain', 'templates', 'deployment.yaml')]);
    const verbose = cli(['--verbose', '--helm', 'off', '.'], { cwd: dir });
    assert.ok(verbose.stdout.includes(`${path.join('chart', 'templates')}: Helm chart templates folder, not checked`), verbose.stdout);
    // By default the chart is rendered and judged: its template is reported, its values file is not linted as a manifest.
    const judged = [...new Set(json(cli(['-f', 'json', '.'], { cwd: dir }).stdout).map((r) => r.file))].sort();
    assert.deepEqual(judged, [path.join('chart', 'templates', 'deployment.yaml'), path.join('plain', 'templates', 'deployment.yaml')]);
  });

  it('stdin with --stdin-filename: shown under that name, config and ignore apply to it', () => {
    const dir = tree({ '.git/HEAD': '', '.kube-zero-downtime.yaml': 'rules:\n  readiness-probe-missing: off\nignore: [legacy/]\n' });
    const run = cli(['-f', 'json', '--stdin-filename', 'apps/web.yaml', '-'], { cwd: dir, input: DEPLOYMENT });
    const records = json(run.stdout);
    assert.ok(records.length > 0 && records.every((r) => r.file === 'apps/web.yaml'));
    assert.ok(!rulesOf(records).includes('readiness-probe-missing'));
    const ignored = cli(['--stdin-filename', 'legacy/web.yaml', '-'], { cwd: dir, input: DEPLOYMENT });
    assert.equal(ignored.status, 0);
    assert.match(ignored.stdout, /1 file ignored/);
    assert.equal(cli(['--stdin-filename', 'x.yaml', 'file.yaml'], { cwd: dir }).status, 2, '--stdin-filename needs -');
    assert.equal(cli(['--fix', '-'], { cwd: dir, input: DEPLOYMENT }).status, 2, '--fix cannot write to stdin');
  });

  it('--max-warnings: warnings fail only above the limit; errors always fail; -1 allows any number', () => {
    const dir = tree({ 'deploy.yaml': DEPLOYMENT });
    const warnings = json(cli(['-f', 'json', 'deploy.yaml'], { cwd: dir }).stdout).filter((r) => r.severity === 'warning').length;
    const errors = json(cli(['-f', 'json', 'deploy.yaml'], { cwd: dir }).stdout).filter((r) => r.severity === 'error').length;
    assert.ok(warnings >= 2 && errors === 0, `${warnings} warnings, ${errors} errors`);
    assert.equal(cli(['--max-warnings', String(warnings), 'deploy.yaml'], { cwd: dir }).status, 0);
    assert.equal(cli(['--max-warnings', String(warnings - 1), 'deploy.yaml'], { cwd: dir }).status, 1);
    assert.equal(cli(['--max-warnings', '-1', 'deploy.yaml'], { cwd: dir }).status, 0);
    assert.equal(cli(['deploy.yaml'], { cwd: dir }).status, 1, 'default 0');
    assert.equal(
      cli(['--max-warnings', '-1', '--rule', 'readiness-probe-missing=error', 'deploy.yaml'], { cwd: dir }).status,
      1,
      'errors always fail',
    );
    for (const bad of ['x', '1.5', '-2', '']) assert.equal(cli(['--max-warnings', bad, 'deploy.yaml'], { cwd: dir }).status, 2, bad);
  });

  it('--help documents the new options and the exit codes', () => {
    const help = cli(['--help']).stdout;
    for (const text of [
      'sarif',
      '--fix ',
      '--fix-dry-run',
      '--max-warnings',
      '--config',
      '--no-config',
      '--stdin-filename',
      '.kube-zero-downtime.yaml',
      'Exit codes',
      'invalid config',
    ]) {
      assert.ok(help.includes(text), text);
    }
  });
});

describe('CLI: --rule-option', () => {
  after(removeTrees);

  it('sets a rule option (requireCpuLimit), validated by the options table', () => {
    const dir = tree({ 'deploy.yaml': DEPLOYMENT });
    const resources = (args: string[]) =>
      json(cli(['-f', 'json', ...args, 'deploy.yaml'], { cwd: dir }).stdout).filter(
        (r) => r.rule === 'resources-missing',
      ) as (JsonRecord & {
        message: string;
      })[];
    assert.ok(resources([]).every((r) => !/cpu limit/.test(r.message)));
    assert.ok(resources(['--rule-option', 'requireCpuLimit=true']).some((r) => /cpu limit/.test(r.message)));
    const bad = cli(['--rule-option', 'requireCpuLimit=yes', 'deploy.yaml'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--rule-option requireCpuLimit must be true or false/);
    assert.match(
      cli(['--rule-option', 'nope=1', 'deploy.yaml'], { cwd: dir }).stderr,
      /with a name among appShutdownSeconds, requireCpuLimit/,
    );
  });
});
