// The npm package: `npm pack` ships the CLI only (no dev-only code), installs from the tarball without the
// network (it has no dependencies: dist/cli.js is bundled), and `npx kube-zero-downtime <dir>` works there.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { removeTrees, ROOT, tree } from './helpers';

const NPM_ENV = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function npm(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env: NPM_ENV, timeout: 180_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function npx(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // --no: never download; `--` so that options go to the command, not to npx.
  const result = spawnSync('npx', ['--no', '--', ...args], { cwd, encoding: 'utf8', env: NPM_ENV, timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm package', () => {
  after(removeTrees);

  it('packs the CLI alone, installs offline from the tarball, and runs with npx from a temp folder', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      bin: Record<string, string>;
      dependencies?: unknown;
    };
    assert.equal(pkg.dependencies, undefined, 'no runtime dependencies: the CLI is bundled');
    assert.deepEqual(pkg.bin, { 'kube-zero-downtime': './dist/cli.js' });

    const packDir = tree({}, 'kzd-pack-');
    // --ignore-scripts: pack the dist/cli.js that `npm test` just built (prepack would rebuild it in production mode).
    const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], ROOT);
    assert.equal(packed.status, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[]; size: number }[];
    assert.deepEqual(info.files.map((f) => f.path).sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'package.json',
      'schemas/kube-zero-downtime.schema.json',
    ]);
    assert.ok(info.size < 1024 * 1024, `tarball ${info.size} bytes`);

    const project = tree(
      {
        'package.json': '{ "name": "consumer", "version": "1.0.0", "private": true }\n',
        'manifests/web.yaml': fs.readFileSync(path.join(ROOT, 'examples', 'web-deployment.yaml'), 'utf8'),
        'manifests/clean.yaml': fs.readFileSync(path.join(ROOT, 'examples', 'clean.yaml'), 'utf8'),
      },
      'kzd-consumer-',
    );
    const installed = npm(['install', '--offline', '--no-audit', '--no-fund', path.join(packDir, info.filename)], project);
    assert.equal(installed.status, 0, installed.stderr);
    const bin = path.join(project, 'node_modules', '.bin', 'kube-zero-downtime');
    assert.ok(fs.existsSync(bin), 'the bin is linked');

    const version = npx(['kube-zero-downtime', '--version'], project);
    assert.equal(version.stdout.trim(), pkg.version, version.stderr);
    const run = npx(['kube-zero-downtime', 'manifests/'], project);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^manifests\/web\.yaml:\d+:\d+ warning readiness-probe-missing /m);
    assert.match(run.stdout, /^Checked 2 files: /m);
    const sarif = npx(['kube-zero-downtime', '--format', 'sarif', 'manifests/clean.yaml'], project);
    assert.equal(sarif.status, 0, sarif.stderr);
    assert.equal(
      (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { version: string } } }[] }).runs[0].tool.driver.version,
      pkg.version,
    );
    const schema = path.join(project, 'node_modules', 'kube-zero-downtime', 'schemas', 'kube-zero-downtime.schema.json');
    assert.ok(fs.existsSync(schema), 'the config schema ships for editors that point at it');
  });
});
