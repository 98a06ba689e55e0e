// The generic redirection of fixes (engine/fix/redirect.ts), independent of Helm: a toy renderer re-serializes a
// base manifest (2-space indentation, a name prefix, as a Kustomize build does), marking the container it carried
// over as a `node` span of the base file and a probe timeout printed from a settings file as a value `via` that
// file. Fixes of the rendered document edit the base and the settings file in their own style; rendered again,
// the finding is gone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument, stringify, type Node } from 'yaml';
import { FileModel, Linter, OriginMap, type Finding, type OriginSpan, type RenderedText } from '../../../server/out/engine';
import { applyEdits } from '../../../server/out/engine/fix/fixAll';

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
spec:
    replicas: 3
    selector:
        matchLabels: {app: web}
    template:
        metadata:
            labels: {app: web}
        spec:
            containers:
                -   name: web
                    image: web:1.0
                    ports:
                        -   containerPort: 8080
`;
const SETTINGS = 'probeTimeout: 10 # seconds\n';
const CONTAINER = ['spec', 'template', 'spec', 'containers', 0];

type Files = Record<string, string>;

function rangeOf(text: string, path: (string | number)[]): [number, number] {
  const node = parseDocument(text).getIn(path, true) as Node;
  return [node.range![0], node.range![1]];
}

/** base + settings -> a re-serialized Deployment with a sidecar whose probe timeout comes from the settings. */
function render(files: Files): RenderedText {
  const object = parseDocument(files['base/deployment.yaml']).toJS() as {
    metadata: { name: string };
    spec: { template: { spec: { containers: unknown[] } } };
  };
  const timeout = parseDocument(files['settings.yaml']).get('probeTimeout') as number;
  object.metadata.name = `prod-${object.metadata.name}`;
  object.spec.template.spec.containers.push({
    name: 'metrics',
    image: 'metrics:1.0',
    ports: [{ containerPort: 9090 }],
    readinessProbe: { tcpSocket: { port: 9090 }, periodSeconds: 5, timeoutSeconds: 0 },
    livenessProbe: { tcpSocket: { port: 9090 } },
  });
  const text = stringify(object, { indentSeq: false }).replace('timeoutSeconds: 0', `timeoutSeconds: ${timeout}`);
  const [cStart, cEnd] = rangeOf(text, CONTAINER);
  const [bStart, bEnd] = rangeOf(files['base/deployment.yaml'], CONTAINER);
  const value = text.indexOf(`timeoutSeconds: ${timeout}`) + 'timeoutSeconds: '.length;
  const settingsValue = files['settings.yaml'].indexOf(String(timeout));
  const origins: OriginSpan[] = [
    { start: 0, end: text.length, kind: 'produced', source: { file: 'kustomization.yaml', start: 0, end: 10 } },
    { start: cStart, end: cEnd, kind: 'node', source: { file: 'base/deployment.yaml', start: bStart, end: bEnd } },
    {
      start: value,
      end: value + String(timeout).length,
      kind: 'produced',
      source: { file: 'kustomization.yaml', start: 0, end: 10 },
      via: [{ file: 'settings.yaml', start: settingsValue, end: settingsValue + String(timeout).length }],
    },
  ];
  return { text, origins };
}

function lint(files: Files): { linter: Linter; findings: Finding[] } {
  const rendered = render(files);
  const sources = { readText: (file: string) => files[file] };
  const linter = new Linter(new FileModel({ kind: 'rendered', origins: OriginMap.of(rendered), sources }));
  return { linter, findings: linter.lint(rendered.text, { rules: { 'pdb-missing': 'off', 'progress-deadline-default': 'off' } }).findings };
}

function applyFix(files: Files, edits: { file?: string; offset: number; length: number; newText: string }[]): Files {
  const fixed = { ...files };
  for (const file of new Set(edits.map((e) => e.file!))) {
    fixed[file] = applyEdits(
      files[file],
      edits.filter((e) => e.file === file).map(({ offset, length, newText }) => ({ offset, length, newText })),
    );
  }
  return fixed;
}

const FILES: Files = { 'base/deployment.yaml': BASE, 'settings.yaml': SETTINGS };

describe('fixes of a rendered node are written into the source node it stands for', () => {
  test('a container carried over from a base: the probe is added in the base, at its 4-space indentation', () => {
    const { linter, findings } = lint(FILES);
    const readiness = findings.find((f) => f.ruleId === 'readiness-probe-missing' && f.container === 'web');
    assert.ok(readiness, JSON.stringify(findings.map((f) => f.ruleId)));
    const fix = linter.fixesFor(readiness).find((f) => f.title.includes('tcpSocket'));
    assert.ok(fix);
    assert.deepEqual(
      fix.edits.map((e) => e.file),
      ['base/deployment.yaml'],
    );
    const fixed = applyFix(FILES, fix.edits);
    assert.match(fixed['base/deployment.yaml'], /containerPort: 8080\n {20}readinessProbe:\n {24}tcpSocket:\n {28}port: 8080\n/);
    assert.equal(
      lint(fixed).findings.find((f) => f.ruleId === 'readiness-probe-missing' && f.container === 'web'),
      undefined,
    );
  });

  test('a value printed whole from a settings entry: the entry is replaced, its comment kept', () => {
    const { linter, findings } = lint(FILES);
    const timeout = findings.find((f) => f.ruleId === 'probe-timeout-exceeds-period');
    assert.ok(timeout);
    const fix = linter.fixesFor(timeout).find((f) => f.title === 'Set timeoutSeconds: 4');
    assert.ok(fix, JSON.stringify(linter.fixesFor(timeout)));
    assert.deepEqual(fix.edits, [{ file: 'settings.yaml', offset: SETTINGS.indexOf('10'), length: 2, newText: '4' }]);
    const fixed = applyFix(FILES, fix.edits);
    assert.equal(fixed['settings.yaml'], 'probeTimeout: 4 # seconds\n');
    assert.equal(
      lint(fixed).findings.find((f) => f.ruleId === 'probe-timeout-exceeds-period'),
      undefined,
    );
  });

  test('an edit of text no source holds (the name prefix) is not offered', () => {
    const rendered = render(FILES);
    const map = OriginMap.of(rendered);
    const prefix = rendered.text.indexOf('prod-web');
    assert.equal(map.mapEdit({ offset: prefix, length: 4, newText: 'test' }), undefined);
  });
});
