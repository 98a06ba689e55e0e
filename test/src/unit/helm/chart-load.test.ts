// Loading a chart and what Helm refuses before rendering, with Helm's wording (checked against helm v3.21.4).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findCharts } from '../../../../server/out/engine/render/helm';
import { memoryFiles } from './chart-files';
import { chartYaml, errors, outputs, render } from './chart-helpers';
import { tgz } from './chart-tar';

describe('what Helm refuses', () => {
  test('a library chart', () => {
    const text = chartYaml('c', 'type: library\n');
    const result = render({ 'c/Chart.yaml': text, 'c/templates/_x.tpl': '{{ define "x" }}x{{ end }}' });
    assert.deepEqual(errors(result), ['library charts are not installable']);
    assert.equal(result.errors[0].file, 'c/Chart.yaml');
    assert.equal(text.slice(result.errors[0].start, result.errors[0].end), 'type');
    assert.deepEqual(result.templates, []);
  });
  test('dependencies missing from charts/', () => {
    const result = render({
      'c/Chart.yaml': chartYaml('c', 'dependencies:\n  - name: a\n    version: 1.x\n  - name: b\n    version: 1.x\n'),
      'c/charts/a/Chart.yaml': chartYaml('a'),
    });
    assert.deepEqual(errors(result), [
      'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing ' +
        'dependencies: found in Chart.yaml, but missing in charts/ directory: b',
    ]);
  });
  test('Chart.yaml missing, incomplete, mistyped or not YAML', () => {
    assert.deepEqual(errors(render({ 'c/templates/x.yaml': 'a: 1' })), ['Chart.yaml file is missing']);
    assert.deepEqual(errors(render({ 'c/Chart.yaml': 'apiVersion: v2\nversion: 1.0.0\n' })), [
      'validation: chart.metadata.name is required',
    ]);
    assert.deepEqual(errors(render({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: one\n' })), [
      'validation: chart.metadata.version "one" is invalid',
    ]);
    assert.deepEqual(errors(render({ 'c/Chart.yaml': chartYaml('c', 'deprecated: "yes"\n') })), [
      'cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Metadata.deprecated of type bool',
    ]);
    const bad = errors(render({ 'c/Chart.yaml': chartYaml('c', '  bad: [\n') }));
    assert.match(bad[0], /^cannot load Chart\.yaml: error converting YAML to JSON: yaml: line \d+: /);
    assert.deepEqual(errors(render({ 'c/Chart.yaml': chartYaml('c', 'type: plugin\n') })), [
      'validation: chart.metadata.type must be application or library',
    ]);
  });
  test('a values.yaml that is not a map', () => {
    assert.deepEqual(errors(render({ 'c/Chart.yaml': chartYaml('c'), 'c/values.yaml': '- a\n' })), [
      'cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    ]);
  });
  test('hidden and underscore entries in charts/ are no subcharts', () => {
    const result = render({
      'c/Chart.yaml': chartYaml('c'),
      'c/charts/.gitkeep': '',
      'c/charts/_notes/x.txt': 'x',
      'c/templates/a.yaml': 'a: 1',
    });
    assert.deepEqual(errors(result), []);
    assert.deepEqual(outputs(result), { 'c/templates/a.yaml': 'a: 1' });
  });
  test('a file in charts/ that is no chart', () => {
    assert.deepEqual(errors(render({ 'c/Chart.yaml': chartYaml('c'), 'c/charts/README.md': 'hi' })), [
      'error unpacking subchart README.md in c: Chart.yaml file is missing',
    ]);
  });
  test('kubeVersion not met, and a --kube-version Helm cannot read', () => {
    const files = { 'c/Chart.yaml': chartYaml('c', 'kubeVersion: ">=1.30.0"\n') };
    assert.deepEqual(errors(render(files)), ['chart requires kubeVersion: >=1.30.0 which is incompatible with Kubernetes v1.29']);
    assert.deepEqual(errors(render(files, { kubeVersion: '1.30' })), []);
    assert.deepEqual(errors(render(files, { kubeVersion: '1' })), [`invalid kube version '1': illegal version string "1"`]);
  });
});

describe('what Helm warns about', () => {
  test('a deprecated chart renders, with the warning helm install prints', () => {
    const result = render({ 'c/Chart.yaml': chartYaml('c', 'deprecated: true\n'), 'c/templates/a.yaml': 'a: 1' });
    assert.deepEqual(result.warnings, ['This chart is deprecated']);
    assert.deepEqual(outputs(result), { 'c/templates/a.yaml': 'a: 1' });
  });
  test('a condition that is not a boolean, as Helm logs it', () => {
    const result = render({
      'c/Chart.yaml': chartYaml('c', 'dependencies:\n  - name: sub\n    version: 1.0.0\n    condition: sub.enabled\n'),
      'c/values.yaml': 'sub:\n  enabled: "no"\n',
      'c/charts/sub/Chart.yaml': chartYaml('sub'),
      'c/charts/sub/templates/s.yaml': 's: 1',
    });
    assert.deepEqual(result.warnings, ["Warning: Condition path 'sub.enabled' for chart sub returned non-bool value"]);
    assert.deepEqual(outputs(result), { 'c/charts/sub/templates/s.yaml': 's: 1' });
  });
});

describe('what a chart is made of', () => {
  test('templates of any extension render; hidden files in templates/ and partials do not', () => {
    const result = render({
      'c/Chart.yaml': chartYaml('c'),
      'c/templates/a.yaml': 'a: {{ .Chart.Name }}',
      'c/templates/b.yml': 'b: 1',
      'c/templates/c.txt': 'c: 1',
      'c/templates/.hidden.yaml': 'h: 1',
      'c/templates/_helpers.tpl': 'p: 1',
    });
    assert.deepEqual(outputs(result), { 'c/templates/c.txt': 'c: 1', 'c/templates/b.yml': 'b: 1', 'c/templates/a.yaml': 'a: c' });
  });
  test('an apiVersion v1 chart takes its dependencies from requirements.yaml', () => {
    const result = render({
      'c/Chart.yaml': 'apiVersion: v1\nname: c\nversion: 1.0.0\n',
      'c/requirements.yaml': 'dependencies:\n  - name: sub\n    version: 1.0.0\n    condition: sub.enabled\n',
      'c/values.yaml': 'sub:\n  enabled: false\n',
      'c/charts/sub/Chart.yaml': chartYaml('sub'),
      'c/charts/sub/templates/s.yaml': 's: 1',
    });
    assert.deepEqual(outputs(result), {});
  });
  test('a .tgz subchart renders like a folder', () => {
    const archive = tgz([
      { name: 'sub/Chart.yaml', text: chartYaml('sub') },
      { name: 'sub/values.yaml', text: 'greeting: hello\n' },
      { name: 'sub/templates/s.yaml', text: 'g: {{ .Values.greeting }} from {{ .Chart.Name }}' },
    ]);
    const result = render({ 'c/Chart.yaml': chartYaml('c'), 'c/charts/sub-1.0.0.tgz': archive });
    assert.deepEqual(outputs(result), { 'c/charts/sub/templates/s.yaml': 'g: hello from sub' });
    assert.equal(result.templates[0].file, 'c/charts/sub-1.0.0.tgz!/templates/s.yaml');
  });
  test('a broken archive is an error naming the subchart', () => {
    const result = render({ 'c/Chart.yaml': chartYaml('c'), 'c/charts/sub-1.0.0.tgz': new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2]) });
    assert.match(errors(result)[0], /^error unpacking subchart sub-1\.0\.0\.tgz in c: /);
  });
  test('.helmignore keeps files out of .Files', () => {
    const result = render({
      'c/Chart.yaml': chartYaml('c'),
      'c/.helmignore': '*.md\nsecret/\n',
      'c/README.md': 'readme',
      'c/secret/key': 'k',
      'c/files/a.txt': 'A',
      'c/templates/x.yaml':
        'md: {{ .Files.Get "README.md" | quote }}\nkey: {{ .Files.Get "secret/key" | quote }}\na: {{ .Files.Get "files/a.txt" }}',
    });
    assert.deepEqual(outputs(result), { 'c/templates/x.yaml': 'md: ""\nkey: ""\na: A' });
  });
});

describe('findCharts', () => {
  test('folders with a Chart.yaml, not their subcharts', () => {
    const files = memoryFiles({
      'deploy/app/Chart.yaml': chartYaml('app'),
      'deploy/app/charts/sub/Chart.yaml': chartYaml('sub'),
      'deploy/other/Chart.yaml': chartYaml('other'),
      'deploy/plain/x.yaml': 'a: 1',
      'README.md': '',
    });
    assert.deepEqual(findCharts(files, ''), ['deploy/app', 'deploy/other']);
    assert.deepEqual(findCharts(files, 'deploy/app'), ['deploy/app']);
  });
});
