// The one reader of user files (server/src/io/boundedRead.ts): type and size are checked on the open file
// before anything is read, and never more than the limit is read.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { readBounded, readBoundedSync, type BoundedRead } from '../../../server/out/io/boundedRead';

const posix = process.platform !== 'win32';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-bounded-'));
const file = (name: string) => path.join(dir, name);

fs.writeFileSync(file('small.yaml'), 'kind: ConfigMap\n');
fs.writeFileSync(file('ten.bin'), Buffer.alloc(10, 0x61));
if (posix) {
  spawnSync('mkfifo', [file('fifo.yaml')]);
  fs.symlinkSync('/dev/zero', file('zero.yaml'));
}

/** The sync and async answers, which must agree. */
async function both(name: string, max: number): Promise<BoundedRead> {
  const sync = readBoundedSync(name, max);
  const async = await readBounded(name, max);
  assert.deepEqual(async, sync, name);
  return sync;
}

describe('bounded reads', () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a regular file within the limit: its bytes', async () => {
    const read = await both(file('small.yaml'), 1024);
    assert.ok(read.ok);
    assert.equal(read.bytes.toString(), 'kind: ConfigMap\n');
    assert.ok((await both(file('ten.bin'), 10)).ok, 'exactly at the limit');
  });

  test('over the limit: too-large, from the size', async () => {
    const read = await both(file('ten.bin'), 9);
    assert.deepEqual(read, { ok: false, reason: 'too-large', message: 'the file is 0.0 MB, over the 0.0 MB limit' });
  });

  test('a directory, a missing file', async () => {
    assert.deepEqual(await both(dir, 1024), { ok: false, reason: 'not-a-file', message: 'not a regular file (a directory)' });
    const missing = await both(file('nope.yaml'), 1024);
    assert.deepEqual(missing, { ok: false, reason: 'unreadable', message: 'no such file', code: 'ENOENT' });
  });

  test('a FIFO and a link to /dev/zero: not-a-file, without blocking or reading', { skip: !posix && 'POSIX only' }, async () => {
    assert.deepEqual(await both(file('fifo.yaml'), 1024), { ok: false, reason: 'not-a-file', message: 'not a regular file (a FIFO)' });
    assert.deepEqual(await both(file('zero.yaml'), 1024), {
      ok: false,
      reason: 'not-a-file',
      message: 'not a regular file (a character device)',
    });
  });
});
