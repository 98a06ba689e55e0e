// `.tgz` subcharts: the in-engine gunzip (checked against Node's zlib on stored, fixed and dynamic blocks), the
// tar reader with Helm's path checks and size limits, and a compression bomb refused quickly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as zlib from 'node:zlib';
import { loadArchiveFiles, MAX_DECOMPRESSED_FILE_SIZE } from '../../../../server/out/engine/render/helm/chart/archive';
import { gunzip } from '../../../../server/out/engine/render/helm/chart/inflate';
import { tgz } from './chart-tar';

describe('gunzip', () => {
  const text = Array.from({ length: 4000 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}\n`).join('');
  const data = new TextEncoder().encode(text);
  for (const [label, options] of [
    ['stored blocks', { level: 0 }],
    ['fixed Huffman', { level: 1, strategy: zlib.constants.Z_FIXED }],
    ['dynamic Huffman', { level: 9 }],
  ] as const) {
    test(`inflates ${label} as zlib does`, () => {
      const compressed = zlib.gzipSync(data, options);
      assert.deepEqual(Buffer.from(gunzip(new Uint8Array(compressed), 1 << 24)), Buffer.from(data));
    });
  }
  test('inflates random bytes (incompressible input)', () => {
    const random = new Uint8Array(70000).map((_, i) => (i * 2654435761) >>> 24);
    assert.deepEqual(Buffer.from(gunzip(new Uint8Array(zlib.gzipSync(random)), 1 << 24)), Buffer.from(random));
  });
  test('stops at the limit instead of inflating a bomb', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
    assert.throws(() => gunzip(new Uint8Array(bomb), 1024 * 1024), /larger than the limit/);
  });
  test('truncated or corrupt data is an error, not a hang', () => {
    const good = zlib.gzipSync(data);
    assert.throws(() => gunzip(new Uint8Array(good.subarray(0, 40)), 1 << 24));
    assert.throws(() => gunzip(new Uint8Array([1, 2, 3, 4]), 1 << 24), /invalid header/);
  });
});

describe('chart archives', () => {
  test('entries lose the top folder, directories are skipped', () => {
    const files = loadArchiveFiles(
      tgz([
        { name: 'sub/', directory: true },
        { name: 'sub/Chart.yaml', text: 'name: sub\n' },
        { name: 'sub/templates/a.yaml', text: 'a: 1\n' },
      ]),
    );
    assert.deepEqual(
      files.map((f) => [f.name, new TextDecoder().decode(f.data)]),
      [
        ['Chart.yaml', 'name: sub\n'],
        ['templates/a.yaml', 'a: 1\n'],
      ],
    );
  });
  test('long names (GNU and PAX) are read', () => {
    const long = `sub/templates/${'n'.repeat(120)}.yaml`;
    const files = loadArchiveFiles(tgz([{ name: long, text: 'x: 1\n', longName: 'gnu' }]));
    assert.equal(files[0].name, long.slice('sub/'.length));
    const pax = loadArchiveFiles(tgz([{ name: long, text: 'x: 1\n', longName: 'pax' }]));
    assert.equal(pax[0].name, long.slice('sub/'.length));
  });
  test("Helm's path checks", () => {
    assert.throws(() => loadArchiveFiles(tgz([{ name: 'sub/../../etc/passwd', text: 'x' }])), /illegally references parent directory/);
    assert.throws(
      () => loadArchiveFiles(tgz([{ name: 'Chart.yaml', text: 'x' }])),
      /chart yaml not in base directory|outside the base directory/,
    );
    assert.throws(() => loadArchiveFiles(tgz([{ name: 'sub/', directory: true }])), /no files in chart archive/);
  });
  test('a file over 5 MiB is refused with the limit named', () => {
    const big = 'x'.repeat(MAX_DECOMPRESSED_FILE_SIZE + 1);
    assert.throws(() => loadArchiveFiles(tgz([{ name: 'sub/big.txt', text: big }])), /is larger than the maximum file size 5242880/);
  });
  test('not gzip at all', () => {
    assert.throws(() => loadArchiveFiles(new TextEncoder().encode('apiVersion: v2\n')), /gzip: invalid header/);
  });
});
