// Origins: literal text is copied from its file, actions are produced by their source range, values printed
// from .Values point at their values-file node, include keeps the helper's spans through nindent.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { OriginSpan } from '../../../../server/out/engine/model/origin';
import { renderFull } from './render';

const VALUES = 'name: web\nresources:\n  limits:\n    cpu: 100m\n';

function innermost(spans: OriginSpan[], offset: number): OriginSpan | undefined {
  let best: OriginSpan | undefined;
  for (const s of spans) if (s.start <= offset && offset < s.end && (!best || s.end - s.start <= best.end - best.start)) best = s;
  return best;
}

test('literal text is a copy, an action is produced by its range, with the values node as via', () => {
  const tpl = 'name: {{ .Values.name }}\n';
  const out = renderFull(tpl, VALUES);
  assert.equal(out.text, 'name: web\n');
  assert.deepEqual(innermost(out.origins, 0), { start: 0, end: 6, kind: 'copy', source: { file: 't.yaml', start: 0, end: 6 } });
  const action = innermost(out.origins, 6);
  assert.equal(action?.kind, 'produced');
  assert.deepEqual(action?.source, { file: 't.yaml', start: 6, end: tpl.indexOf('}}') + 2 });
  assert.deepEqual(action?.via, [{ file: 'values.yaml', start: 6, end: 9 }]);
});

test('via survives default and quote', () => {
  const out = renderFull('a: {{ .Values.name | default "x" | quote }}', VALUES);
  assert.deepEqual(innermost(out.origins, 4)?.via, [{ file: 'values.yaml', start: 6, end: 9 }]);
});

test('toYaml of a values subtree: node spans point at the values file, inside the action span', () => {
  const out = renderFull('r:{{ toYaml .Values.resources | nindent 2 }}', VALUES);
  assert.equal(out.text, 'r:\n  limits:\n    cpu: 100m');
  const cpu = innermost(out.origins, out.text.indexOf('100m'));
  assert.equal(cpu?.kind, 'node');
  assert.equal(VALUES.slice(cpu?.source.start, cpu?.source.end), '100m');
});

test('include: the helper text keeps copy spans in the helper file, shifted by nindent', () => {
  const helper = '{{- define "lbl" -}}\napp: x\ntier: y\n{{- end }}';
  const out = renderFull('l:{{ include "lbl" . | nindent 2 }}', VALUES, { '_h.tpl': helper });
  assert.equal(out.text, 'l:\n  app: x\n  tier: y');
  const tier = innermost(out.origins, out.text.indexOf('tier'));
  assert.equal(tier?.kind, 'copy');
  assert.equal(tier?.source.file, '_h.tpl');
  assert.equal(helper.slice(tier?.source.start, (tier?.source.start ?? 0) + 7), 'tier: y');
  const outer = out.origins.find((s: OriginSpan) => s.kind === 'produced' && s.source.file === 't.yaml');
  assert.ok(outer && outer.start <= out.text.indexOf('app') && outer.end >= out.text.length);
});

test('spans stay inside the text and sorted after <no value> removal', () => {
  const out = renderFull('a{{ .Values.nope }}b {{ .Values.name }}', VALUES);
  assert.equal(out.text, 'ab web');
  for (const s of out.origins) assert.ok(s.start >= 0 && s.end <= out.text.length && s.start < s.end);
  assert.equal(out.text.slice(innermost(out.origins, 3)?.start, innermost(out.origins, 3)?.end), 'web');
});
