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
