// The command line, run as a user runs it: `node dist/cli.js ...`.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { DEPLOYMENT, ROOT, cli as runCli, type Run } from './helpers';

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: "1"
`;

/** This file's own hang guard, tighter than the shared helper's default. */
function cli(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  return runCli(args, { ...options, timeout: 60_000 });
}

interface JsonRecord {
  file: string;
  rule: string;
  severity: string;
  message: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  docIndex: number;
  kind?: string;
  name?: string;
  namespace?: string;
  container?: string;
  reason?: string;
}

describe('CLI', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-cli-'));
    const write = (rel: string, content: string | Buffer): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    };
    write('tree/b/deploy.yaml', DEPLOYMENT);
    write('tree/a/config.yml', CONFIGMAP);
    write('tree/a/notes.txt', DEPLOYMENT); // not YAML by name: skipped in directories
    write('tree/node_modules/pkg/deploy.yaml', DEPLOYMENT);
    write('tree/.git/deploy.yaml', DEPLOYMENT);
    write('clean/config.yaml', CONFIGMAP);
    write('utf16le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DEPLOYMENT, 'utf16le')]));
    const be = Buffer.from(DEPLOYMENT, 'utf16le');
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    write('utf16be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    write('bom8.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DEPLOYMENT, 'utf8')]));
    write('broken.yaml', `${CONFIGMAP}---\nkey: [unclosed\n`);
    write('helm.yaml', DEPLOYMENT.replace('replicas: 3', 'replicas: {{ .Values.replicas }}'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('text output: file:line:col severity rule-id message, then a summary; exit 1 on warnings', () => {
    const run = cli([path.join(dir, 'tree', 'b', 'deploy.yaml')]);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    const findings = lines.slice(0, -1);
    const file = path.join(dir, 'tree', 'b', 'deploy.yaml');
    for (const line of findings) {
      assert.match(line, /^(.+):(\d+):(\d+) (error|warning|info|hint) ([a-z-]+) \S.*$/, line);
      assert.ok(line.startsWith(`${file}:`), line);
    }
    // The container's `name: web` entry is line 17, column 11 (1-based).
    assert.ok(
      findings.some((l) => l.startsWith(`${file}:17:11 warning readiness-probe-missing `)),
      run.stdout,
    );
    assert.ok(
      findings.some((l) => l.startsWith(`${file}:2:1 `) && l.includes(' rolling-update-unavailable ')),
      run.stdout,
    );
    assert.match(lines[lines.length - 1], /^Checked 1 file: \d+ problems? \(/);
  });

  it('--format json: one record per finding with 1-based positions, docIndex, kind, name, namespace, container', () => {
    const run = cli(['--format', 'json', path.join(dir, 'tree', 'b', 'deploy.yaml')]);
    assert.equal(run.status, 1, run.stderr);
    const records = JSON.parse(run.stdout) as JsonRecord[];
    assert.ok(Array.isArray(records) && records.length >= 4);
    const readiness = records.find((r) => r.rule === 'readiness-probe-missing');
    assert.deepEqual(readiness && { ...readiness, message: typeof readiness.message }, {
      file: path.join(dir, 'tree', 'b', 'deploy.yaml'),
      rule: 'readiness-probe-missing',
      severity: 'warning',
      message: 'string',
      startLine: 17,
      startColumn: 11,
      endLine: 17,
      endColumn: 20,
      docIndex: 0,
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      container: 'web',
    });
    const rollout = records.find((r) => r.rule === 'rolling-update-unavailable');
    assert.equal(rollout?.container, undefined, 'no container on object-level findings');
    assert.deepEqual([rollout?.startLine, rollout?.startColumn, rollout?.endLine, rollout?.endColumn], [2, 1, 2, 17]);
  });

  it('exit 0 and a clean summary when nothing is at warning or above', () => {
    const run = cli([path.join(dir, 'clean')]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, 'Checked 1 file: no problems.\n');
  });

  it('--rule overrides: turning warnings off or down to info gives exit 0', () => {
    const file = path.join(dir, 'tree', 'b', 'deploy.yaml');
    const all = JSON.parse(cli(['--format=json', file]).stdout) as JsonRecord[];
    const atWarning = [...new Set(all.filter((r) => r.severity === 'warning' || r.severity === 'error').map((r) => r.rule))];
    assert.ok(atWarning.length > 0);
    const args = atWarning.flatMap((rule, i) => ['--rule', `${rule}=${i % 2 ? 'off' : 'info'}`]);
    const run = cli(['--format', 'json', ...args, file]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const records = JSON.parse(run.stdout) as JsonRecord[];
    for (const [i, rule] of atWarning.entries()) {
      const found = records.filter((r) => r.rule === rule);
      if (i % 2) assert.equal(found.length, 0, `${rule} off`);
      else assert.ok(found.length > 0 && found.every((r) => r.severity === 'info'), `${rule} at info`);
    }
  });

  it('directories recurse into *.yaml/*.yml, skip node_modules and .git, and output is sorted', () => {
    const run = cli(['--format', 'json', path.join(dir, 'tree')]);
    const records = JSON.parse(run.stdout) as JsonRecord[];
    const files = [...new Set(records.map((r) => path.relative(dir, r.file)))];
    assert.deepEqual(files, [path.join('tree', 'b', 'deploy.yaml')]);
    const text = cli([path.join(dir, 'tree')]);
    assert.match(text.stdout, /Checked 2 files:/);
    // Sorted: given in reverse order, files still come out in path order.
    const both = cli([path.join(dir, 'utf16le.yaml'), path.join(dir, 'bom8.yaml')]);
    const order = [
      ...new Set(
        both.stdout
          .split('\n')
          .filter((l) => l.includes('.yaml:'))
          .map((l) => path.basename(l.split(':')[0])),
      ),
    ];
    assert.deepEqual(order, ['bom8.yaml', 'utf16le.yaml']);
  });

  it('decodes UTF-16LE, UTF-16BE and UTF-8 with a BOM like plain UTF-8', () => {
    const expected = (JSON.parse(cli(['-f', 'json', path.join(dir, 'tree', 'b', 'deploy.yaml')]).stdout) as JsonRecord[]).map(
      (r) => `${r.rule}@${r.startLine}:${r.startColumn}`,
    );
    for (const name of ['utf16le.yaml', 'utf16be.yaml', 'bom8.yaml']) {
      const run = cli(['-f', 'json', path.join(dir, name)]);
      const got = (JSON.parse(run.stdout) as JsonRecord[]).map((r) => `${r.rule}@${r.startLine}:${r.startColumn}`);
      assert.deepEqual(got, expected, `${name}: ${run.stdout}`);
    }
  });

  it('decodes the UTF-16LE (CRLF) file of the shared corpus', (t) => {
    const file = path.join(ROOT, '..', 'shared', 'corpus', 'files', 'dotnet-architecture__eShopOnContainers__k8s__nginx-ingress__cm.yaml');
    if (!fs.existsSync(file)) {
      t.skip('../shared/corpus not present');
      return;
    }
    const run = cli(['-f', 'json', file]);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.deepEqual(
      (JSON.parse(run.stdout) as JsonRecord[]).filter((r) => r.rule === 'not-checked'),
      [],
    );
  });

  it('reports documents it did not check; Helm templates only with --verbose', () => {
    const broken = cli([path.join(dir, 'broken.yaml')]);
    assert.equal(broken.status, 0, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /broken\.yaml:\d+:\d+ info not-checked \S/);
    assert.match(broken.stdout, /1 document not checked/);

    const quiet = cli([path.join(dir, 'helm.yaml')]);
    assert.equal(quiet.status, 0, quiet.stdout);
    assert.doesNotMatch(quiet.stdout, /not-checked/);
    assert.match(quiet.stdout, /1 document not checked \(1 Helm template: --verbose lists them\)\.\n$/);
    const verbose = cli(['--verbose', path.join(dir, 'helm.yaml')]);
    assert.match(verbose.stdout, /helm\.yaml:\d+:\d+ info not-checked \S/);
  });

  it('reads standard input for "-"', () => {
    const run = cli(['-f', 'json', '-'], { input: DEPLOYMENT });
    assert.equal(run.status, 1, run.stderr);
    const records = JSON.parse(run.stdout) as JsonRecord[];
    assert.ok(records.some((r) => r.file === '<stdin>' && r.rule === 'readiness-probe-missing'));
  });

  it('exit 2 on usage errors: unknown option, no path, missing path, unknown rule id, bad severity', () => {
    for (const args of [
      ['--bogus', 'x.yaml'],
      [],
      [path.join(dir, 'does-not-exist.yaml')],
      ['--rule', 'no-such-rule=off', dir],
      ['--rule', 'readiness-probe-missing=loud', dir],
      ['--format', 'xml', dir],
    ]) {
      const run = cli(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.equal(run.stdout, '', 'nothing on stdout');
      assert.match(run.stderr, /^kube-zero-downtime: /);
    }
  });

  it('--help documents the options and exit codes; --version prints the package version', () => {
    const help = cli(['--help']);
    assert.equal(help.status, 0);
    for (const text of ['--format', '--rule', '--verbose', 'Exit codes', '0 ', '1 ', '2 ']) assert.ok(help.stdout.includes(text), text);
    const version = cli(['--version']);
    assert.equal(version.status, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });
});
