// The reference Helm for `kubectl kustomize --enable-helm --helm-command <helm>`: installed by
// scripts/helm-reference.mjs (as for the chart differential test); without it (no Go) the caller fails and says so.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
let found: string | undefined;

export function referenceHelm(): string {
  if (found) return found;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/helm-reference.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) assert.fail(`the real Helm is needed for kubectl kustomize --enable-helm and could not be installed:\n${r.stderr}`);
  found = r.stdout.trim();
  return found;
}

/** kubectl kustomize's flags for a tree whose kustomizations inflate Helm charts (none otherwise). */
export function helmFlags(texts: Iterable<string>): string[] {
  for (const text of texts) {
    if (/^(helmCharts|helmChartInflationGenerator):/m.test(text)) return ['--enable-helm', '--helm-command', referenceHelm()];
  }
  return [];
}
