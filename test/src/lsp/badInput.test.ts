// Bad input: the server answers every document in bounded time, tells the user why a document was not
// checked, and stays alive.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { DEPLOYMENT, rangeOf, TestServer, uriFor } from './harness';

describe('LSP bad input', () => {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
  });

  after(() => server.kill());

  it('a YAML syntax error in one document of three: the others are still judged, the broken one says why', async () => {
    const broken = `apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
data:
  key: [unclosed, list
  other: "unterminated
`;
    const text = `${DEPLOYMENT}---\n${broken}---\n${DEPLOYMENT.replace('name: web\nspec', 'name: web2\nspec')}`;
    const published = await server.open(uriFor('three-docs.yaml'), text);
    const docIndexes = (code: string): number[] =>
      published.diagnostics.filter((d) => d.code === code).map((d) => (d.data as { docIndex: number }).docIndex);
    assert.deepEqual(docIndexes('readiness-probe-missing'), [0, 2], JSON.stringify(published.diagnostics));
    const notChecked = published.diagnostics.filter((d) => d.code === 'not-checked');
    assert.equal(notChecked.length, 1, JSON.stringify(published.diagnostics));
    assert.equal(notChecked[0].severity, DiagnosticSeverity.Information);
    assert.equal(notChecked[0].source, 'kube-zero-downtime');
    assert.ok(typeof notChecked[0].message === 'string' && notChecked[0].message.length > 0);
    const brokenStart = rangeOf(text, 'apiVersion: v1').start.line;
    const brokenEnd = rangeOf(text, 'other: "unterminated').start.line + 1;
    const line = notChecked[0].range.start.line;
    assert.ok(line >= brokenStart && line <= brokenEnd, `not-checked at line ${line}, broken document spans ${brokenStart}-${brokenEnd}`);
  });

  it('a Helm template gets no diagnostics, and the skip is logged', async () => {
    const uri = uriFor('templates/deployment.yaml');
    const helm = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- with .Values.ports }}
          ports:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`;
    const published = await server.open(uri, helm);
    assert.deepEqual(published.diagnostics, []);
    // Without a workspace folder the line names the file by its path.
    const line = `Not checked: ${fileURLToPath(uri)}: Helm template syntax, not YAML until rendered: check the output of \`helm template\` instead`;
    assert.ok(
      server.logs.some((log) => log.message === line),
      `logs: ${server.logs.map((l) => l.message).join('\n')}`,
    );
  });

  it('an alias bomb (billion laughs, 10 levels x 10 aliases) is answered in bounded time', async () => {
    const levels = 'abcdefghij'.split('');
    const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: bomb', 'x:'];
    lines.push(`  a: &a [${Array(10).fill('"lol"').join(', ')}]`);
    for (let i = 1; i < levels.length; i++) {
      lines.push(
        `  ${levels[i]}: &${levels[i]} [${Array(10)
          .fill(`*${levels[i - 1]}`)
          .join(', ')}]`,
      );
    }
    lines.push('spec:', '  replicas: 2', '  template:', '    metadata: *j', '    spec:', '      containers: *j', '');
    const started = Date.now();
    const published = await server.open(uriFor('bomb.yaml'), lines.join('\n'), 1, 10_000);
    assert.ok(Array.isArray(published.diagnostics));
    assert.ok(Date.now() - started < 10_000);
  });

  it('a 50 MB file gets a too-large notice in bounded time', async () => {
    const line = 'key-000000: "some value to fill the file up with text"\n';
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n${`  ${line}`.repeat(Math.ceil((50 * 1024 * 1024) / (line.length + 2)))}`;
    assert.ok(text.length >= 50 * 1024 * 1024);
    const started = Date.now();
    const published = await server.open(uriFor('huge.yaml'), text, 1, 60_000);
    const elapsed = Date.now() - started;
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics.slice(0, 3)));
    assert.equal(published.diagnostics[0].code, 'not-checked');
    assert.equal(published.diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.equal((published.diagnostics[0].data as { reason?: string }).reason, 'too-large');
    assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
    // The huge document is dropped from the server's memory on close.
    await server.close(uriFor('huge.yaml'));
  });

  it('binary junk with NUL bytes gets a not-checked notice', async () => {
    let junk = '';
    let seed = 42;
    for (let i = 0; i < 4096; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk += String.fromCharCode(seed % 7 === 0 ? 0 : seed % 256);
    }
    const published = await server.open(uriFor('junk.yaml'), junk);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, (d.data as { reason?: string }).reason]),
      [['not-checked', 'binary']],
    );
  });

  it('an empty file gets empty diagnostics', async () => {
    const published = await server.open(uriFor('empty.yaml'), '');
    assert.deepEqual(published.diagnostics, []);
  });

  it('a file of only comments and document markers gets empty diagnostics', async () => {
    const published = await server.open(uriFor('markers.yaml'), '# nothing here\n---\n---\n...\n');
    assert.deepEqual(published.diagnostics, []);
  });

  it('after all of that the server is alive and still answers', async () => {
    assert.ok(server.isAlive(), server.stderr);
    const published = await server.open(uriFor('after-bad-input.yaml'), DEPLOYMENT);
    assert.ok(published.diagnostics.some((d) => d.code === 'readiness-probe-missing'));
    assert.equal(await server.stop(), 0, 'shutdown is answered and the process exits cleanly');
  });
});
