// The value model and values files as Helm reads them (sigs.k8s.io/yaml: go-yaml v2 scalars, through JSON).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { GoInt, ValuesError, deepCopy, goTypeName, originOf, valuesFromYaml } from '../../../../server/out/engine/render/helm/template';
import { render } from './render';

test('numbers are float64; YAML 1.1 booleans; timestamps and base-60 stay strings; merge keys', () => {
  const v = valuesFromYaml('a: 1\nb: yes\nc: 2024-01-01\nd: 1:20\ne: 0x10\nf: on\nbase: &b {x: 1, z: 2}\nm:\n  <<: *b\n  z: 3\n', 'v.yaml');
  assert.equal(v.get('a'), 1);
  assert.equal(goTypeName(v.get('a') ?? null), 'float64');
  assert.equal(v.get('b'), true);
  assert.equal(v.get('c'), '2024-01-01');
  assert.equal(v.get('d'), '1:20');
  assert.equal(v.get('e'), 16);
  assert.equal(v.get('f'), true);
  assert.deepEqual(
    [...(v.get('m') as Map<string, unknown>)],
    [
      ['x', 1],
      ['z', 3],
    ],
  );
});

test('keys like __proto__ are ordinary; empty documents are empty maps; non-maps are refused', () => {
  const v = valuesFromYaml('__proto__: 1\nconstructor: 2\n', 'v.yaml');
  assert.equal(v.get('__proto__'), 1);
  assert.equal(valuesFromYaml('', 'v.yaml').size, 0);
  assert.throws(() => valuesFromYaml('- a\n', 'v.yaml'), ValuesError);
});

test('origins point at value nodes and survive deepCopy', () => {
  const text = 'image:\n  tag: "1.0"\n';
  const v = valuesFromYaml(text, 'v.yaml');
  const image = v.get('image') as Map<string, never>;
  const o = originOf(image, 'tag');
  assert.equal(text.slice(o?.start, o?.end), '"1.0"');
  assert.deepEqual(originOf(deepCopy(image) as Map<string, never>, 'tag'), o);
  assert.ok(new GoInt(3).value === 3);
});

test('of several YAML documents only the first is read, as go-yaml v2 does (fromYaml, values files)', () => {
  assert.deepEqual([...valuesFromYaml('a: 1\n---\nb: 2\n', 'v.yaml')], [['a', 1]]);
  assert.deepEqual([...valuesFromYaml('---\n---\nb: 2\n', 'v.yaml')], []);
  // A later document is never parsed, so its errors do not count.
  assert.deepEqual([...valuesFromYaml('a: 1\n---\nb: [\n', 'v.yaml')], [['a', 1]]);
  assert.equal(render('{{ "a: 1\\n---\\nb: 2\\n" | fromYaml | toJson }}|{{ "- 1\\n---\\n- 2" | fromYamlArray | toJson }}'), '{"a":1}|[1]');
});
