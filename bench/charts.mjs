// Helm charts (issue 14): what judging a chart costs in the editor. A generated chart of 20 templates (10
// Deployments shaped as `helm create` makes them, with helpers, values and toYaml blocks, and 10 Services) is
// rendered and judged (engine/charts/judge.ts): once in a fresh process (cold), with a new judge in a warm
// process, and again after a one-line edit of a template and of values.yaml, with the judge the language server
// keeps (what a keystroke costs; target: under 50 ms). The shared charts, when present, add a big real one.
// Part of `npm run bench` (skip with --no-charts); alone: node --expose-gc bench/charts.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = join(ROOT, '..', 'shared', 'helm', 'charts');
const TARGET_MS = 50;

/** A chart of `services` Deployments + Services: 2 × services templates, one helper file. */
export function generateChart(services = 10) {
  const files = {
    'bench/Chart.yaml': 'apiVersion: v2\nname: bench\nversion: 0.1.0\nappVersion: "1.0"\n',
    'bench/templates/_helpers.tpl': `{{- define "bench.fullname" -}}
{{ printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "bench.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version }}
{{- end }}
`,
  };
  const values = ['# Generated for the benchmark', 'global:', '  registry: registry.example.com'];
  for (let i = 0; i < services; i++) {
    const name = `svc${i}`;
    values.push(
      `${name}:`,
      `  replicaCount: ${1 + (i % 3)}`,
      '  image:',
      `    repository: team/${name}`,
      `    tag: "1.${i}.0"`,
      '  port: 8080',
      '  readinessProbe: {}',
      i % 2 === 0
        ? '  resources: {}'
        : '  resources:\n    requests:\n      cpu: 100m\n      memory: 128Mi\n    limits:\n      memory: 256Mi',
      '  strategy:',
      '    rollingUpdate:',
      '      maxUnavailable: 1',
    );
    const v = `.Values.${name}`;
    const ctx = `(dict "root" $ "name" "${name}")`;
    files[`bench/templates/${name}-deployment.yaml`] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "bench.fullname" ${ctx} }}
  labels:
    {{- include "bench.labels" ${ctx} | nindent 4 }}
spec:
  replicas: {{ ${v}.replicaCount }}
  {{- with ${v}.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "bench.labels" ${ctx} | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "bench.labels" ${ctx} | nindent 8 }}
    spec:
      containers:
        - name: ${name}
          image: "{{ .Values.global.registry }}/{{ ${v}.image.repository }}:{{ ${v}.image.tag }}"
          ports:
            - name: http
              containerPort: {{ ${v}.port }}
          {{- with ${v}.readinessProbe }}
          readinessProbe:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          resources:
            {{- toYaml ${v}.resources | nindent 12 }}
`;
    files[`bench/templates/${name}-service.yaml`] = `apiVersion: v1
kind: Service
metadata:
  name: {{ include "bench.fullname" ${ctx} }}
spec:
  selector:
    {{- include "bench.labels" ${ctx} | nindent 4 }}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
  }
  files['bench/values.yaml'] = `${values.join('\n')}\n`;
  return files;
}

/** ProjectFiles over an object of texts (mutable: edits replace entries). */
function memoryFiles(texts) {
  const encoder = new TextEncoder();
  return {
    readText: (p) => texts[p],
    readBytes: (p) => (texts[p] === undefined ? undefined : encoder.encode(texts[p])),
    list: (dir) => {
      const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
      const entries = new Map();
      for (const key of Object.keys(texts)) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        entries.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
      }
      if (entries.size === 0) return undefined;
      return [...entries].map(([name, directory]) => ({ name, directory })).sort((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}

/** ProjectFiles over a folder on disk, read once (the language server caches what it read). */
function cachedDisk(root) {
  const texts = {};
  const walk = (rel) => {
    for (const name of readdirSync(join(root, rel))) {
      const path = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else texts[path] = readFileSync(join(root, path), 'utf8');
    }
  };
  walk('');
  return texts;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
}

function timed(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Judging in a fresh process: nothing parsed or cached yet. */
function coldJudge(quick) {
  const script = `
    const { ChartJudge } = require(${JSON.stringify(join(ROOT, 'server', 'out', 'engine', 'charts', 'judge.js'))});
    const { generateChart } = ${generateChartSource()};
    const texts = generateChart(10);
    const files = (${memoryFiles.toString()})(texts);
    const start = performance.now();
    const verdict = new ChartJudge('bench').judge(files, {});
    console.log(JSON.stringify({ ms: performance.now() - start, findings: verdict.findings.length }));`;
  const times = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(run.stderr.slice(0, 500));
    times.push(JSON.parse(run.stdout.trim()).ms);
  }
  return Math.min(...times);
}

function generateChartSource() {
  return `({ generateChart: ${generateChart.toString()} })`;
}

/** A keep-the-judge series: an edit, a judge, repeated; the median. */
function editSeries(ChartJudge, texts, chartDir, edit, runs) {
  const files = memoryFiles(texts);
  const judge = new ChartJudge(chartDir);
  judge.judge(files, {});
  const times = [];
  for (let k = 0; k < runs; k++) {
    edit(k);
    times.push(timed(() => judge.judge(files, {})));
  }
  return median(times);
}

export async function benchCharts({ quick = false, log = () => {} } = {}) {
  const { ChartJudge } = await import(pathToFileURL(join(ROOT, 'server', 'out', 'engine', 'charts', 'judge.js')).href);
  const runs = quick ? 5 : 24;
  const rows = [];
  const texts = generateChart(10);
  const templates = Object.keys(texts).filter((p) => p.includes('/templates/') && !p.includes('/_')).length;
  const findings = new ChartJudge('bench').judge(memoryFiles(texts), {}).findings.length;
  const cold = coldJudge(quick);
  const fresh = median(Array.from({ length: quick ? 3 : 10 }, () => timed(() => new ChartJudge('bench').judge(memoryFiles(texts), {}))));
  const template = 'bench/templates/svc3-deployment.yaml';
  const original = texts[template];
  const templateEdit = editSeries(
    ChartJudge,
    texts,
    'bench',
    (k) => (texts[template] = original.replace('- name: http', `- name: h${k % 9}`)),
    runs,
  );
  texts[template] = original;
  const values = texts['bench/values.yaml'];
  const valuesEdit = editSeries(
    ChartJudge,
    texts,
    'bench',
    (k) => (texts['bench/values.yaml'] = values.replace('replicaCount: 2', `replicaCount: ${2 + (k % 5)}`)),
    runs,
  );
  texts['bench/values.yaml'] = values;
  rows.push({ chart: `generated, ${templates} templates`, findings, cold, fresh, templateEdit, valuesEdit });
  log(
    `[charts] generated chart of ${templates} templates: cold ${fmt(cold)}, new judge ${fmt(fresh)}, template edit ${fmt(templateEdit)}, values edit ${fmt(valuesEdit)}`,
  );

  const big = 'argoproj__argo-helm__argo-cd';
  if (!quick && existsSync(join(SHARED, big))) {
    const real = cachedDisk(join(SHARED, big));
    const prefixed = Object.fromEntries(Object.entries(real).map(([p, t]) => [`argo-cd/${p}`, t]));
    const realTemplates = Object.keys(prefixed).filter((p) => /^argo-cd\/templates\/.*\.yaml$/.test(p)).length;
    const bigFresh = timed(() => new ChartJudge('argo-cd').judge(memoryFiles(prefixed), {}));
    const path = 'argo-cd/templates/argocd-server/deployment.yaml';
    const text = prefixed[path];
    const bigEdit = editSeries(
      ChartJudge,
      prefixed,
      'argo-cd',
      (k) => (prefixed[path] = text.replace('kind: Deployment', `kind: Deployment${' '.repeat(k % 3)}`)),
      5,
    );
    rows.push({
      chart: `argo-cd (shared, ${realTemplates} templates + redis-ha)`,
      findings: null,
      cold: null,
      fresh: bigFresh,
      templateEdit: bigEdit,
      valuesEdit: null,
    });
    log(`[charts] argo-cd: new judge ${fmt(bigFresh)}, template edit ${fmt(bigEdit)}`);
  }
  return rows;
}

function fmt(x) {
  return x === null || x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`;
}

export function chartsTable(rows) {
  return [
    '| chart | findings | cold (fresh process) | new judge (warm process) | re-judge after a template edit | re-judge after a values.yaml edit |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.chart} | ${r.findings ?? '—'} | ${fmt(r.cold)} | ${fmt(r.fresh)} | ${fmt(r.templateEdit)} | ${fmt(r.valuesEdit)} |`,
    ),
  ].join('\n');
}

/** The target line for the report. */
export function chartsTarget(rows) {
  const generated = rows[0];
  if (!generated) return [];
  const worst = Math.max(generated.templateEdit, generated.valuesEdit);
  return [
    `- chart of 20 templates: re-render and re-lint after an edit < ${TARGET_MS} ms: ${fmt(worst)} — ${worst < TARGET_MS ? 'met' : 'NOT met'}`,
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const rows = await benchCharts({ quick, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${chartsTable(rows)}\n${chartsTarget(rows).join('\n')}\n`);
}
