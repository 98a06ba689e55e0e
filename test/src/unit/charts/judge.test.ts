// Judging a chart (engine/charts/): findings at their place in the template, helper or values file, with the
// values that decided them; fixes in the file the chart takes the node from, proven by rendering again; the
// values sets a finding appears under; what Helm refuses, as notices at the place it names.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ChartJudge, type ChartFinding, type ChartVerdict } from '../../../../server/out/engine/charts/judge';
import type { ProjectFiles } from '../../../../server/out/engine/model/origin';
import { diskFiles } from '../helm/chart-files';
import { checkChartFix } from './chartFixHarness';
import { runBounded } from '../boundedRun';

const files = diskFiles(path.resolve(__dirname, '../../../fixtures/charts'));

function judged(chart: string, options = {}): { judge: ChartJudge; verdict: ChartVerdict } {
  const judge = new ChartJudge(chart);
  return { judge, verdict: judge.judge(files, options) };
}

function textAt(f: { file: string; start: number; end: number }, from: ProjectFiles = files): string {
  return (from.readText(f.file) ?? '').slice(f.start, f.end);
}

function find(verdict: ChartVerdict, ruleId: string, container?: string): ChartFinding {
  const found = verdict.findings.find((f) => f.ruleId === ruleId && (container === undefined || f.container === container));
  assert.ok(
    found,
    `${ruleId}${container ? ` on ${container}` : ''} in ${verdict.findings.map((f) => `${f.ruleId}/${f.container ?? ''}`).join(', ')}`,
  );
  return found;
}

describe('a chart is judged at its templates', () => {
  test('a value printed from values: the finding covers the key and the action, and points at the values entry', () => {
    const { verdict } = judged('web');
    const single = find(verdict, 'single-replica');
    assert.equal(single.file, 'web/templates/deployment.yaml');
    assert.equal(textAt(single), 'replicas: {{ .Values.replicaCount }}');
    assert.deepEqual(
      single.related?.map((r) => [r.file, textAt({ file: r.file!, start: r.start, end: r.end }), r.message]),
      [['web/values.yaml', 'replicaCount: 1', "with values.yaml's `replicaCount: 1`"]],
    );
    assert.deepEqual(single.valuesSets, ['default values']);
  });

  test('a container rendered by a helper: the finding is on the helper line', () => {
    const { verdict } = judged('web');
    const readiness = find(verdict, 'readiness-probe-missing', 'log-shipper');
    assert.equal(readiness.file, 'web/templates/_helpers.tpl');
    assert.equal(textAt(readiness), 'name: log-shipper');
    assert.equal(readiness.template, 'web/templates/deployment.yaml');
  });

  test('a node printed by toYaml: the finding is on the action, the values entry is related', () => {
    const { verdict } = judged('web');
    const unavailable = find(verdict, 'rolling-update-unavailable');
    assert.equal(textAt(unavailable), '{{- toYaml . | nindent 4 }}');
    assert.deepEqual(
      unavailable.related?.map((r) => r.message),
      ["with values.yaml's `maxUnavailable: 1`"],
    );
  });

  test('a field the chart writes only when values set it: the finding on the container points at that entry', () => {
    const { verdict } = judged('web');
    const readiness = find(verdict, 'readiness-probe-missing', 'web');
    assert.equal(textAt(readiness), 'name: {{ .Chart.Name }}');
    assert.deepEqual(
      readiness.related?.map((r) => [r.message, textAt({ file: r.file!, start: r.start, end: r.end })]),
      [["with values.yaml's `readinessProbe: {}`", 'readinessProbe: {}']],
    );
  });

  test('no document of a chart that renders is left "not checked" as a Helm template', () => {
    const { verdict } = judged('web');
    assert.deepEqual(verdict.notices, []);
    assert.deepEqual(
      verdict.templates.map((t) => [t.template, t.objects]),
      [
        ['web/templates/service.yaml', 1],
        ['web/templates/deployment.yaml', 1],
      ],
    );
  });
});

describe('fixes of a chart, proven on the chart rendered again', () => {
  test('a field taken from an empty values entry (with .Values.readinessProbe) is set in values.yaml', () => {
    const { judge, verdict } = judged('web');
    const readiness = find(verdict, 'readiness-probe-missing', 'web');
    const fixes = judge.fixesFor(readiness);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Set readinessProbe in values.yaml (httpGet /readyz on port http)', 'Set readinessProbe in values.yaml (tcpSocket on port http)'],
    );
    assert.ok(fixes.every((f) => f.edits.every((e) => e.file === 'web/values.yaml')));
    const { changed } = checkChartFix(files, verdict, readiness, fixes[0]);
    assert.match(changed.get('web/values.yaml')!, /^readinessProbe:\n {2}httpGet:\n {4}path: \/readyz\n {4}port: http\n/m);
  });

  test('a value printed by toYaml is edited in the values file, in its own style', () => {
    const { judge, verdict } = judged('web');
    const unavailable = find(verdict, 'rolling-update-unavailable');
    const [fix] = judge.fixesFor(unavailable);
    assert.deepEqual(fix.edits, [
      { file: 'web/values.yaml', offset: textOffset('web/values.yaml', 'maxUnavailable: 1') + 16, length: 1, newText: '0' },
    ]);
    checkChartFix(files, verdict, unavailable, fix);
  });

  test('resources: {} printed by toYaml is filled as a block in values.yaml', () => {
    const { judge, verdict } = judged('web');
    const resources = find(verdict, 'resources-missing', 'web');
    const [fix] = judge.fixesFor(resources);
    const { changed } = checkChartFix(files, verdict, resources, fix);
    assert.match(
      changed.get('web/values.yaml')!,
      /^resources:\n {2}requests:\n {4}cpu: 100m\n {4}memory: 128Mi\n {2}limits:\n {4}memory: 128Mi\n/m,
    );
  });

  test('literal template text is edited in the template, keeping its syntax', () => {
    const { judge, verdict } = judged('web');
    const deadline = find(verdict, 'progress-deadline-default');
    const [fix] = judge.fixesFor(deadline);
    assert.equal(fix.edits[0].file, 'web/templates/deployment.yaml');
    const { changed } = checkChartFix(files, verdict, deadline, fix);
    assert.match(
      changed.get('web/templates/deployment.yaml')!,
      /\n {6}\{\{- include "web.labels" \. \| nindent 6 \}\}\n {2}progressDeadlineSeconds: 180 .*\n {2}template:/,
    );
  });

  test('a helper re-indented by nindent is edited at its own indentation', () => {
    const { judge, verdict } = judged('web');
    const sidecar = find(verdict, 'readiness-probe-missing', 'log-shipper');
    const fixes = judge.fixesFor(sidecar);
    assert.ok(fixes.length > 0);
    for (const fix of fixes) {
      const { changed } = checkChartFix(files, verdict, sidecar, fix);
      assert.match(changed.get('web/templates/_helpers.tpl')!, /- containerPort: 9000\n {2}readinessProbe:\n {4}(httpGet|tcpSocket):/);
    }
  });

  test('a value printed into the template as a literal is not written back (the release name): no fix', () => {
    const { judge, verdict } = judged('broken');
    const pdb = find(verdict, 'pdb-missing');
    assert.deepEqual(judge.fixesFor(pdb), []);
  });

  test('every fix of the chart passes the harness', () => {
    const { judge, verdict } = judged('web');
    let checked = 0;
    for (const finding of verdict.findings) {
      for (const fix of judge.fixesFor(finding)) {
        checkChartFix(files, verdict, finding, fix);
        checked++;
      }
    }
    assert.ok(checked >= 8, `${checked} fixes checked`);
  });
});

describe('values sets', () => {
  test('a finding under some values sets only says which', () => {
    const { verdict } = judged('web', { values: { ciValues: true } });
    assert.deepEqual(verdict.valuesSets, ['default values', 'ci/two-replicas-values.yaml']);
    const single = find(verdict, 'single-replica');
    assert.deepEqual(single.valuesSets, ['default values']);
    assert.match(single.message, /\(only with default values\)$/);
    const readiness = find(verdict, 'readiness-probe-missing', 'web');
    assert.deepEqual(readiness.valuesSets, ['default values', 'ci/two-replicas-values.yaml']);
    assert.doesNotMatch(readiness.message, /only with/);
  });

  test("the user's values files and --set make one more set", () => {
    const { verdict } = judged('web', { values: { valuesFiles: ['ci/two-replicas-values.yaml'], set: ['sidecar.enabled=false'] } });
    assert.deepEqual(verdict.valuesSets, ['default values', 'ci/two-replicas-values.yaml + --set sidecar.enabled=false']);
    assert.deepEqual(find(verdict, 'readiness-probe-missing', 'log-shipper').valuesSets, ['default values']);
  });
});

describe('what Helm refuses is answered at the place it names; the rest is judged', () => {
  test('parse error, required, fail, an unknown function, output that is not YAML', () => {
    const { verdict } = judged('broken');
    const notices = verdict.notices.map((n) => [n.reason, n.file.replace('broken/templates/', ''), textAt(n).split('\n')[0], n.message]);
    assert.deepEqual(notices, [
      [
        'template-error',
        'fail.yaml',
        '{{- fail "set licenseKey: this chart does not install without one" }}',
        'Helm cannot render broken/templates/fail.yaml: execution error at (broken/templates/fail.yaml:2:4): set licenseKey: this chart does not install without one',
      ],
      [
        'yaml-error',
        'not-yaml.yaml',
        'list: [unclosed',
        'The output of broken/templates/not-yaml.yaml is not YAML: it does not parse (Flow sequence in block collection must be sufficiently indented and end with a ]).',
      ],
      [
        'template-error',
        'parse-error.yaml',
        'settings: {{ .Values.settings | quote }}',
        'Helm cannot render broken/templates/parse-error.yaml: parse error at (broken/templates/parse-error.yaml:8): unexpected EOF',
      ],
      [
        'template-error',
        'required.yaml',
        '{{ required "image.repository is required" .Values.image.repository }}',
        'Helm cannot render broken/templates/required.yaml: execution error at (broken/templates/required.yaml:6:12): image.repository is required',
      ],
      [
        'template-error',
        'unsupported.yaml',
        '{{ .Release.Name | notAHelmFunction }}',
        'Helm cannot render broken/templates/unsupported.yaml: parse error at (broken/templates/unsupported.yaml:4): function "notAHelmFunction" not defined',
      ],
    ]);
    // The template Helm renders is judged as usual.
    assert.ok(verdict.findings.some((f) => f.ruleId === 'readiness-probe-missing' && f.file === 'broken/templates/deployment.yaml'));
  });

  test('values that break the schema: one notice at the value, nothing rendered', () => {
    const { verdict } = judged('schema-error');
    assert.deepEqual(
      verdict.notices.map((n) => [n.reason, n.file, textAt(n)]),
      [['chart-error', 'schema-error/values.yaml', '"three"']],
    );
    assert.match(verdict.notices[0].message, /^Helm does not render this chart: values don't meet the specifications of the schema/);
    assert.deepEqual(verdict.findings, []);
  });

  test('a folder that is not a chart, and a library chart, are answered, not thrown', () => {
    const missing = new ChartJudge('nowhere').judge(files);
    assert.equal(missing.notices.length, 1);
    assert.equal(missing.notices[0].reason, 'chart-error');
  });
});

function textOffset(file: string, text: string): number {
  const at = (files.readText(file) ?? '').indexOf(text);
  assert.ok(at >= 0);
  return at;
}

describe('typing at the end of a template', () => {
  test('an action left open before the final newline is "unclosed action", never a hang', async () => {
    const judgeModule = path.resolve(__dirname, '../../../../server/out/engine/charts/judge.js');
    const filesModule = path.resolve(__dirname, '../helm/chart-files.js');
    const notices = await runBounded<{ reason: string; message: string }[]>(
      `const { ChartJudge } = require(data.judgeModule);
       const { memoryFiles } = require(data.filesModule);
       const files = memoryFiles({
         'c/Chart.yaml': 'apiVersion: v2\\nname: c\\nversion: 0.1.0\\n',
         'c/templates/cm.yaml': 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: {{ .Release.Name \\n',
       });
       return new ChartJudge('c').judge(files).notices.map((n) => ({ reason: n.reason, message: n.message }));`,
      { judgeModule, filesModule },
      60_000,
    );
    assert.equal(notices.length, 1);
    assert.equal(notices[0].reason, 'template-error');
    assert.match(notices[0].message, /unclosed action$/);
  });
});
