// Versions and constraints as Masterminds/semver v3 checks them (kubeVersion and dependency ranges); cases from
// its documentation and tests.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCompatibleRange, parseConstraints, parseVersion } from '../../../../server/out/engine/render/helm/chart/semver';

describe('semver constraints', () => {
  const cases: [string, string, boolean][] = [
    ['>=1.28.0-0', 'v1.29', true],
    ['>=1.28.0-0', 'v1.27.3', false],
    ['^1.25.0-0', 'v1.29.0', true],
    ['>=1.23.0-0', 'v1.29.0-gke.1', true],
    ['>=1.23.0', 'v1.29.0-gke.1', false],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['~1', '1.9.0', true],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.4', false],
    ['1.2.x', '1.2.7', true],
    ['1.2.x', '1.3.0', false],
    ['*', '3.0.0', true],
    ['2.x.x', '2.31.10', true],
    ['2.x.x', '3.0.0', false],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['1.2 - 1.4.5', '1.4.6', false],
    ['>= 1.2, < 3.0.0 || >= 4.2.3', '4.3.0', true],
    ['>= 1.2, < 3.0.0 || >= 4.2.3', '3.5.0', false],
    ['!=1.2.3', '1.2.3', false],
    ['>1.2', '1.2.9', false],
    ['>1.2', '1.3.0', true],
    ['<=1.2', '1.2.9', true],
    ['1.6.2', '1.6.2', true],
    ['1.6.2', 'v1.6.2', true],
  ];
  for (const [constraint, version, expected] of cases) {
    test(`${version} ${expected ? 'satisfies' : 'does not satisfy'} ${constraint}`, () =>
      assert.equal(isCompatibleRange(constraint, version), expected));
  }
  test('bad input is incompatible, never an exception', () => {
    assert.equal(isCompatibleRange('', '1.0.0'), false);
    assert.equal(isCompatibleRange('>=1.0', 'not a version'), false);
    assert.equal(typeof parseConstraints('>>1'), 'string');
    assert.equal(typeof parseConstraints('x'.repeat(600)), 'string');
  });
  test('versions are coerced as NewVersion does', () => {
    assert.deepEqual(parseVersion('v1.29'), { major: 1, minor: 29, patch: 0, pre: '', metadata: '' });
    assert.deepEqual(parseVersion('1.2.3-rc.1+build.5'), { major: 1, minor: 2, patch: 3, pre: 'rc.1', metadata: 'build.5' });
    assert.equal(parseVersion('1.2.3.4'), 'invalid semantic version');
    assert.equal(parseVersion('1.2.3-01'), 'version segment starts with 0');
  });
});
