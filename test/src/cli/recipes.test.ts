// The CI recipes of the README, run as documented: the GitHub Actions workflow (docs/ci/github-code-scanning.yml),
// the pre-commit hooks (.pre-commit-hooks.yaml), and plain shell (the one-liner and docs/ci/check.sh). The
// published invocation `npx --yes kube-zero-downtime@<version>` is replaced by the built CLI; everything else
// (arguments, redirections, exit-code handling) runs exactly as written.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { CLI, removeTrees, ROOT, sarifValidator, tree } from './helpers';

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const PUBLISHED = `npx --yes kube-zero-downtime@${VERSION}`;
const LOCAL = `node "${CLI}"`;
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const WORKFLOW_FILE = path.join(ROOT, 'docs', 'ci', 'github-code-scanning.yml');
const CHECK_SCRIPT = path.join(ROOT, 'docs', 'ci', 'check.sh');

const CLEAN = fs.readFileSync(path.join(ROOT, 'examples', 'clean.yaml'), 'utf8');
const HAZARDS = fs.readFileSync(path.join(ROOT, 'examples', 'graceful-shutdown.yaml'), 'utf8');

/** Runs a shell command line as a CI runner would (sh -c), with the published CLI swapped for the built one. */
function sh(command: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  assert.ok(command.includes(PUBLISHED), `the recipe invokes ${PUBLISHED}: ${command}`);
  const result = spawnSync('sh', ['-c', command.split(PUBLISHED).join(LOCAL)], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The fenced block right after `<!-- recipe: name -->` in the README. */
function readmeRecipe(name: string): string {
  const marker = `<!-- recipe: ${name} -->\n`;
  const at = README.indexOf(marker);
  assert.ok(at >= 0, `README has ${marker.trim()}`);
  const match = /^```[a-z]*\n([\s\S]*?)\n```\n/.exec(README.slice(at + marker.length));
  assert.ok(match, `a fenced block follows ${marker.trim()}`);
  return `${match[1]}\n`;
}

const projects = (): { findings: string; clean: string; broken: string } => ({
  findings: tree({ '.git/HEAD': '', 'k8s/app.yaml': HAZARDS, 'k8s/clean.yaml': CLEAN }, 'kzd-recipe-'),
  clean: tree({ '.git/HEAD': '', 'k8s/clean.yaml': CLEAN }, 'kzd-recipe-'),
  broken: tree({ '.git/HEAD': '', '.kube-zero-downtime.yaml': 'rules:\n  no-such-rule: off\n', 'k8s/clean.yaml': CLEAN }, 'kzd-recipe-'),
});

describe('CI recipes', () => {
  after(removeTrees);
  const validate = sarifValidator();

  it('GitHub Actions: the README shows the workflow file; it uploads the SARIF the check step writes', () => {
    const text = fs.readFileSync(WORKFLOW_FILE, 'utf8');
    assert.equal(readmeRecipe('docs/ci/github-code-scanning.yml'), text);
    const workflow = parse(text) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<
        string,
        { 'runs-on': string; steps: { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[] }
      >;
    };
    assert.ok('pull_request' in workflow.on && 'push' in workflow.on);
    assert.equal(workflow.permissions['security-events'], 'write', 'upload-sarif needs security-events: write');
    const [job] = Object.values(workflow.jobs);
    const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    assert.ok(Number(setupNode?.with?.['node-version']) >= 20, 'Node 20 or later (engines.node)');
    const checks = job.steps.filter((step) => step.run?.includes('kube-zero-downtime'));
    assert.equal(checks.length, 1);
    const run = checks[0].run!;
    const redirect = /--format sarif .*> (\S+)$/.exec(run);
    assert.ok(redirect, run);
    const upload = job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'an upload-sarif step');
    assert.equal(upload.with?.sarif_file, redirect[1]);
    assert.ok(job.steps.indexOf(upload) > job.steps.indexOf(checks[0]));
    assert.match(upload.if ?? '', /always\(\)|!cancelled\(\)/, 'uploads even when the check step fails the job');

    const { findings, clean } = projects();
    const failing = sh(run, findings);
    assert.equal(failing.status, 1, failing.stderr);
    const sarif = JSON.parse(fs.readFileSync(path.join(findings, redirect[1]), 'utf8')) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(validate(sarif), undefined);
    assert.ok(
      sarif.runs[0].results.some(
        (r) => r.ruleId === 'grace-period-too-short' && r.locations[0].physicalLocation.artifactLocation.uri === 'k8s/app.yaml',
      ),
    );
    const passing = sh(run, clean);
    assert.equal(passing.status, 0, passing.stderr);
    assert.equal(validate(JSON.parse(fs.readFileSync(path.join(clean, redirect[1]), 'utf8'))), undefined);
  });

  it("pre-commit: the hooks parse, run the package's bin on the staged YAML files, and --fix fixes", () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      name: string;
      entry: string;
      language: string;
      files: string;
      exclude?: string;
    }[];
    assert.deepEqual(
      hooks.map((hook) => hook.id),
      ['kube-zero-downtime', 'kube-zero-downtime-fix'],
    );
    const bin = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);
    const staged = ['k8s/app.yaml', 'k8s/clean.yaml', 'README.md', '.kube-zero-downtime.yaml', 'deploy/x.yml'];
    for (const hook of hooks) {
      assert.ok(hook.name && hook.language === 'node', hook.id);
      const [command] = hook.entry.split(' ');
      assert.deepEqual([command], bin, `${hook.id}: the entry is the package's bin`);
      // pre-commit's file selection (Python regexes; these are valid JavaScript ones too).
      const selected = staged.filter((file) => new RegExp(hook.files).test(file) && !(hook.exclude && new RegExp(hook.exclude).test(file)));
      assert.deepEqual(selected, ['k8s/app.yaml', 'k8s/clean.yaml', 'deploy/x.yml'], hook.id);
    }
    // pre-commit runs `<entry> <files...>`; the bin is dist/cli.js.
    const run = (entry: string, cwd: string, files: string[]): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [CLI, ...entry.split(' ').slice(1), ...files], { cwd, encoding: 'utf8' });
    const { findings, clean } = projects();
    assert.equal(run(hooks[0].entry, findings, ['k8s/app.yaml', 'k8s/clean.yaml']).status, 1);
    assert.equal(run(hooks[0].entry, clean, ['k8s/clean.yaml']).status, 0);
    const before = fs.readFileSync(path.join(findings, 'k8s/app.yaml'), 'utf8');
    const fixed = run(hooks[1].entry, findings, ['k8s/app.yaml']);
    assert.notEqual(
      fs.readFileSync(path.join(findings, 'k8s/app.yaml'), 'utf8'),
      before,
      'the fix hook changed the file (pre-commit then fails the commit)',
    );
    assert.match(String(fixed.stdout), /^Fixed k8s\/app\.yaml: /m);
  });

  it('plain shell: the one-liner and docs/ci/check.sh (0 clean, 1 findings with a JSON report, 2 could not check)', () => {
    const oneLiner = readmeRecipe('shell').trim();
    const script = fs.readFileSync(CHECK_SCRIPT, 'utf8');
    assert.equal(readmeRecipe('docs/ci/check.sh'), script);
    const { findings, clean, broken } = projects();

    assert.equal(sh(oneLiner, findings).status, 1, 'errors fail');
    assert.equal(sh(oneLiner, clean).status, 0);
    assert.equal(sh(oneLiner, broken).status, 2);

    const fail = sh(script, findings);
    assert.equal(fail.status, 1, fail.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(findings, 'kube-zero-downtime.json'), 'utf8')) as { rule: string }[];
    assert.ok(report.some((r) => r.rule === 'grace-period-too-short'));
    assert.match(fail.stdout, /^k8s\/app\.yaml:\d+:\d+ error grace-period-too-short /m, 'readable findings in the log');
    const pass = sh(script, clean);
    assert.equal(pass.status, 0, pass.stderr);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(clean, 'kube-zero-downtime.json'), 'utf8')), []);
    const error = sh(script, broken);
    assert.equal(error.status, 2);
    assert.match(error.stderr, /\.kube-zero-downtime\.yaml:2:3: unknown rule id "no-such-rule"/);
    assert.match(error.stderr, /could not check the manifests \(exit 2\)/);
  });

  it('every recipe pins the package version; the README documents each recipe file', () => {
    for (const file of [WORKFLOW_FILE, CHECK_SCRIPT]) assert.ok(fs.readFileSync(file, 'utf8').includes(PUBLISHED), file);
    assert.ok(readmeRecipe('shell').includes(PUBLISHED));
    assert.ok(README.includes('.pre-commit-hooks.yaml'));
  });
});
