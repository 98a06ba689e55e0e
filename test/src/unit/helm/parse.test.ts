// Lexer and parser: Go's syntax and its parse-time errors, in Go's wording.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TemplateError, TemplateSet, goInt } from '../../../../server/out/engine/render/helm/template';
import { render } from './render';

function parseError(text: string): TemplateError {
  try {
    new TemplateSet().add('p', text);
  } catch (e) {
    assert.ok(e instanceof TemplateError);
    assert.equal(e.kind, 'parse');
    return e;
  }
  return assert.fail(`parsed: ${text}`);
}

test('trim markers need a space; {{-3}} is a number', () => {
  assert.equal(render('a  {{- "b" -}}  c'), 'abc');
  assert.equal(render('a {{-3}} c'), 'a -3 c');
  assert.equal(render('x\n  {{- /* comment */ -}}\n  y'), 'xy');
  assert.equal(render('{{/* c */}}z'), 'z');
});

test('literals: strings with escapes, raw strings, chars, numbers', () => {
  assert.equal(
    render('{{ "a\\tb\\u00e9" }}|{{ `raw\\n` }}|{{ \'a\' }}|{{ 0x1F }}|{{ 1e3 }}|{{ 1_000 }}|{{ 0o17 }}|{{ 3.0 }}'),
    'a\tbé|raw\\n|97|31|1000|1000|15|3',
  );
});

test('unknown functions and undefined variables fail at parse time', () => {
  assert.equal(parseError('{{ nope 1 }}').message, 'template: p:1: function "nope" not defined');
  assert.equal(parseError('a\n{{ $x }}').message, 'template: p:2: undefined variable "$x"');
  assert.equal(parseError('{{ range . }}{{ end }}{{ break }}').message, 'template: p:1: {{break}} outside {{range}}');
});

test('pipeline rules', () => {
  assert.equal(parseError('{{ 1 | 2 }}').message, 'template: p:1: non executable command in pipeline stage 2');
  assert.equal(parseError('{{ }}').message, 'template: p:1: missing value for command');
  assert.match(parseError('{{ if . }}').message, /unexpected EOF/);
  assert.match(parseError('{{ end }}').message, /unexpected \{\{end\}\}/);
  assert.match(parseError('{{ "unterminated }}').message, /unterminated quoted string/);
});

test('define, block and template; a later definition replaces an earlier one, an empty one does not', () => {
  const set = new TemplateSet();
  set.add('a', '{{ define "x" }}first{{ end }}');
  set.add('b', '{{ define "x" }}second{{ end }}');
  set.add('c', '{{ define "x" }}  {{ end }}');
  set.add('t', '{{ template "x" }}|{{ block "y" . }}default{{ end }}');
  assert.equal(set.execute('t', null).text, 'second|default');
  assert.ok(set.has('y'));
  assert.match(parseError('{{ define "d" }}1{{ end }}{{ define "d" }}2{{ end }}').message, /multiple definition of template "d"/);
});

test('else if and else with chains share one end', () => {
  const t = '{{ if eq . 1 }}one{{ else if eq . 2 }}two{{ else }}many{{ end }}';
  const set = new TemplateSet();
  set.add('t', t);
  assert.equal(set.execute('t', goInt(2)).text, 'two');
  assert.equal(set.execute('t', goInt(5)).text, 'many');
  const w = new TemplateSet();
  w.add('w', '{{ with .a }}a={{ . }}{{ else with .b }}b={{ . }}{{ else }}none{{ end }}');
  assert.equal(w.execute('w', new Map([['b', 'B']])).text, 'b=B');
  assert.equal(w.execute('w', new Map()).text, 'none');
});
