// values.schema.json as Helm validates it (jsonschema v6) and reports it; expected lines are helm v3.21.4's for
// the same chart (their order within a level is Go map order in Helm, so lines are compared sorted).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chartYaml, errors, outputs, render } from './chart-helpers';

const HEADER = "values don't meet the specifications of the schema(s) in the following chart(s):";

/** The failures' lines as Helm prints them, without the header and chart lines, sorted. */
function lines(messages: string[], chart: string): string[] {
  return messages
    .flatMap((m) => {
      assert.ok(m.startsWith(`${HEADER}\n${chart}:\n`), m);
      return m.slice(`${HEADER}\n${chart}:\n`.length).split('\n');
    })
    .sort();
}

const SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['image', 'name'],
  additionalProperties: false,
  definitions: { port: { type: 'integer', minimum: 1, maximum: 65535 } },
  properties: {
    image: { type: 'object', properties: { tag: { type: 'string', pattern: '^v' } } },
    replicas: { type: 'integer', minimum: 1 },
    port: { $ref: '#/definitions/port' },
    mode: { enum: ['a', 'b'] },
    big: { maximum: 1000 },
    email: { type: 'string', format: 'email' },
    list: { type: 'array', items: { type: 'string' }, maxItems: 2, uniqueItems: true },
    either: { anyOf: [{ type: 'string' }, { type: 'boolean' }] },
    one: { oneOf: [{ type: 'integer' }, { minimum: 0 }] },
    c: { const: 'x' },
    n: { not: { type: 'string' } },
    len: { type: 'string', minLength: 3 },
  },
});
const VALUES =
  'image:\n  tag: 1.0\nreplicas: 0\nport: 70000\nmode: c\nbig: 123456\nemail: nope\nlist: [a, a, b]\neither: 5\none: 5\nc: y\nn: s\nlen: ab\nextra: 1\n';

describe('values.schema.json', () => {
  test('every keyword reported as Helm reports it', () => {
    const result = render({
      'c/Chart.yaml': chartYaml('s'),
      'c/values.yaml': VALUES,
      'c/values.schema.json': SCHEMA,
      'c/templates/x.yaml': 'x: 1',
    });
    assert.deepEqual(lines(errors(result), 's'), [
      "  - at '/either': got number, want boolean",
      "  - at '/either': got number, want string",
      "  - at '/list': items at 0 and 1 are equal",
      "  - at '/list': maxItems: got 3, want 2",
      // `n` is YAML 1.1's false, as a key too.
      "- at '': additional properties 'false', 'extra' not allowed",
      "- at '': missing property 'name'",
      "- at '/big': maximum: got 123,456, want 1,000",
      "- at '/c': value must be 'x'",
      "- at '/either': 'anyOf' failed",
      "- at '/email': 'nope' is not valid email: missing @",
      "- at '/image/tag': got number, want string",
      "- at '/len': minLength: got 2, want 3",
      "- at '/list': validation failed",
      "- at '/mode': value must be one of 'a', 'b'",
      "- at '/one': 'oneOf' failed, subschemas 0, 1 matched",
      "- at '/port': maximum: got 70,000, want 65,535",
      "- at '/replicas': minimum: got 0, want 1",
    ]);
    assert.deepEqual(result.templates, [], 'Helm renders nothing when the values break the schema');
  });

  test('each failure points at the values node it is about', () => {
    const result = render({ 'c/Chart.yaml': chartYaml('s'), 'c/values.yaml': VALUES, 'c/values.schema.json': SCHEMA });
    const replicas = result.errors.find((e) => e.message.endsWith("- at '/replicas': minimum: got 0, want 1"));
    assert.ok(replicas);
    assert.equal(replicas.file, 'c/values.yaml');
    assert.equal(VALUES.slice(replicas.start, replicas.end), '0');
    const missing = result.errors.find((e) => e.message.endsWith("missing property 'name'"));
    assert.equal(missing?.file, 'c/values.schema.json');
  });

  test('draft-04: boolean exclusiveMaximum, dependencies, tuple items, nested allOf, asserted formats', () => {
    const schema = JSON.stringify({
      $schema: 'http://json-schema.org/draft-04/schema#',
      properties: {
        a: { maximum: 10, exclusiveMaximum: true },
        b: { type: 'object', dependencies: { x: ['y'] } },
        c: { type: 'array', items: [{ type: 'string' }], additionalItems: false },
        d: { allOf: [{ minimum: 5 }, { multipleOf: 0.5 }] },
        e: { format: 'ipv4' },
      },
    });
    const result = render({
      'c/Chart.yaml': chartYaml('s'),
      'c/values.yaml': 'a: 10\nb:\n  x: 1\nc: [s, 1, 2]\nd: 4.2\ne: 1.2.3\n',
      'c/values.schema.json': schema,
    });
    assert.deepEqual(lines(errors(result), 's'), [
      "  - at '/d': minimum: got 4.2, want 5",
      "  - at '/d': multipleOf: got 4.2, want 0.5",
      "- at '/a': exclusiveMaximum: got 10, want 10",
      "- at '/b': properties 'y' required, if 'x' exists",
      "- at '/c': last 2 additionalItem(s) not allowed",
      "- at '/d': 'allOf' failed",
      "- at '/e': '1.2.3' is not valid ipv4: expected four decimals",
    ]);
  });

  test('draft-07: if/then/else, propertyNames (whose errors the validator locates at the root)', () => {
    const schema = JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: {
        cfg: { if: { properties: { mode: { const: 'tls' } } }, then: { required: ['cert'] }, else: { required: ['plain'] } },
        p: { propertyNames: { pattern: '^[a-z]+$' } },
      },
    });
    const result = render({
      'c/Chart.yaml': chartYaml('s'),
      'c/values.yaml': 'cfg:\n  mode: tls\np:\n  Bad: 1\n',
      'c/values.schema.json': schema,
    });
    assert.deepEqual(lines(errors(result), 's'), [
      "  - at '': 'Bad' does not match pattern '^[a-z]+$'",
      "- at '': invalid propertyName 'Bad'",
      "- at '/cfg': missing property 'cert'",
    ]);
  });

  test('without $schema the draft is 2020-12: formats are not asserted, items is one schema', () => {
    const schema = JSON.stringify({ properties: { email: { format: 'email' }, list: { items: { type: 'integer' } } } });
    const result = render({
      'c/Chart.yaml': chartYaml('s'),
      'c/values.yaml': 'email: nope\nlist: [1, x]\n',
      'c/values.schema.json': schema,
    });
    assert.deepEqual(lines(errors(result), 's'), ["- at '/list/1': got string, want integer"]);
  });

  test("a subchart's schema checks its own section, after the parent's values are in", () => {
    const result = render({
      'c/Chart.yaml': chartYaml('c'),
      'c/values.yaml': 'sub:\n  port: "80"\n',
      'c/charts/sub/Chart.yaml': chartYaml('sub'),
      'c/charts/sub/values.yaml': 'port: 8080\n',
      'c/charts/sub/values.schema.json': '{"properties":{"port":{"type":"integer"}}}',
    });
    assert.deepEqual(errors(result), [`${HEADER}\nsub:\n- at '/port': got string, want integer`]);
    assert.equal(result.errors[0].file, 'c/values.yaml');
  });

  test('references outside the file are not fetched: a warning, and the rest is validated', () => {
    const schema = JSON.stringify({
      properties: { remote: { $ref: 'https://example.com/schema.json' }, local: { type: 'string' } },
    });
    const result = render({ 'c/Chart.yaml': chartYaml('s'), 'c/values.yaml': 'remote: 1\nlocal: 2\n', 'c/values.schema.json': schema });
    assert.deepEqual(lines(errors(result), 's'), ["- at '/local': got number, want string"]);
    assert.deepEqual(result.warnings, [
      'c/values.schema.json refers to https://example.com/schema.json, which is not fetched: the values it describes are not validated',
    ]);
  });

  test('--skip-schema-validation', () => {
    const result = render(
      {
        'c/Chart.yaml': chartYaml('s'),
        'c/values.yaml': 'a: 1\n',
        'c/values.schema.json': '{"properties":{"a":{"type":"string"}}}',
        'c/templates/x.yaml': 'a: {{ .Values.a }}',
      },
      { skipSchemaValidation: true },
    );
    assert.deepEqual(outputs(result), { 's/templates/x.yaml': 'a: 1' });
  });

  test('a schema that is not JSON is one clear error at the schema', () => {
    const result = render({ 'c/Chart.yaml': chartYaml('s'), 'c/values.schema.json': '{"type": ' });
    assert.equal(result.errors.length, 1);
    assert.match(
      result.errors[0].message,
      /^values don't meet the specifications of the schema\(s\) in the following chart\(s\):\ns:\ninvalid JSON in values\.schema\.json: /,
    );
    assert.equal(result.errors[0].file, 'c/values.schema.json');
  });
});
