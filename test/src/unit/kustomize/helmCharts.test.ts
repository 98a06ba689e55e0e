// Kustomizations with `helmCharts:` built in-process (the Kustomize build rendering the chart with the in-process
// Helm renderer) and compared with `kubectl kustomize --enable-helm --helm-command <the reference Helm>` run live on
// the same temporary directory: the same objects, deep-equal. Charts come from ../shared/helm, copied into the
// temporary directory's charts/ at test time. The reference Helm is installed by scripts/helm-reference.mjs, as for
// the chart differential test: without it (no Go) this test fails and says so.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../../../server/out/engine/render/kustomize';
import { directoryFiles } from './projectFiles';
import { HELM_KUSTOMIZATIONS, type HelmKustomization } from './helmChartsCases';
import { referenceHelm } from './referenceHelm';

const SHARED_CHARTS = path.resolve(__dirname, '../../../../../shared/helm/charts');

export function objects(text: string): Map<string, unknown> {
  const byKey = new Map<string, unknown>();
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS() as Record<string, unknown> | null;
    if (value === null) continue;
    const metadata = (value.metadata ?? {}) as Record<string, unknown>;
    byKey.set(`${String(value.apiVersion)}|${String(value.kind)}|${String(metadata.namespace ?? '')}|${String(metadata.name)}`, value);
  }
  return byKey;
}

/** Writes a case into `dir`: its files, and the shared charts it uses under charts/<chart name>. */
function writeCase(dir: string, c: HelmKustomization): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [chartName, shared] of Object.entries(c.charts)) {
    fs.cpSync(path.join(SHARED_CHARTS, shared), path.join(dir, c.chartHome ?? 'charts', chartName), { recursive: true });
  }
  for (const [file, text] of Object.entries(c.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

describe('helmCharts against live kubectl kustomize --enable-helm', () => {
  const helm = referenceHelm();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-kustomize-helm-'));
  after(() => fs.rmSync(temp, { recursive: true, force: true }));
  const files = directoryFiles(temp);

  it('covers at least 4 shared charts, one with subcharts, 2+ kustomizations each', () => {
    const perChart = new Map<string, number>();
    for (const c of HELM_KUSTOMIZATIONS) {
      for (const shared of Object.values(c.charts)) perChart.set(shared, (perChart.get(shared) ?? 0) + 1);
    }
    assert.ok(perChart.size >= 4, `${perChart.size} charts`);
    for (const [chart, count] of perChart) assert.ok(count >= 2, `${chart}: ${count} kustomizations`);
    assert.ok(
      [...perChart.keys()].some((chart) => fs.existsSync(path.join(SHARED_CHARTS, chart, 'charts'))),
      'a chart with subcharts',
    );
  });

  for (const c of HELM_KUSTOMIZATIONS) {
    it(c.name, () => {
      const dir = path.join(temp, c.name);
      writeCase(dir, c);
      const live = spawnSync('kubectl', ['kustomize', '--enable-helm', '--helm-command', helm, c.name], {
        cwd: temp,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, HELM_CACHE_HOME: path.join(temp, '.helm-cache') },
      });
      const build = buildKustomization(files, c.name);
      if (c.fails) {
        assert.notEqual(live.status, 0, `kubectl kustomize was expected to fail on ${c.name}`);
        assert.ok(build.error, `kubectl kustomize fails (${live.stderr.trim().split('\n').pop() ?? ''}), so must the build`);
        assert.equal(build.error.unsupported, c.fails === 'unsupported', build.error.message);
        return;
      }
      assert.equal(live.status, 0, `kubectl kustomize failed on ${c.name}: ${live.stderr}`);
      assert.equal(build.error, undefined, build.error?.message);
      const expected = objects(live.stdout);
      const built = objects(build.rendered?.text ?? '');
      assert.ok(expected.size > 0, 'kubectl rendered objects');
      assert.deepEqual([...built.keys()].sort(), [...expected.keys()].sort(), 'the same objects');
      for (const [key, object] of expected) assert.deepStrictEqual(built.get(key), object, key);
    });
  }
});
