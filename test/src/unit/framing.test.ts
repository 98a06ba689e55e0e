// The framing guard in front of the JSON-RPC reader (server/src/lsp/framing.ts): well-framed messages pass
// through unchanged however the bytes are split; badly framed ones are dropped and the stream resynchronises.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FramingGuard } from '../../../server/out/lsp/framing';

function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** What comes out when `input` goes in `size` bytes at a time, and the problems reported. */
function run(input: Buffer, size: number): { output: Buffer; problems: string[] } {
  const problems: string[] = [];
  const guard = new FramingGuard((problem) => problems.push(problem));
  const out: Buffer[] = [];
  guard.on('data', (chunk: Buffer) => out.push(chunk));
  for (let i = 0; i < input.length; i += size) guard.write(input.subarray(i, i + size));
  return { output: Buffer.concat(out), problems };
}

const A = frame({ jsonrpc: '2.0', id: 1, method: 'a', params: { text: 'Content-Length: 5 inside a string, "quoted"\\r\\n é 😀' } });
const B = frame({ jsonrpc: '2.0', method: 'b', params: { text: 'x'.repeat(5000) } });
const BODY = '{"jsonrpc":"2.0","method":"bad"}';
const BAD = [
  `Content-Length: 99999\r\n\r\n${BODY}`,
  `Content-Length: abc\r\n\r\n${BODY}`,
  `Content-Length: -1\r\n\r\n${BODY}`,
  `Content-Type: x\r\n\r\n${BODY}`,
  `Content-Length: 4\r\n\r\n${BODY}`,
  `junk\r\n\r\n${BODY}`,
  `${BODY}`,
  'x'.repeat(20_000),
];

describe('framing guard', () => {
  test('good frames pass through unchanged, whatever the chunk size', () => {
    const typed = Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${A.toString('latin1')}`, 'latin1');
    const empty = Buffer.from('Content-Length: 0\r\n\r\n', 'latin1');
    const input = Buffer.concat([A, B, typed, empty, A]);
    for (const size of [1, 2, 3, 7, 64, 1000, input.length]) {
      const { output, problems } = run(input, size);
      assert.ok(output.equals(input), `chunks of ${size}`);
      assert.deepEqual(problems, []);
    }
  });

  for (const bad of BAD) {
    test(`${JSON.stringify(bad.slice(0, 28))}: dropped between good frames, whatever the chunk size`, () => {
      const input = Buffer.concat([A, Buffer.from(bad, 'utf8'), B]);
      // A length too small cuts the body: that frame goes on (the JSON reader rejects it), the rest is dropped.
      const cut = /^Content-Length: 4\r\n\r\n/.test(bad) ? Buffer.from(bad.slice(0, 25), 'utf8') : Buffer.alloc(0);
      for (const size of [1, 5, 13, 100, input.length]) {
        const { output, problems } = run(input, size);
        assert.ok(output.equals(Buffer.concat([A, cut, B])), `chunks of ${size}: ${output.toString('latin1').slice(0, 200)}`);
        assert.ok(problems.length >= 1, `chunks of ${size}: reported`);
      }
    });
  }
});
