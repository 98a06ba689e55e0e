// Reads of user files are bounded (issue 15, item 5): type and size are checked before any content is read.
// Before, `/dev/zero` as an argument grew the CLI to 13.8 GB, a FIFO blocked forever, a 50 MB file was parsed
// in full (41 s) before "too large", and a config file linked to /dev/zero was read forever. Each run here has a
// deadline far above what it needs, so a hang fails the test (status null) instead of freezing the run.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI, cli, DEPLOYMENT, removeTrees, ROOT, tree } from './helpers';

const HANG_BOUND_MS = 60_000;
const posix = process.platform !== 'win32';

/** A file of `bytes` that takes no disk space and no time to write (a hole). */
function sparse(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, bytes);
  fs.closeSync(fd);
}

function fifo(file: string): void {
  const made = spawnSync('mkfifo', [file]);
  assert.equal(made.status, 0, String(made.stderr));
}

describe('CLI: bounded reads', { skip: !posix && 'FIFOs and /dev/zero are POSIX' }, () => {
  after(removeTrees);

  it('/dev/zero, a FIFO, a link to /dev/zero and a 50 MB file: "not checked" without reading them; the rest is checked', () => {
    const dir = tree({ 'deploy.yaml': DEPLOYMENT });
    fifo(path.join(dir, 'fifo.yaml'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    sparse(path.join(dir, 'big.yaml'), 50 * 1024 * 1024);
    const r = cli(['/dev/zero', 'fifo.yaml', 'zero.yaml', 'big.yaml', 'deploy.yaml'], { cwd: dir, timeout: HANG_BOUND_MS });
    assert.equal(r.status, 1, `findings in deploy.yaml decide the exit code; stderr: ${r.stderr}`);
    const notChecked = r.stdout.split('\n').filter((line) => line.includes(' not-checked '));
    assert.deepEqual(notChecked, [
      '/dev/zero:1:1 info not-checked Not checked: not a regular file (a character device).',
      'big.yaml:1:1 info not-checked Not checked: the file is 50 MB, over the 16 MB limit (--max-file-size-mb).',
      'fifo.yaml:1:1 info not-checked Not checked: not a regular file (a FIFO).',
      'zero.yaml:1:1 info not-checked Not checked: not a regular file (a character device).',
    ]);
    assert.match(r.stdout, /^deploy\.yaml:\d+:\d+ warning readiness-probe-missing /m);
    assert.match(r.stdout, /Checked 5 files: .*; 4 documents not checked\.$/m);
  });

  it('--max-file-size-mb sets the limit the size is checked against', () => {
    const dir = tree({});
    sparse(path.join(dir, 'big.yaml'), 3 * 1024 * 1024);
    const r = cli(['--max-file-size-mb', '2', 'big.yaml'], { cwd: dir, timeout: HANG_BOUND_MS });
    assert.match(r.stdout, /^big\.yaml:1:1 info not-checked Not checked: the file is 3\.0 MB, over the 2\.0 MB limit/m);
  });

  it('standard input is read up to the limit, not to its end (< /dev/zero)', () => {
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      const r = spawnSync(process.execPath, [CLI, '--max-file-size-mb', '1', '-'], {
        cwd: ROOT,
        stdio: [zero, 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: HANG_BOUND_MS,
      });
      assert.match(r.stdout, /^<stdin>:1:1 info not-checked Not checked: the file is over 1\.0 MB, over the 1\.0 MB limit/m, r.stderr);
    } finally {
      fs.closeSync(zero);
    }
  });

  it('a config file linked to /dev/zero: reported as not read, nothing checked (exit 2)', () => {
    const dir = tree({ '.git/HEAD': '', 'deploy.yaml': DEPLOYMENT });
    fs.symlinkSync('/dev/zero', path.join(dir, '.kube-zero-downtime.yaml'));
    const r = cli(['deploy.yaml'], { cwd: dir, timeout: HANG_BOUND_MS });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^\.kube-zero-downtime\.yaml:1:1: config file not read: not a regular file \(a character device\)$/m);
    const given = cli(['--config', 'fifo.yaml', 'deploy.yaml'], { cwd: withFifo(dir), timeout: HANG_BOUND_MS });
    assert.equal(given.status, 2, given.stderr);
    assert.match(given.stderr, /^fifo\.yaml:1:1: config file not read: not a regular file \(a FIFO\)$/m);
  });

  it('--timeline on a FIFO: not checked, exit 2', () => {
    const dir = withFifo(tree({}));
    const r = cli(['--timeline', 'web', 'fifo.yaml'], { cwd: dir, timeout: HANG_BOUND_MS });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^fifo\.yaml: not checked: not a regular file \(a FIFO\)$/m);
  });

  it('a directory walk skips FIFOs and links to devices without opening them', () => {
    const dir = withFifo(tree({ 'deploy.yaml': DEPLOYMENT }));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    const r = cli(['.'], { cwd: dir, timeout: HANG_BOUND_MS });
    assert.match(r.stdout, /Checked 1 file: /);
  });
});

function withFifo(dir: string): string {
  fifo(path.join(dir, 'fifo.yaml'));
  return dir;
}
