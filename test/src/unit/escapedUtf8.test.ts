// The byte-preserving UTF-8 codec --fix uses for files that are not valid UTF-8 (server/src/config/text.ts):
// any bytes survive text and back, and valid UTF-8 decodes as usual.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeUtf8Escaped, encodeUtf8Escaped } from '../../../server/out/io/text';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('escaped UTF-8', () => {
  test('any bytes come back unchanged (10,000 random arrays, biased towards UTF-8 lead and continuation bytes)', () => {
    const next = random(4);
    const interesting = [
      0x00, 0x0a, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f,
    ];
    for (let n = 0; n < 10_000; n++) {
      const bytes = Buffer.alloc(Math.floor(next() * 24));
      for (let i = 0; i < bytes.length; i++) {
        bytes[i] = next() < 0.6 ? interesting[Math.floor(next() * interesting.length)] : Math.floor(next() * 256);
      }
      const back = encodeUtf8Escaped(decodeUtf8Escaped(bytes));
      assert.ok(back.equals(bytes), `${bytes.toString('hex')} came back as ${back.toString('hex')}`);
    }
  });

  test('valid UTF-8 decodes as usual, astral characters included', () => {
    const text = 'kind: ConfigMap # café, 日本, 😀 \u{10080}\n';
    assert.equal(decodeUtf8Escaped(Buffer.from(text)), text);
    assert.ok(encodeUtf8Escaped(text).equals(Buffer.from(text)));
  });

  test('a Latin-1 byte is one escaped character, which edits around it keep', () => {
    const text = decodeUtf8Escaped(Buffer.from('# caf\xe9\na: 1\n', 'latin1'));
    assert.equal(text, '# caf\udce9\na: 1\n');
    const edited = text.replace('a: 1', 'a: 2\nb: 3');
    assert.ok(encodeUtf8Escaped(edited).equals(Buffer.from('# caf\xe9\na: 2\nb: 3\n', 'latin1')));
  });
});
