// Executor: control flow, variables and scopes, truthiness, comparisons with Go's type rules, missing keys.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TemplateError } from '../../../../server/out/engine/render/helm/template';
import { render } from './render';

const VALUES = 'num: 3\nlist: [b, a]\nmap: {z: 1, a: 2}\nempty: ""\nzero: 0\nnil: null\nflag: false\n';

function execError(text: string, values = VALUES): TemplateError {
  try {
    render(text, values);
  } catch (e) {
    assert.ok(e instanceof TemplateError, String(e));
    return e;
  }
  return assert.fail(`rendered: ${text}`);
}

test('range over slices, maps (sorted keys), integers; else on empty; break and continue', () => {
  assert.equal(render('{{ range $i, $v := .Values.list }}{{ $i }}{{ $v }}{{ end }}', VALUES), '0b1a');
  assert.equal(render('{{ range $k, $v := .Values.map }}{{ $k }}={{ $v }};{{ end }}', VALUES), 'a=2;z=1;');
  assert.equal(render('{{ range 3 }}{{ . }}{{ end }}'), '012');
  assert.equal(render('{{ range .Values.nope }}x{{ else }}none{{ end }}', VALUES), 'none');
  assert.equal(
    render('{{ range until 6 }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}'),
    '023',
  );
});

test('variables: := declares in the scope, = assigns the outer one; $ is the root', () => {
  assert.equal(render('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}'), '2');
  assert.equal(render('{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}'), '1');
  assert.equal(render('{{ range .Values.list }}{{ $.Values.num }}{{ end }}', VALUES), '33');
  assert.equal(render('{{ with .Values.map }}{{ .a }}{{ end }}', VALUES), '2');
});

test('truthiness: zero values are false', () => {
  assert.equal(
    render(
      '{{ if .Values.empty }}y{{ else }}n{{ end }}{{ if .Values.zero }}y{{ else }}n{{ end }}{{ if .Values.nil }}y{{ else }}n{{ end }}{{ if .Values.list }}y{{ end }}',
      VALUES,
    ),
    'nnny',
  );
  assert.equal(render('{{ and 1 0 2 }}|{{ or 0 "" "x" }}|{{ not .Values.flag }}', VALUES), '0|x|true');
});

test('and/or short-circuit: the unevaluated operand never runs', () => {
  assert.equal(render('{{ and false (fail "never") }}'), 'false');
  assert.equal(render('{{ or true (fail "never") }}'), 'true');
});

test('comparisons follow Go: int vs float64 is an error, ints of any sign compare', () => {
  assert.equal(
    render('{{ eq .Values.num 3.0 }}|{{ eq (int .Values.num) 3 }}|{{ lt "a" "b" }}|{{ eq .Values.nope nil }}', VALUES),
    'true|true|true|true',
  );
  assert.match(execError('{{ eq .Values.num 3 }}').message, /error calling eq: incompatible types for comparison/);
  assert.match(execError('{{ lt 1 "a" }}').message, /incompatible types for comparison/);
});

test('missing keys print nothing (Helm removes <no value>); nil through a missing map is an error', () => {
  assert.equal(render('a{{ .Values.nope }}b{{ .Values.nil }}c', VALUES), 'abc');
  assert.equal(render('{{ print .Values.nope }}', VALUES), '<nil>');
  assert.equal(
    execError('x\n  {{ .Values.nope.deeper }}').message,
    'template: t.yaml:2:12: executing "t.yaml" at <.Values.nope.deeper>: nil pointer evaluating interface {}.deeper',
  );
});

test('an error context is the whole node, as Go 1.26 prints it (older Go cut it to 20 bytes)', () => {
  assert.equal(
    execError('{{ .Values.aVeryLongFieldName.nested.deeper }}').message,
    'template: t.yaml:1:10: executing "t.yaml" at <.Values.aVeryLongFieldName.nested.deeper>: nil pointer evaluating interface {}.nested',
  );
});

test('a key spelled n or y is a boolean to go-yaml v2: Helm sees "false"/"true"', () => {
  assert.equal(render('{{ .Values.n }}|{{ index .Values "false" }}', 'n: 3\n'), '|3');
});

test('index and len use Go semantics', () => {
  assert.equal(
    render('{{ index .Values.map "a" }}|{{ index .Values.list 1 }}|{{ index .Values.map "q" }}|{{ len "héllo" }}', VALUES),
    '2|a||6',
  );
  assert.match(execError('{{ index .Values.list 5 }}').message, /index out of range: 5/);
});

test('argument types are checked as Go does', () => {
  assert.match(execError('{{ indent .Values.num "x" }}').message, /wrong type for value; expected int; got float64/);
  assert.match(execError('{{ .Values.num | upper }}').message, /wrong type for value; expected string; got float64/);
  assert.match(execError('{{ trunc "3" "abc" }}').message, /expected integer; found "3"/);
});

test("method calls on objects and can't-evaluate errors", () => {
  assert.equal(render('{{ .Capabilities.APIVersions.Has "apps/v1" }}|{{ .Chart.Name }}'), 'true|diff');
  assert.match(execError('{{ .Chart.Nope }}').message, /can't evaluate field Nope in type interface \{\}/);
});
