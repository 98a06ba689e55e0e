// The protocol layer under hostile or sloppy clients (issue 15, item 8), with raw bytes on the server's stdin.
// Before: one message with a bad Content-Length wedged the connection for good (even shutdown went unread), a
// document opened again with a lower version kept its old diagnostics, and requests were answered after
// shutdown. Every wait fails after a deadline.
import * as assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import {
  CodeLensRequest,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  ExitNotification,
  ResponseError,
  ShutdownRequest,
} from 'vscode-languageserver/node';
import { DEFAULT_TIMEOUT_MS, DEPLOYMENT, TestServer, uriFor, withTimeout } from './harness';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n';

/** A well-formed frame. */
function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

function didOpen(name: string, text: string, version = 1): Buffer {
  return frame({
    jsonrpc: '2.0',
    method: DidOpenTextDocumentNotification.method,
    params: { textDocument: { uri: uriFor(name), languageId: 'yaml', version, text } },
  });
}

const BODY = '{"jsonrpc":"2.0","method":"$/kzd-test","params":{}}';

const BAD_FRAMES: [string, string, RegExp][] = [
  ['a Content-Length larger than the body', `Content-Length: 99999\r\n\r\n${BODY}`, /larger than its body/],
  ['a Content-Length that is not a number', `Content-Length: abc\r\n\r\n${BODY}`, /Content-Length "abc"/],
  ['a negative Content-Length', `Content-Length: -5\r\n\r\n${BODY}`, /Content-Length "-5"/],
  ['no Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${BODY}`, /without Content-Length/],
  ['a Content-Length smaller than the body', `Content-Length: 3\r\n\r\n${BODY}`, /not a header/],
  ['a Content-Length over the limit', `Content-Length: 99999999999\r\n\r\n${BODY}`, /Content-Length "99999999999"/],
  ['bytes that are no header at all', `hello\r\n\r\n${BODY}`, /not a header/],
];

describe('LSP protocol: bad framing does not wedge the connection', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await TestServer.start();
  });
  afterEach(async () => {
    if (server) await server.stop().catch(() => server.kill());
  });

  for (const [what, bytes, logged] of BAD_FRAMES) {
    it(`${what}: dropped, said in the log, and the next messages are served`, async () => {
      const uri = uriFor(`framing-${what.replace(/\W+/g, '-')}.yaml`);
      server.child.stdin!.write(Buffer.from(bytes, 'utf8'));
      const published = await server.open(uri, DEPLOYMENT);
      assert.ok(published.diagnostics.length > 0);
      assert.match((await server.waitForLog(/^Dropped /)).message, logged);
      const lenses = await withTimeout(
        server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
        DEFAULT_TIMEOUT_MS,
        'codeLens',
      );
      assert.equal(lenses?.length, 1);
    });
  }

  it('a bad frame and good ones in one write: the good ones are served', async () => {
    const published = server.waitFor(uriFor('burst-b.yaml'));
    server.child.stdin!.write(
      Buffer.concat([
        didOpen('burst-a.yaml', CONFIG_MAP),
        Buffer.from(`Content-Length: 77777\r\n\r\n${BODY}`),
        didOpen('burst-b.yaml', DEPLOYMENT),
      ]),
    );
    assert.ok((await published).diagnostics.length > 0);
    assert.ok(
      server.published.some((p) => p.uri === uriFor('burst-a.yaml')),
      'the message before the bad one too',
    );
  });
});

describe('LSP protocol: a document opened again starts afresh', () => {
  let server: TestServer;
  after(async () => {
    if (server) await server.stop().catch(() => server.kill());
  });

  it('didOpen again without a close, with a lower version and other text: the new diagnostics are published', async () => {
    server = await TestServer.start();
    const uri = uriFor('reopened.yaml');
    assert.ok((await server.open(uri, DEPLOYMENT, 7)).diagnostics.length > 0);
    const reopened = await server.open(uri, CONFIG_MAP, 2);
    assert.deepEqual(reopened.diagnostics, [], 'a ConfigMap has no findings');
  });

  it('didOpen again with the same version and other text of the same length: not the old analysis', async () => {
    const uri = uriFor('same-version.yaml');
    const good = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n';
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings \n';
    assert.equal(broken.length, good.length);
    assert.deepEqual((await server.open(uri, good, 1)).diagnostics, []);
    const again = await server.open(uri, broken, 1);
    assert.deepEqual(
      again.diagnostics.map((d) => d.code),
      ['not-checked'],
      'the broken text is analysed, not the old one',
    );
  });
});

describe('LSP protocol: after shutdown', () => {
  it('requests get InvalidRequest, notifications are dropped, exit ends the process with 0', async () => {
    const server = await TestServer.start();
    try {
      const uri = uriFor('after-shutdown.yaml');
      await server.open(uri, DEPLOYMENT);
      await withTimeout(server.connection.sendRequest(ShutdownRequest.type), DEFAULT_TIMEOUT_MS, 'shutdown');
      for (const request of [
        (): Promise<unknown> => server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
        (): Promise<unknown> => server.connection.sendRequest(ShutdownRequest.type),
      ]) {
        await assert.rejects(withTimeout(request(), DEFAULT_TIMEOUT_MS, 'request after shutdown'), (error: unknown) => {
          assert.ok(error instanceof ResponseError, String(error));
          assert.equal(error.code, ErrorCodes.InvalidRequest);
          return true;
        });
      }
      const before = server.published.length;
      await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uriFor('too-late.yaml'), languageId: 'yaml', version: 1, text: DEPLOYMENT },
      });
      const exited = new Promise((resolve) => server.child.once('exit', (code) => resolve(code)));
      await server.connection.sendNotification(ExitNotification.type);
      assert.equal(await withTimeout(exited, DEFAULT_TIMEOUT_MS, 'exit'), 0);
      assert.equal(server.published.length, before, 'nothing published after shutdown');
    } finally {
      server.kill();
    }
  });
});
