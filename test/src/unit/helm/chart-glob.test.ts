// The two glob dialects of a chart: Go's path.Match (.helmignore) and gobwas/glob (.Files.Glob), and
// .helmignore's rule semantics, with expectations from Go's and Helm's documentation and tests.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileFilesGlob, goMatch } from '../../../../server/out/engine/render/helm/chart/glob';
import { IgnoreRules } from '../../../../server/out/engine/render/helm/chart/helmignore';

describe("Go's path.Match", () => {
  const cases: [string, string, boolean][] = [
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a?b', 'a/b', false],
    ['*.txt', 'notes.txt', true],
  ];
  for (const [pattern, name, expected] of cases) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${name}`, () => assert.equal(goMatch(pattern, name), expected));
  }
  test('malformed patterns match nothing', () => {
    for (const bad of ['[', 'a[', '[]a]', 'a\\', '[-]', '[x-]']) assert.equal(goMatch(bad, 'a'), false, bad);
  });
});

describe('.Files.Glob patterns (gobwas/glob, "/" separator)', () => {
  const cases: [string, string, boolean][] = [
    ['files/*', 'files/a.txt', true],
    ['files/*', 'files/sub/a.txt', false],
    ['files/**', 'files/sub/a.txt', true],
    ['**.yaml', 'a/b/c.yaml', true],
    ['files/?.txt', 'files/a.txt', true],
    ['files/{a,b}.txt', 'files/b.txt', true],
    ['files/{a,b}.txt', 'files/c.txt', false],
    ['files/[!a].txt', 'files/a.txt', false],
    ['files/[a-c].txt', 'files/b.txt', true],
  ];
  for (const [pattern, name, expected] of cases) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${name}`, () =>
      assert.equal(compileFilesGlob(pattern)?.test(name), expected));
  }
  test('an unbalanced pattern is refused (Helm then matches everything)', () => {
    assert.equal(compileFilesGlob('files/{a,b'), undefined);
    assert.equal(compileFilesGlob('files/[ab'), undefined);
  });
});

describe('.helmignore', () => {
  const rules = IgnoreRules.parse(['# comment', '', '*.md', '/secrets/', 'docs/*.txt', 'tmp/', '.git'].join('\n'));
  test('a pattern without a slash matches the base name anywhere', () => {
    assert.equal(rules.ignores('README.md', false), true);
    assert.equal(rules.ignores('charts/sub/README.md', false), true);
  });
  test('a pattern with a slash matches the whole path', () => {
    assert.equal(rules.ignores('docs/a.txt', false), true);
    assert.equal(rules.ignores('other/docs/a.txt', false), false);
  });
  test('a trailing slash matches directories only', () => {
    assert.equal(rules.ignores('tmp', true), true);
    assert.equal(rules.ignores('tmp', false), false);
    assert.equal(rules.ignores('secrets', true), true);
  });
  test('hidden files in templates/ are always ignored (Helm adds templates/.?*)', () => {
    assert.equal(rules.ignores('templates/.keep', false), true);
    assert.equal(IgnoreRules.defaults().ignores('templates/.x.yaml', false), true);
    assert.equal(IgnoreRules.defaults().ignores('templates/x.yaml', false), false);
  });
  test('a negated rule ignores what it does not match (Helm evaluates it that way)', () => {
    const negated = IgnoreRules.parse('!keep.txt');
    assert.equal(negated.ignores('other.txt', false), true);
    assert.equal(negated.ignores('keep.txt', false), false);
  });
  test('rules Helm refuses', () => {
    assert.throws(() => IgnoreRules.parse('a/**/b'), /double-star \(\*\*\) syntax is not supported/);
    assert.throws(() => IgnoreRules.parse('a['), /syntax error in pattern/);
  });
});
