// The differential proof: every chart of ../shared/helm/charts, with its default values and with each of its
// alternative values files, rendered by the real Helm (`helm template release-name <chart> --namespace default
// --kube-version 1.29 [-f values]`, cached under .cache/helm/renders/<build id>/) and by renderChart, compared per template
// file as data. Every case must be identical (by shape where Helm itself is random) or both must refuse, unless
// KNOWN_DIFFERENCES states why; a stated difference that has gone away fails too, so the list stays true.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { renderChart } from '../../../../server/out/engine/render/helm';
import { compareRender, type Comparison } from './chart-compare';
import { diskFiles } from './chart-files';
import { helmBinary, helmTemplate, rendersDir, repoRoot, sharedHelm } from './chart-reference';

interface ChartEntry {
  name: string;
  dir: string;
  type: string;
  deterministic: boolean;
  alternativeValuesFiles: string[];
}

/** `chart` or `chart|values file` -> why it does not render identically (each one is checked to still differ). */
const KNOWN_DIFFERENCES: Record<string, string> = {};

/**
 * Charts compared with schema validation off on both sides, and why: app-template's schemas `$ref` schemas on
 * raw.githubusercontent.com, which Helm fetches (and, offline, fails to) while renderChart fetches nothing (it
 * warns and validates the rest). The templates are still compared.
 */
const SKIP_SCHEMA_VALIDATION = new Set(['app-template']);

const chartsJson = path.join(sharedHelm, 'charts.json');
const present = fs.existsSync(chartsJson);
const reference = present ? helmBinaryOrCache() : { skip: `no shared charts at ${sharedHelm}` };

// Cached renders make Helm optional: only a missing render needs the binary.
function helmBinaryOrCache(): string | { skip: string } {
  if (fs.existsSync(rendersDir) && fs.readdirSync(rendersDir).length > 0) return 'cache';
  return helmBinary();
}

describe('Helm charts render as the real Helm renders them', { skip: typeof reference === 'string' ? false : reference.skip }, () => {
  test('every chart and values set: identical to helm template, or a stated reason', (t) => {
    const started = Date.now();
    const charts = (JSON.parse(fs.readFileSync(chartsJson, 'utf8')) as { charts: ChartEntry[] }).charts;
    const files = diskFiles(path.join(sharedHelm));
    const rows: string[] = ['| Chart | Values | Templates | Objects | Result |', '| --- | --- | --- | --- | --- |'];
    const failures: string[] = [];
    let cases = 0;
    for (const chart of charts) {
      for (const valuesFile of [undefined, ...chart.alternativeValuesFiles]) {
        cases++;
        const key = valuesFile ? `${chart.name}|${valuesFile}` : chart.name;
        const chartDir = path.join(sharedHelm, chart.dir);
        const values = valuesFile ? [path.join(chartDir, valuesFile)] : [];
        const skipSchema = SKIP_SCHEMA_VALIDATION.has(chart.name);
        const extra = skipSchema ? ['--skip-schema-validation'] : [];
        const helm = helmTemplate(chartDir, { values, extra });
        const second = chart.deterministic ? undefined : helmTemplate(chartDir, { values, extra, run: 1 });
        let comparison: Comparison;
        try {
          const ours = renderChart(files, chart.dir, {
            kubeVersion: '1.29',
            valuesFiles: valuesFile ? [`${chart.dir}/${valuesFile}`] : [],
            skipSchemaValidation: skipSchema,
          });
          comparison = compareRender(helm, ours, second && [helm, second]);
        } catch (error) {
          comparison = {
            outcome: 'differs',
            templates: 0,
            objects: 0,
            details: [`renderChart threw: ${(error as Error).stack ?? String(error)}`],
          };
        }
        const known = KNOWN_DIFFERENCES[key];
        const result = comparison.outcome === 'differs' ? (known ? `differs (known: ${known})` : 'DIFFERS') : comparison.outcome;
        rows.push(`| ${chart.name} | ${valuesFile ?? 'default'} | ${comparison.templates} | ${comparison.objects} | ${result} |`);
        if (comparison.outcome === 'differs' && !known) failures.push(`${key}:\n  ${comparison.details.slice(0, 3).join('\n  ')}`);
        if (comparison.outcome !== 'differs' && known) {
          failures.push(`${key}: listed as a known difference but renders ${comparison.outcome}; remove it`);
        }
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const table = `${rows.join('\n')}\n\n${cases} cases, ${failures.length} unexplained; ${seconds} s\n`;
    fs.mkdirSync(path.join(repoRoot, '.cache', 'helm'), { recursive: true });
    fs.writeFileSync(path.join(repoRoot, '.cache', 'helm', 'differential.md'), table);
    if (process.env.KZD_HELM_TABLE === '1') process.stdout.write(table);
    t.diagnostic(`${cases} cases, ${failures.length} unexplained, ${seconds} s; table in .cache/helm/differential.md`);
    assert.deepEqual(
      failures,
      [],
      `${failures.length} of ${cases} cases differ from Helm without a stated reason (table in .cache/helm/differential.md)`,
    );
  });
});
