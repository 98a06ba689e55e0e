// Rule options reach rules through LintOptions.ruleOptions, from the VS Code setting
// kubeZeroDowntime.resources.requireCpuLimit (lsp/settings.ts) as from any other adapter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintWithFixes } from '../../../server/out/engine';
import { normalizeSettings, toLintOptions } from '../../../server/out/lsp/settings';

const SIZED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: example/web:1
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 128Mi}
`;

const onlyResources = (options: ReturnType<typeof toLintOptions>) =>
  lintWithFixes(SIZED, options).findings.filter((f) => f.ruleId === 'resources-missing');

test('resources-missing does not demand a CPU limit by default', () => {
  assert.deepEqual(onlyResources(toLintOptions(normalizeSettings({}))), []);
  assert.deepEqual(onlyResources(toLintOptions(normalizeSettings({ resources: { requireCpuLimit: false } }))), []);
});

test('kubeZeroDowntime.resources.requireCpuLimit makes it demand one, with a fix taking the request value', () => {
  const options = toLintOptions(normalizeSettings({ resources: { requireCpuLimit: true } }));
  assert.deepEqual(options.ruleOptions, { requireCpuLimit: true });
  const [finding] = onlyResources(options);
  assert.ok(finding, 'a finding for the missing CPU limit');
  assert.match(finding.message, /no cpu limit/);
  assert.match(finding.fixes[0].edits.map((e) => e.newText).join(''), /cpu: 100m/);
});

test('junk values are ignored', () => {
  assert.equal(toLintOptions(normalizeSettings({ resources: { requireCpuLimit: 'yes' } })).ruleOptions, undefined);
  assert.equal(toLintOptions(normalizeSettings({ resources: true })).ruleOptions, undefined);
});
