// The snippets we ship must be what we preach: every snippet, expanded with its defaults, parses as
// YAML and gets zero findings from our own engine. Fragment snippets are checked where they are meant
// to go, inserted the way VS Code inserts them (later lines re-indented to the insertion line).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintText } from '../../../server/out/engine';
import { expandSnippet, parseSnippet, tabStopDefaults } from './snippet-expand';

const ROOT = path.resolve(__dirname, '../../..');
const SNIPPETS_PATH = path.join(ROOT, 'snippets', 'kubernetes-zero-downtime.code-snippets');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const snippets: Record<string, Snippet> = JSON.parse(fs.readFileSync(SNIPPETS_PATH, 'utf8'));
const prefixesOf = (s: Snippet): string[] => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);

// ---------------------------------------------------------------------------------------------
// The expander itself

test('expand: plain text and line arrays', () => {
  assert.equal(expandSnippet('kind: Service'), 'kind: Service');
  assert.equal(expandSnippet(['a:', '  b: 1']), 'a:\n  b: 1');
  assert.equal(expandSnippet(''), '');
});

test('expand: placeholders take their default, bare tab stops are empty', () => {
  assert.equal(expandSnippet('name: ${1:web}'), 'name: web');
  assert.equal(expandSnippet('a$1b${2}c$0d${0}'), 'abcd');
  assert.equal(expandSnippet('${1:}x'), 'x');
  assert.equal(expandSnippet('${0:end}'), 'end');
  assert.equal(expandSnippet('$10|${10:ten}'), 'ten|ten', '$10 is tab stop 10, not $1 then 0');
});

test('expand: choices take the first option; \\, and \\| escape inside options', () => {
  assert.equal(expandSnippet('type: ${1|ClusterIP,NodePort|}'), 'type: ClusterIP');
  assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  assert.equal(expandSnippet('${1|x\\|y,z|}'), 'x|y');
  assert.equal(expandSnippet('${1|only|} $1'), 'only only');
  assert.equal(expandSnippet('${1|a\\zb,c|}'), 'a\\zb', 'other backslashes are literal');
});

test('expand: a tab stop used twice mirrors the first default, whichever comes first', () => {
  assert.equal(expandSnippet('${1:web} $1 ${1}'), 'web web web');
  assert.equal(expandSnippet('$1 then ${1:web}'), 'web then web');
  assert.equal(expandSnippet('${1:a} ${1:b}'), 'a a', 'VS Code uses the first one with a value');
});

test('expand: nested placeholders', () => {
  assert.equal(expandSnippet('${1:foo ${2:bar}}'), 'foo bar');
  assert.equal(expandSnippet('${1:foo ${2:bar}} $2'), 'foo bar bar');
  assert.equal(expandSnippet('${1:x-${2:y-${3:z}}}'), 'x-y-z');
  assert.equal(expandSnippet('${1:a ${TM_FILENAME_BASE}}'), 'a web-deployment');
});

test('expand: escapes and literal dollars and braces', () => {
  assert.equal(expandSnippet('\\$1 \\} \\\\'), '$1 } \\');
  assert.equal(expandSnippet('${1:a\\}b}'), 'a}b');
  assert.equal(expandSnippet('a}b'), 'a}b', 'a top-level } is text');
  assert.equal(expandSnippet('cost $ 5, $-, ${, ${1x}'), 'cost $ 5, $-, ${, ${1x}');
  assert.equal(expandSnippet('\\n stays'), '\\n stays');
  assert.equal(expandSnippet('${1:unterminated'), '${1:unterminated');
});

test('expand: variables', () => {
  assert.equal(expandSnippet('$TM_FILENAME_BASE.yaml'), 'web-deployment.yaml');
  assert.equal(expandSnippet('${TM_FILENAME_BASE}'), 'web-deployment');
  assert.equal(expandSnippet('${TM_SELECTED_TEXT:default}'), 'default', 'empty selection uses the default');
  assert.equal(expandSnippet('[${TM_SELECTED_TEXT}]'), '[]');
  assert.equal(expandSnippet('${NOT_A_VARIABLE}'), 'NOT_A_VARIABLE', 'VS Code inserts an unknown name');
  assert.equal(expandSnippet('${NOT_A_VARIABLE:d}'), 'd');
  assert.equal(expandSnippet('$X', { X: 'custom' }), 'custom');
});

test('expand: transforms are refused rather than guessed', () => {
  assert.throws(() => expandSnippet('${1/(.*)/$1/}'), /transforms/);
  assert.throws(() => expandSnippet('${TM_FILENAME/(.*)/$1/}'), /transforms/);
});

test('tabStopDefaults reports a number given two different defaults', () => {
  assert.deepEqual(tabStopDefaults('${1:a} $1 ${1:a}').get(1), ['a']);
  assert.deepEqual(tabStopDefaults('${1:a} ${1:b}').get(1), ['a', 'b']);
  assert.deepEqual(tabStopDefaults('${1:x ${2:y}}').get(1), ['x y']);
  assert.deepEqual(parseSnippet('${1|a,b|}'), [{ type: 'tabstop', index: 1, children: [], choices: ['a', 'b'] }]);
});

// ---------------------------------------------------------------------------------------------
// The snippets file

/** Inserts a snippet where a host has the line `<indent>#>SNIPPET`, as VS Code does. */
function insertAt(host: string, snippet: string): string {
  const lines = host.split('\n');
  const at = lines.findIndex((l) => l.trim() === '#>SNIPPET');
  assert.ok(at >= 0, 'host has a #>SNIPPET line');
  const indent = lines[at].slice(0, lines[at].indexOf('#'));
  const inserted = snippet.split('\n').map((l) => (l === '' ? '' : indent + l));
  return [...lines.slice(0, at), ...inserted, ...lines.slice(at + 1)].join('\n');
}

function withoutSnippet(host: string): string {
  return host
    .split('\n')
    .filter((l) => l.trim() !== '#>SNIPPET')
    .join('\n');
}

function parseClean(text: string, what: string): unknown[] {
  const docs = Array.from(parseAllDocuments(text));
  assert.ok(docs.length > 0, `${what}: no YAML document`);
  for (const d of docs) {
    assert.deepEqual(d.errors.map(String), [], `${what}: YAML errors`);
    assert.deepEqual(d.warnings.map(String), [], `${what}: YAML warnings`);
  }
  return docs.map((d) => d.toJS());
}

function assertLintClean(text: string, what: string): void {
  const result = lintText(text);
  const shown = result.findings.map(
    (f) => `${f.ruleId} (${f.kind ?? '?'}/${f.name ?? '?'}${f.container ? ' ' + f.container : ''}): ${f.message}`,
  );
  assert.deepEqual(shown, [], `${what}: findings\n${text}`);
  assert.deepEqual(
    result.notices.map((n) => `${n.reason}: ${n.message}`),
    [],
    `${what}: notices`,
  );
}

// A Deployment with every zero-downtime property; hosts below leave one part out for a fragment.
const POD_LABELS = '        app.kubernetes.io/name: host';
const RESOURCES = [
  '          resources:',
  '            requests:',
  '              cpu: 100m',
  '              memory: 128Mi',
  '            limits:',
  '              memory: 128Mi',
];
const PROBES = [
  '          readinessProbe:',
  '            httpGet:',
  '              path: /readyz',
  '              port: http',
  '            periodSeconds: 5',
  '          livenessProbe:',
  '            httpGet:',
  '              path: /livez',
  '              port: http',
  '            periodSeconds: 10',
  '            failureThreshold: 6',
];
const PRESTOP = ['          lifecycle:', '            preStop:', '              sleep:', '                seconds: 5'];
const STRATEGY = ['  strategy:', '    type: RollingUpdate', '    rollingUpdate:', '      maxUnavailable: 0', '      maxSurge: 1'];

function hostDeployment(parts: { replicas?: number; strategy?: string[]; container?: string[] }): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: host',
    'spec:',
    `  replicas: ${parts.replicas ?? 3}`,
    '  progressDeadlineSeconds: 120',
    ...(parts.strategy ?? STRATEGY),
    '  selector:',
    '    matchLabels:',
    '      app.kubernetes.io/name: host',
    '  template:',
    '    metadata:',
    '      labels:',
    POD_LABELS,
    '    spec:',
    '      terminationGracePeriodSeconds: 45',
    // Spread over nodes (replicas-not-spread): the fragments are judged on an otherwise complete host.
    '      topologySpreadConstraints:',
    '        - maxSkew: 1',
    '          topologyKey: kubernetes.io/hostname',
    '          whenUnsatisfiable: ScheduleAnyway',
    '          labelSelector:',
    '            matchLabels:',
    '              app.kubernetes.io/name: host',
    '      containers:',
    ...(parts.container ?? [
      '        - name: app',
      '          image: registry.example.com/host:1.0.0',
      '          ports:',
      '            - name: http',
      '              containerPort: 8080',
      ...PROBES,
      ...PRESTOP,
      ...RESOURCES,
    ]),
    // A budget for the host's pods (pdb-missing): the fragments are judged on an otherwise complete host.
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    '  name: host',
    'spec:',
    '  maxUnavailable: 1',
    '  unhealthyPodEvictionPolicy: AlwaysAllow',
    '  selector:',
    '    matchLabels:',
    '      app.kubernetes.io/name: host',
    '',
  ].join('\n');
}

const CONTAINER_HEAD = [
  '        - name: app',
  '          image: registry.example.com/host:1.0.0',
  '          ports:',
  '            - name: http',
  '              containerPort: 8080',
];

interface FragmentHost {
  label: string;
  text: string;
  /** Rules the host reports without the fragment: proof that the fragment is what makes it clean. */
  without?: string[];
}

const FRAGMENT_HOSTS: Record<string, FragmentHost[]> = {
  'Readiness and liveness probes': [
    {
      label: 'in a container of a Deployment',
      text: hostDeployment({ container: [...CONTAINER_HEAD, '          #>SNIPPET', ...PRESTOP, ...RESOURCES] }),
      without: ['liveness-probe-missing', 'readiness-probe-missing'],
    },
  ],
  'preStop sleep (native)': [
    {
      label: 'in a container of a Deployment',
      text: hostDeployment({ container: [...CONTAINER_HEAD, ...PROBES, '          #>SNIPPET', ...RESOURCES] }),
      without: ['prestop-hook-missing'],
    },
  ],
  'preStop sleep (exec)': [
    {
      label: 'in a container of a Deployment',
      text: hostDeployment({ container: [...CONTAINER_HEAD, ...PROBES, '          #>SNIPPET', ...RESOURCES] }),
      without: ['prestop-hook-missing'],
    },
  ],
  'Rolling-update strategy': [
    {
      label: 'in the spec of a 4-replica Deployment',
      text: hostDeployment({ replicas: 4, strategy: ['  #>SNIPPET'] }),
      without: ['rolling-update-unavailable'],
    },
  ],
  'Container (zero-downtime)': [
    { label: 'as an indented containers item', text: hostDeployment({ container: ['        #>SNIPPET'] }) },
    { label: 'as an unindented containers item', text: hostDeployment({ container: ['      #>SNIPPET'] }) },
  ],
};

const names = Object.keys(snippets);
const fullNames = names.filter((n) => !(n in FRAGMENT_HOSTS));

test('snippets file: registered for yaml in package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const entries: Array<{ language: string; path: string }> = pkg.contributes.snippets;
  assert.ok(
    entries.some((e) => e.language === 'yaml' && path.resolve(ROOT, e.path) === SNIPPETS_PATH),
    'package.json contributes the snippets file for yaml',
  );
});

test('snippets file: the required snippets are there', () => {
  const have = new Set(names.flatMap((n) => prefixesOf(snippets[n])));
  for (const p of [
    'kzd-deployment',
    'kzd-statefulset',
    'kzd-service',
    'kzd-pdb',
    'kzd-hpa',
    'kzd-canary',
    'kzd-virtualservice',
    'kzd-probes',
    'kzd-prestop',
    'kzd-prestop-exec',
    'kzd-rolling-update',
  ]) {
    assert.ok(have.has(p), `prefix ${p}`);
  }
  for (const n of Object.keys(FRAGMENT_HOSTS)) assert.ok(n in snippets, `fragment host for a snippet that exists: ${n}`);
});

test('snippets file: every prefix is unique and each snippet has a kzd- and a k8s- prefix', () => {
  const seen = new Map<string, string>();
  for (const n of names) {
    const prefixes = prefixesOf(snippets[n]);
    assert.ok(
      prefixes.some((p) => p.startsWith('kzd-')),
      `${n}: a kzd- prefix`,
    );
    assert.ok(
      prefixes.some((p) => p.startsWith('k8s-')),
      `${n}: a k8s- prefix`,
    );
    for (const p of prefixes) {
      assert.match(p, /^(kzd|k8s)-[a-z0-9-]+$/, `${n}: prefix ${p}`);
      assert.equal(seen.get(p), undefined, `prefix ${p} used by "${seen.get(p)}" and "${n}"`);
      seen.set(p, n);
    }
  }
});

for (const name of names) {
  const snippet = snippets[name];
  test(`snippet "${name}": shape, tab stops and indentation`, () => {
    assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0, 'body is a non-empty line array');
    assert.ok((snippet.description ?? '').length >= 40, 'description says what the snippet guarantees');
    for (const line of snippet.body) {
      assert.doesNotMatch(line, /\t/, 'no tabs (YAML)');
      assert.doesNotMatch(line, /\s$/, 'no trailing whitespace');
      const indent = line.length - line.trimStart().length;
      assert.equal(indent % 2, 0, `2-space indentation: ${JSON.stringify(line)}`);
    }
    for (const [index, defaults] of tabStopDefaults(snippet.body)) {
      assert.equal(defaults.length, 1, `tab stop ${index} has one default, so mirrors agree: ${defaults.join(' / ')}`);
    }
    const stops = [...tabStopDefaults(snippet.body).keys()];
    assert.ok(stops.length > 0, 'has tab stops');
  });

  test(`snippet "${name}": expands to YAML that parses`, () => {
    const text = expandSnippet(snippet.body);
    assert.doesNotMatch(text, /\$\{|\$[0-9]/, 'nothing left unexpanded');
    const docs = parseClean(text, name);
    if (!(name in FRAGMENT_HOSTS)) {
      for (const d of docs) {
        const o = d as Record<string, unknown>;
        assert.ok(o && typeof o.apiVersion === 'string' && typeof o.kind === 'string', 'a full object (or add a fragment host)');
      }
    }
  });
}

for (const name of fullNames) {
  test(`snippet "${name}": zero findings and zero notices from the engine`, () => {
    assertLintClean(expandSnippet(snippets[name].body) + '\n', name);
  });
}

for (const [name, hosts] of Object.entries(FRAGMENT_HOSTS)) {
  for (const host of hosts) {
    test(`fragment "${name}" ${host.label}: parses and gets zero findings`, () => {
      const text = insertAt(host.text, expandSnippet(snippets[name].body));
      parseClean(text, name);
      assertLintClean(text, name);
      if (host.without) {
        const bare = lintText(withoutSnippet(host.text));
        assert.deepEqual([...new Set(bare.findings.map((f) => f.ruleId))].sort(), host.without, 'host without the fragment');
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// What the descriptions promise, checked on the parsed defaults

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML of arbitrary shape, read by path in assertions
type Obj = Record<string, any>;

function seconds(duration: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(duration);
  assert.ok(m, `duration ${duration}`);
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

function workloads(): Array<{ name: string; obj: Obj }> {
  const out: Array<{ name: string; obj: Obj }> = [];
  for (const name of fullNames) {
    for (const obj of parseClean(expandSnippet(snippets[name].body), name) as Obj[]) {
      if (obj.kind === 'Deployment' || obj.kind === 'StatefulSet') out.push({ name, obj });
    }
  }
  for (const [name, hosts] of Object.entries(FRAGMENT_HOSTS)) {
    for (const host of hosts) {
      const text = insertAt(host.text, expandSnippet(snippets[name].body));
      out.push({ name: `${name} ${host.label}`, obj: parseClean(text, name)[0] as Obj });
    }
  }
  return out;
}

test('workload snippets: pod hygiene (named port, distinct probes, preStop inside grace, requests, no CPU limit)', () => {
  const found = workloads();
  assert.ok(found.length >= 8);
  for (const { name, obj } of found) {
    const pod = obj.spec.template.spec;
    const grace = pod.terminationGracePeriodSeconds;
    assert.ok(typeof grace === 'number', `${name}: explicit terminationGracePeriodSeconds`);
    for (const c of pod.containers as Obj[]) {
      const what = `${name}/${c.name}`;
      assert.ok(
        (c.ports as Obj[]).some((p) => p.name === 'http'),
        `${what}: named port http`,
      );
      const r = c.readinessProbe;
      const l = c.livenessProbe;
      assert.equal(r.httpGet.port, 'http', `${what}: readiness on the named port`);
      assert.equal(l.httpGet.port, 'http', `${what}: liveness on the named port`);
      assert.notEqual(r.httpGet.path, l.httpGet.path, `${what}: different endpoints`);
      const patience = (p: Obj) => (p.periodSeconds ?? 10) * (p.failureThreshold ?? 3) + (p.initialDelaySeconds ?? 0);
      assert.ok(patience(l) > patience(r), `${what}: liveness slower and more tolerant than readiness`);
      const preStop = c.lifecycle.preStop;
      const wait = Number(preStop.sleep ? preStop.sleep.seconds : preStop.exec.command.at(-1));
      assert.ok(grace >= wait + 30, `${what}: grace ${grace} clearly above preStop wait ${wait}`);
      assert.ok(c.resources.requests.cpu && c.resources.requests.memory, `${what}: cpu and memory requests`);
      assert.ok(c.resources.limits.memory, `${what}: memory limit`);
      assert.equal(c.resources.limits.cpu, undefined, `${what}: no CPU limit (throttling)`);
    }
    const labels = obj.spec.template.metadata.labels;
    for (const [k, v] of Object.entries(obj.spec.selector.matchLabels)) assert.equal(labels[k], v, `${name}: selector matches pod labels`);
    if (obj.kind === 'Deployment') {
      assert.ok(obj.spec.replicas >= 2, `${name}: replicas >= 2`);
      assert.equal(obj.spec.strategy.type, 'RollingUpdate');
      assert.equal(obj.spec.strategy.rollingUpdate.maxUnavailable, 0);
      assert.notEqual(obj.spec.strategy.rollingUpdate.maxSurge, 0);
      assert.ok(obj.spec.progressDeadlineSeconds <= 300, `${name}: rollout failure reported in minutes, not 10`);
    }
    if (obj.kind === 'StatefulSet') assert.equal(obj.spec.updateStrategy.type, 'RollingUpdate');
  }
});

test('snippets fit together with their defaults (labels, names, ports, retry budgets)', () => {
  const objs = fullNames.flatMap((n) => parseClean(expandSnippet(snippets[n].body), n) as Obj[]);
  const byKind = (kind: string) => objs.filter((o) => o.kind === kind);
  const deployment = byKind('Deployment')[0];
  const podLabels = deployment.spec.template.metadata.labels;
  const matches = (selector: Obj) => Object.entries(selector).every(([k, v]) => podLabels[k] === v);
  const [service] = byKind('Service').filter((s) => s.spec.clusterIP !== 'None');
  assert.ok(matches(service.spec.selector), 'Service selects the Deployment pods');
  assert.equal(service.spec.ports[0].targetPort, 'http');
  assert.ok(matches(byKind('PodDisruptionBudget')[0].spec.selector.matchLabels), 'PDB selects the Deployment pods');
  const hpa = byKind('HorizontalPodAutoscaler')[0];
  assert.equal(hpa.spec.scaleTargetRef.name, deployment.metadata.name);
  assert.equal(hpa.spec.metrics[0].resource.target.type, 'Utilization');
  assert.ok(hpa.spec.minReplicas >= 2);
  const canary = byKind('Canary')[0];
  assert.equal(canary.apiVersion, 'flagger.app/v1beta1');
  assert.equal(canary.spec.targetRef.name, deployment.metadata.name);
  const vs = byKind('VirtualService')[0];
  assert.equal(vs.spec.http[0].route[0].destination.host, service.metadata.name);
  const statefulSet = byKind('StatefulSet')[0];
  assert.ok(
    byKind('Service').some((s) => s.metadata.name === statefulSet.spec.serviceName && s.spec.clusterIP === 'None'),
    'StatefulSet governing Service',
  );
  for (const [what, route, retries] of [
    ['Canary', canary.spec.service, canary.spec.service.retries],
    ...vs.spec.http.map((r: Obj) => ['VirtualService route ' + r.name, r, r.retries]),
  ] as Array<[string, Obj, Obj]>) {
    assert.ok(retries, `${what}: retries`);
    assert.match(retries.retryOn, /(^|,)gateway-error(,|$)/, `${what}: retries gateway errors`);
    assert.ok(retries.attempts * seconds(retries.perTryTimeout) <= seconds(route.timeout), `${what}: retries fit the timeout`);
  }
});
