// A second reference: the renders the OpenTelemetry charts commit upstream (examples/<name>/rendered/, made by
// `helm template example ... --values <values> --kube-version 1.29`). Upstream's own check ignores lines with
// `checksum/config` or `helm.sh/chart` (they may be stale), so they are dropped on both sides here. Where two
// values files render into one folder, a file matches either render. Random values (certificates) are compared
// by shape: the paths that differ between two of our own renders.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { renderChart } from '../../../../server/out/engine/render/helm';
import { asHelmOutput, compareRender } from './chart-compare';
import { diskFiles } from './chart-files';
import { sharedHelm } from './chart-reference';

interface Golden {
  example: string;
  valuesFiles: string[];
  renderedDir: string;
}

interface ChartEntry {
  name: string;
  dir: string;
  goldenRenders?: Golden[];
}

const chartsJson = path.join(sharedHelm, 'charts.json');
const present = fs.existsSync(chartsJson);

/** `chart|example` -> why it differs from the committed render (each one is checked to still differ). */
const KNOWN_DIFFERENCES: Record<string, string> = {};

const STALE = /checksum\/config|helm\.sh\/chart/;

function dropStale(text: string): string {
  return text
    .split('\n')
    .filter((l) => !STALE.test(l))
    .join('\n');
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('upstream golden renders of the OpenTelemetry charts', { skip: present ? false : `no shared charts at ${sharedHelm}` }, () => {
  test('every example renders as committed upstream', () => {
    const charts = (JSON.parse(fs.readFileSync(chartsJson, 'utf8')) as { charts: ChartEntry[] }).charts.filter(
      (c) => c.goldenRenders?.length,
    );
    assert.ok(charts.length >= 2);
    const files = diskFiles(sharedHelm);
    const failures: string[] = [];
    let examples = 0;
    for (const chart of charts) {
      for (const golden of chart.goldenRenders ?? []) {
        examples++;
        const key = `${chart.name}|${golden.example}`;
        const goldenFiles = listFiles(path.join(sharedHelm, chart.dir, golden.renderedDir));
        const renders = golden.valuesFiles.map((v) => {
          const options = { releaseName: 'example', kubeVersion: '1.29', valuesFiles: [`${chart.dir}/${v}`] };
          return [renderChart(files, chart.dir, options), renderChart(files, chart.dir, options)] as const;
        });
        const problems: string[] = [];
        for (const file of goldenFiles) {
          const text = dropStale(fs.readFileSync(file, 'utf8'));
          const golden = { status: 0, stdout: text.endsWith('\n') ? text : `${text}\n`, stderr: '' };
          const outcomes = renders.map(([ours, again]) => {
            const only = (r: typeof ours): typeof ours => ({
              ...r,
              templates: r.templates
                .filter((t) => text.includes(`# Source: ${t.template}\n`))
                .map((t) => (t.rendered ? { ...t, rendered: { ...t.rendered, text: dropStale(t.rendered.text) } } : t)),
            });
            return compareRender(golden, only(ours), [asHelmOutput(only(ours)), asHelmOutput(only(again))]);
          });
          if (!outcomes.some((o) => o.outcome !== 'differs')) {
            problems.push(`${path.basename(file)}: ${outcomes[outcomes.length - 1].details[0]}`);
          }
        }
        const known = KNOWN_DIFFERENCES[key];
        if (problems.length > 0 && !known) failures.push(`${key}: ${problems.slice(0, 2).join('; ')}`);
        if (problems.length === 0 && known) failures.push(`${key}: listed as a known difference but matches; remove it`);
      }
    }
    assert.ok(examples >= 25, `${examples} examples`);
    assert.deepEqual(failures, []);
  });
});
