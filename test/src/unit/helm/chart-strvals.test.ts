// `--set` / `--set-string` as Helm's strvals parses them; cases from Helm's own parser tests (pkg/strvals).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSet } from '../../../../server/out/engine/render/helm/chart/strvals';
import { GoInt, type GoMap, type GoValue } from '../../../../server/out/engine/render/helm/template/value';

/** Values as plain JSON; a Go int64 shows as `{ int64: n }` so that its type is checked too. */
function plain(v: GoValue): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]));
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof GoInt) return { [v.type]: v.value };
  return v;
}

function parse(expression: string, forceString = false, into: GoMap = new Map()): unknown {
  parseSet(expression, into, forceString);
  return plain(into);
}

describe('--set', () => {
  const cases: [string, unknown][] = [
    ['name1=null,f=false,t=true', { name1: null, f: false, t: true }],
    ['name1=value1,name2=value2,', { name1: 'value1', name2: 'value2' }],
    ['name1=,name2=value2', { name1: '', name2: 'value2' }],
    ['leading_zeros=00009', { leading_zeros: '00009' }],
    ['zero_int=0', { zero_int: { int64: 0 } }],
    ['long_int=1234567890', { long_int: { int64: 1234567890 } }],
    ['negative=-5', { negative: { int64: -5 } }],
    ['float=1.5', { float: '1.5' }],
    ['TRUE=True', { TRUE: true }],
    ['name1=one\\,two,name2=three\\=four', { name1: 'one,two', name2: 'three=four' }],
    ['name1=one two three', { name1: 'one two three' }],
    ['outer.middle.inner=value', { outer: { middle: { inner: 'value' } } }],
    ['outer.inner1=value,outer.middle.inner=value', { outer: { inner1: 'value', middle: { inner: 'value' } } }],
    ['name1.name2=', { name1: { name2: '' } }],
    ['name1={value1,value2}', { name1: ['value1', 'value2'] }],
    ['name1={1021,902}', { name1: [{ int64: 1021 }, { int64: 902 }] }],
    ['list[0].foo=bar,list[0].hello=world', { list: [{ foo: 'bar', hello: 'world' }] }],
    ['list[0]=foo,list[3]=bar', { list: ['foo', null, null, 'bar'] }],
    ['noval[0]', { noval: [] }],
    ['noval[0]=', { noval: [''] }],
    ['nested[1][1]=1', { nested: [null, [null, { int64: 1 }]] }],
    ['name1.name2[1].foo=bar,name1.name2[0].foo=bar', { name1: { name2: [{ foo: 'bar' }, { foo: 'bar' }] } }],
  ];
  for (const [expression, expected] of cases) {
    test(expression, () => assert.deepEqual(parse(expression), expected));
  }

  const errors: [string, RegExp][] = [
    ['name1=value1,,,,name2=value2,', /key "" has no value \(cannot end with ,\)/],
    ['name1,name2=value2', /key "name1" has no value \(cannot end with ,\)/],
    ['name1,name2', /key "name1" has no value/],
    ['name1.name2', /key "name2" has no value/],
    ['name1.=name2', /key map "name1" has no value/],
    ['name1={1021,902', /list must terminate with '}'/],
    ['list[0].foo=bar,list[-30].hello=world', /negative -30 index not allowed/],
    ['illegal[0]name.foo=bar', /unexpected data at end of array index: "name"/],
    ['list[70000]=x', /index of 70000 is greater than maximum supported index of 65536/],
    [`${Array.from({ length: 32 }, (_, i) => `k${i}`).join('.')}=x`, /nested level is greater than maximum supported nested level of 30/],
  ];
  for (const [expression, message] of errors) {
    test(`refuses ${expression.slice(0, 40)}`, () => assert.throws(() => parse(expression), message));
  }

  test('merges into existing values; a scalar in the way is a type error, as Helm reports it', () => {
    const into: GoMap = new Map([['image', new Map<string, GoValue>([['tag', '1.0']])]]);
    assert.deepEqual(parse('image.repository=nginx', false, into), { image: { tag: '1.0', repository: 'nginx' } });
    const scalar: GoMap = new Map([['image', 'nginx']]);
    assert.throws(
      () => parse('image.tag=2', false, scalar),
      /unable to parse key: interface conversion: interface \{\} is string, not map\[string\]interface \{\}/,
    );
  });
});

describe('--set-string', () => {
  test('every value stays a string', () => {
    assert.deepEqual(parse('long_int_string=1234567890,boolean=true,is_null=null,zero=0', true), {
      long_int_string: '1234567890',
      boolean: 'true',
      is_null: 'null',
      zero: '0',
    });
  });
});
