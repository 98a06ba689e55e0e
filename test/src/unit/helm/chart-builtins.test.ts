// The built-in objects (.Template, .Chart, .Release, .Capabilities, .Files) and Helm's execution order, which
// decides what a template sees of `.Values` another one changed. Expected texts are helm v3.21.4's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errors, outputs, render } from './chart-helpers';

const FILES: Record<string, string> = {
  'c/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.2.3\nappVersion: "2.0"\nannotations:\n  images: nginx\nkeywords: [a, b]\n',
  'c/files/a.txt': 'line1\nline2\n',
  'c/files/b.conf': 'x=1',
  'c/files/sub/c.txt': 'deep',
  'c/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
  'c/templates/a.yaml': [
    'name: {{ .Template.Name }} {{ .Template.BasePath }}',
    'chart: {{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.Annotations.images }} {{ .Chart.IsRoot }} {{ .Chart.Keywords }}',
    'release: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}',
    'caps: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} ' +
      '{{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.APIVersions.Has "apps/v1" }} ' +
      '{{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }} {{ .Capabilities.HelmVersion.Version }}',
    'get: {{ .Files.Get "files/a.txt" | quote }} {{ .Files.Get "missing" | quote }}',
    'bytes: {{ .Files.GetBytes "files/b.conf" }}',
    'lines: {{ range .Files.Lines "files/a.txt" }}[{{ . }}]{{ end }}',
    'config: |',
    '{{ (.Files.Glob "files/*").AsConfig | indent 2 }}',
    'secrets: |',
    '{{ (.Files.Glob "files/**").AsSecrets | indent 2 }}',
    'set: {{ $_ := set .Values "mutated" "yes" }}',
    '',
  ].join('\n'),
  'c/templates/b.yaml': 'seen: {{ .Values.mutated | default "no" }}\n',
  'c/templates/c.yaml': 'parent-sees: {{ .Values.sub.fromSub | default "no" }}\n',
  'c/charts/sub/templates/s.yaml':
    'sub: {{ .Template.Name }} {{ .Chart.IsRoot }} {{ .Values.mutated | default "no" }}\n{{ $_ := set .Values "fromSub" "yes" }}\n',
};

describe('built-in objects', () => {
  test('as helm template --kube-version 1.29 --api-versions monitoring.coreos.com/v1 prints them', () => {
    const result = render(FILES, { apiVersions: ['monitoring.coreos.com/v1'] });
    assert.deepEqual(errors(result), []);
    const out = outputs(result);
    assert.equal(
      out['b/templates/a.yaml'],
      [
        'name: b/templates/a.yaml b/templates',
        'chart: b 1.2.3 2.0 nginx true [a b]',
        'release: release-name default true false 1 Helm',
        'caps: v1.29 1 29 v1.29 true true v3.21.4',
        'get: "line1\\nline2\\n" ""',
        'bytes: [120 61 49]',
        'lines: [line1][line2]',
        'config: |',
        '  a.txt: |',
        '    line1',
        '    line2',
        '  b.conf: x=1',
        'secrets: |',
        '  a.txt: bGluZTEKbGluZTIK',
        '  b.conf: eD0x',
        '  c.txt: ZGVlcA==',
        'set: ',
        '',
      ].join('\n'),
    );
  });

  test('templates run deepest first, then by name descending, sharing .Values as Helm does', () => {
    const result = render(FILES);
    assert.deepEqual(
      result.templates.map((t) => t.template),
      ['b/charts/sub/templates/s.yaml', 'b/templates/c.yaml', 'b/templates/b.yaml', 'b/templates/a.yaml'],
    );
    const out = outputs(result);
    // b.yaml runs before a.yaml sets the value; the parent sees what the subchart set in its section.
    assert.equal(out['b/templates/b.yaml'], 'seen: no\n');
    assert.equal(out['b/templates/c.yaml'], 'parent-sees: yes\n');
    assert.equal(out['b/charts/sub/templates/s.yaml'], 'sub: b/charts/sub/templates/s.yaml false no\n\n');
  });

  test('--is-upgrade, release name and namespace', () => {
    const result = render(
      {
        'c/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\n',
        'c/templates/r.yaml': '{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }}',
      },
      { releaseName: 'prod', namespace: 'apps', isUpgrade: true },
    );
    assert.deepEqual(outputs(result), { 'b/templates/r.yaml': 'prod apps false true' });
  });

  test("Helm's default Kubernetes version and API versions without options", () => {
    const result = render(
      {
        'c/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\n',
        'c/templates/k.yaml':
          '{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.APIVersions.Has "policy/v1" }} {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }}',
      },
      { kubeVersion: undefined },
    );
    assert.deepEqual(outputs(result), { 'b/templates/k.yaml': 'v1.36.0 true false' });
  });
});

describe('template errors', () => {
  test("required and fail in Helm's short form, at the template position; the other templates still render", () => {
    const result = render({
      'c/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\n',
      'c/values.yaml': 'image: {}\n',
      'c/templates/_h.tpl': '{{ define "need" }}{{ required "image.tag is required" .Values.image.tag }}{{ end }}',
      'c/templates/a.yaml': 'tag: {{ include "need" . }}',
      'c/templates/b.yaml': 'x: {{ fail "stop here" }}',
      'c/templates/c.yaml': 'ok: 1',
    });
    assert.deepEqual(outputs(result), {
      'b/templates/c.yaml': 'ok: 1',
      'b/templates/b.yaml': 'ERROR: execution error at (b/templates/b.yaml:1:6): stop here',
      'b/templates/a.yaml': 'ERROR: execution error at (b/templates/a.yaml:1:8): image.tag is required',
    });
    const b = result.templates.find((t) => t.template === 'b/templates/b.yaml');
    assert.equal(b?.error?.file, 'c/templates/b.yaml');
  });
  test('a parse error, also in a helper file, is reported as Helm words it', () => {
    const result = render({
      'c/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\n',
      'c/templates/_h.tpl': '{{ define "x" }}{{ if }}{{ end }}',
      'c/templates/a.yaml': 'a: {{ .Values.a | nosuchfunction }}',
    });
    assert.deepEqual(outputs(result), {
      'b/templates/a.yaml': 'ERROR: parse error at (b/templates/a.yaml:1): function "nosuchfunction" not defined',
      'b/templates/_h.tpl': 'ERROR: parse error at (b/templates/_h.tpl:1): missing value for if',
    });
  });
  test('NOTES.txt is rendered for its errors, never output', () => {
    const ok = render({
      'c/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\n',
      'c/templates/NOTES.txt': 'Thanks {{ .Release.Name }}',
    });
    assert.deepEqual(outputs(ok), {});
    const failing = render({
      'c/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\n',
      'c/templates/NOTES.txt': '{{ fail "set image" }}',
    });
    assert.deepEqual(outputs(failing), { 'b/templates/NOTES.txt': 'ERROR: execution error at (b/templates/NOTES.txt:1:3): set image' });
  });
});
