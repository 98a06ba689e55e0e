// toYaml as Helm formats it (sigs.k8s.io/yaml: JSON round trip, go-yaml v2 styles, 80-column folding).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { render } from './render';

test('keys sorted in go-yaml order (digit runs as numbers), sequences not indented under keys', () => {
  assert.equal(
    render('{{ toYaml (dict "b10" 1 "b9" 2 "a" (list 1 (dict "x" 1 "y" (list)))) }}'),
    'a:\n- 1\n- x: 1\n  "y": []\nb9: 2\nb10: 1',
  );
});

test('numbers go through JSON: float64 integers print as ints, others with strconv g', () => {
  assert.equal(render('{{ toYaml .Values }}', 'a: 1000000\nb: 0.5\nc: 1.0e-7\nd: 3.0\n'), 'a: 1000000\nb: 0.5\nc: 1e-07\nd: 3');
});

test('strings: quoting for ambiguous scalars, literal blocks, indentation hints', () => {
  assert.equal(
    render('{{ toYaml (list "123" "true" "yes" "" "a: b" "#x" "1:20" "2024-01-02" "plain") }}'),
    '- "123"\n- "true"\n- "yes"\n- ""\n- \'a: b\'\n- \'#x\'\n- "1:20"\n- "2024-01-02"\n- plain',
  );
  assert.equal(
    render('{{ toYaml (dict "k" "a\\nb\\n" "l" "a\\nb" "m" " lead\\nx" "t" "trail \\nx") }}'),
    'k: |\n  a\n  b\nl: |-\n  a\n  b\nm: |2-\n   lead\n  x\nt: "trail \\nx"',
  );
});

test('long plain strings fold at 80 columns', () => {
  const long = 'word '.repeat(20).trim();
  assert.equal(render(`{{ toYaml (dict "k" "${long}") }}`), `k: ${'word '.repeat(15)}word\n  ${'word '.repeat(3)}word`);
});

test('empty collections and nil', () => {
  assert.equal(
    render('{{ toYaml (dict "a" (dict) "b" (list) "c" nil) }}|{{ toYaml nil }}|{{ toYaml (list) }}'),
    'a: {}\nb: []\nc: null|null|[]',
  );
});

test('a key over 128 bytes or on several lines is written as a complex key (`? key` then `: value`)', () => {
  const k = 'k'.repeat(130);
  assert.equal(render(`{{ toYaml (dict "${k}" 1) }}`), `? ${k}\n: 1`);
  assert.equal(render(`{{ toYaml (dict "${'é'.repeat(50)}" 1) }}`), `${'é'.repeat(50)}: 1`, '100 bytes: still simple');
  assert.equal(render(`{{ toYaml (dict "top" (dict "${k}" (dict "a" 1) "b" "y")) }}`), `top:\n  b: "y"\n  ? ${k}\n  : a: 1`);
  assert.equal(render(`{{ toYaml (list (dict "${k}" (list 1 2))) }}`), `- ? ${k}\n  : - 1\n    - 2`);
  assert.equal(render('{{ toYaml (dict "a\\nb" (dict "x" 1) "c" (list 1)) }}'), '? |-\n  a\n  b\n: x: 1\nc:\n- 1');
  assert.equal(
    render(`{{ toYaml (dict (repeat 30 "word ") 1) }}`),
    "? 'word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word '\n: 1",
  );
});

test('break characters other than \\n are written as themselves in literal and single-quoted scalars', () => {
  assert.equal(render('{{ toYaml (dict "a" "x\\u2028y\\n") }}'), 'a: |\n  x\u2028  y');
  assert.equal(render('{{ toYaml (list "x\\u2028") }}'), "- 'x\u2028'");
  // toYaml never ends with a document end marker (`...`), even after a keep-chomped block.
  assert.equal(render('{{ toYaml (dict "a" "x\\n\\n") }}|{{ toYaml "abc" }}'), 'a: |+\n  x\n|abc');
});
