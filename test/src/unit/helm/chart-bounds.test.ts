// Bad or huge input gets a clear answer in bounded time: thousands of templates, oversized values files, a
// compressed subchart bomb, a folder that nests forever, a template that never ends.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as zlib from 'node:zlib';
import type { ProjectFiles } from '../../../../server/out/engine/model/origin';
import { renderChart } from '../../../../server/out/engine/render/helm';
import { chartYaml, errors, render } from './chart-helpers';

describe('re-rendering as the user types', () => {
  test('a changed helper, template or values file is seen at once (parsed sets and values are reused only while unchanged)', () => {
    const files: Record<string, string> = {
      'c/Chart.yaml': chartYaml('c'),
      'c/values.yaml': 'replicas: 1\n',
      'c/templates/_h.tpl': '{{ define "name" }}first{{ end }}',
      'c/templates/d.yaml': 'name: {{ include "name" . }}\nreplicas: {{ .Values.replicas }}\n',
    };
    const text = (): string | undefined => render(files).templates[0].rendered?.text;
    assert.equal(text(), 'name: first\nreplicas: 1\n');
    files['c/values.yaml'] = 'replicas: 3\n';
    assert.equal(text(), 'name: first\nreplicas: 3\n');
    files['c/templates/_h.tpl'] = '{{ define "name" }}second{{ end }}';
    assert.equal(text(), 'name: second\nreplicas: 3\n');
    files['c/templates/d.yaml'] = 'replicas: {{ .Values.replicas }}\n';
    assert.equal(text(), 'replicas: 3\n');
  });
});

describe('bounds', () => {
  test('a chart with 3,000 templates renders them all', () => {
    const files: Record<string, string> = { 'c/Chart.yaml': chartYaml('c'), 'c/values.yaml': 'count: 1\n' };
    for (let i = 0; i < 3000; i++) files[`c/templates/t${i}.yaml`] = `i: ${i}\nn: {{ .Values.count }}\n`;
    const result = render(files);
    assert.equal(result.templates.length, 3000);
    assert.ok(result.templates.every((t) => t.rendered?.text.endsWith('n: 1\n')));
  });
  test('a values file larger than 16 MB is refused, not parsed', () => {
    const big = `a: "${'x'.repeat(17 * 1024 * 1024)}"\n`;
    const result = render({ 'c/Chart.yaml': chartYaml('c'), 'big.yaml': big }, { valuesFiles: ['big.yaml'] });
    assert.deepEqual(errors(result), ['values file big.yaml is larger than 16777216 bytes; not read']);
  });
  test("a chart's own file over Helm's 5 MiB limit is refused as Helm refuses it", () => {
    const result = render({ 'c/Chart.yaml': chartYaml('c'), 'c/values.yaml': `a: "${'x'.repeat(6 * 1024 * 1024)}"\n` });
    assert.deepEqual(errors(result), ['chart file "values.yaml" is larger than the maximum file size 5242880']);
  });
  test('a subchart archive that inflates past 100 MiB is refused', () => {
    const bomb = new Uint8Array(zlib.gzipSync(Buffer.alloc(120 * 1024 * 1024)));
    const result = render({ 'c/Chart.yaml': chartYaml('c'), 'c/charts/bomb-1.0.0.tgz': bomb });
    assert.deepEqual(errors(result), [
      'error unpacking subchart bomb-1.0.0.tgz in c: decompressed chart is larger than the maximum file size 104857600',
    ]);
  });
  test('a folder that contains itself (a link loop) is refused', () => {
    const looping: ProjectFiles = {
      readText: (p) => (p === 'c/Chart.yaml' ? chartYaml('c') : undefined),
      readBytes: () => undefined,
      list: (p) =>
        p === 'c'
          ? [
              { name: 'Chart.yaml', directory: false },
              { name: 'loop', directory: true },
            ]
          : [{ name: 'loop', directory: true }],
    };
    const result = renderChart(looping, 'c', { kubeVersion: '1.29' });
    assert.match(errors(result)[0], /is nested more than 48 levels deep; not loaded$/);
  });
  test('a template that never ends is stopped, and the others still render', () => {
    const result = render({
      'c/Chart.yaml': chartYaml('c'),
      'c/templates/_loop.tpl': '{{ define "loop" }}{{ include "loop" . }}{{ end }}',
      'c/templates/a.yaml': '{{ include "loop" . }}',
      'c/templates/b.yaml': 'ok: 1',
    });
    const [b, a] = result.templates;
    assert.equal(b.rendered?.text, 'ok: 1');
    assert.ok(a.error);
    assert.equal(a.error.file, 'c/templates/a.yaml');
  });
});
