// Parsing is cached per template text: the linter re-renders a chart on every keystroke, and an edit of one
// template must re-parse that template only (and a `tpl` text is parsed once however often it runs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStatistics } from '../../../../server/out/engine/render/helm/template';
import { chartYaml, errors, outputs, render } from './chart-helpers';
import { render as renderText } from './render';

const chart = (edited: string): Record<string, string> => ({
  'c/Chart.yaml': chartYaml('cache-test'),
  'c/values.yaml': 'name: web\n',
  'c/templates/_helpers.tpl': '{{ define "h" }}helper-{{ .Values.name }}{{ end }}',
  'c/templates/a.yaml': `a: {{ include "h" . }} ${edited}\n`,
  'c/templates/b.yaml': 'b: {{ .Values.name | upper }}\n',
  'c/templates/broken.yaml': 'x: {{ if }}\n',
});

test('editing one template of a chart re-parses that template only', () => {
  render(chart('first'));
  const before = parseStatistics().parses;
  const result = render(chart('second'));
  assert.equal(parseStatistics().parses - before, 1);
  assert.equal(outputs(result)['cache-test/templates/a.yaml'], 'a: helper-web second\n');
  // A parse error is remembered too, and still reported.
  assert.match(outputs(result)['cache-test/templates/broken.yaml'], /missing value for if/);
  assert.deepEqual(errors(result), []);
});

test('tpl parses a text once however often it runs', () => {
  const before = parseStatistics().parses;
  assert.equal(
    renderText('{{ range until 50 }}{{ tpl "{{ .Values.v }}-tpl-cache" $ }}{{ end }}', 'v: x').length,
    50 * '-tpl-cache'.length + 50,
  );
  assert.equal(parseStatistics().parses - before, 2);
});
