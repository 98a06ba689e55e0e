// The real charts of ../shared/helm, judged with their default values (and two with chart-testing's values sets
// too): every finding is placed on a line of a chart file, and what the judge reports is pinned in a snapshot, so
// a change in findings is a reviewed decision (test/fixtures/chart-findings.snap; the review is in the README's
// "Helm charts" section). Skipped, and says so, when the charts are not there (a clone outside this workplace).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ChartJudge, type ChartVerdict } from '../../../../server/out/engine/charts/judge';
import type { ProjectFiles } from '../../../../server/out/engine/model/origin';
import { diskFiles } from '../helm/chart-files';

const chartsDir = path.resolve(__dirname, '../../../../../shared/helm/charts');
const snapshotPath = path.resolve(__dirname, '../../../fixtures/chart-findings.snap');
const present = fs.existsSync(chartsDir);
const WITH_CI_VALUES = ['kubernetes-sigs__metrics-server__metrics-server', 'prometheus-community__helm-charts__kube-state-metrics'];

function describeVerdict(name: string, verdict: ChartVerdict, files: ProjectFiles): string[] {
  const lineOf = (file: string, offset: number): number => (files.readText(file) ?? '').slice(0, offset).split('\n').length;
  const local = (file: string): string => file.slice(name.length + 1);
  const objects = verdict.templates.reduce((sum, t) => sum + t.objects, 0);
  const lines = [
    `${name}: ${verdict.templates.length} templates, ${objects} objects, ${verdict.findings.length} findings (${verdict.valuesSets.join(', ')})`,
  ];
  for (const f of verdict.findings) {
    const sets = f.valuesSets.length < verdict.valuesSets.length ? ` [${f.valuesSets.join(', ')}]` : '';
    lines.push(
      `  ${local(f.file)}:${lineOf(f.file, f.start)} ${f.severity} ${f.ruleId} ${f.kind}/${f.name}${f.container ? ` ${f.container}` : ''}${sets}`,
    );
  }
  for (const n of verdict.notices) lines.push(`  ${local(n.file)}:${lineOf(n.file, n.start)} notice:${n.reason}`);
  return lines;
}

describe('the shared Helm charts, judged', { skip: present ? false : `no charts at ${chartsDir}` }, () => {
  test('every finding sits on a line of a chart file, and the findings match the reviewed snapshot', () => {
    const files = diskFiles(chartsDir);
    const lines: string[] = [];
    const charts = fs.readdirSync(chartsDir).sort();
    assert.equal(charts.length, 25);
    for (const name of charts) {
      for (const ciValues of WITH_CI_VALUES.includes(name) ? [false, true] : [false]) {
        const verdict = new ChartJudge(name).judge(files, { values: { ciValues } });
        for (const f of verdict.findings) {
          const text = files.readText(f.file);
          assert.ok(text !== undefined && f.file.startsWith(`${name}/`), `${name}: ${f.ruleId} placed in ${f.file}`);
          assert.ok(f.end > f.start && text.slice(f.start, f.end).trim() !== '', `${name}: ${f.ruleId} has a range with text in ${f.file}`);
        }
        assert.ok(
          verdict.notices.every((n) => !/internal error/.test(n.message)),
          verdict.notices.map((n) => n.message).join('\n'),
        );
        lines.push(...describeVerdict(name, verdict, files));
      }
    }
    const rendered = `${lines.join('\n')}\n`;
    if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(snapshotPath)) fs.writeFileSync(snapshotPath, rendered);
    assert.equal(rendered, fs.readFileSync(snapshotPath, 'utf8'));
  });
});
