// Bounded execution: endless ranges, self-including templates and huge outputs end with a clear error.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TemplateError } from '../../../../server/out/engine/render/helm/template';
import { renderFull } from './render';

test('range over a huge integer stops at the step budget', () => {
  assert.throws(
    () => renderFull('{{ range 1000000000000 }}x{{ end }}', '', {}, { maxSteps: 100_000 }),
    (e: unknown) => e instanceof TemplateError && e.kind === 'limit' && /steps/.test(e.message),
  );
});

test('a self-including template ends with an error, not a hang or a stack overflow', () => {
  assert.throws(
    () => renderFull('{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}'),
    (e: unknown) => e instanceof TemplateError && /nested reference name: r|template depth/.test(e.message),
  );
  assert.throws(
    () => renderFull('{{ define "s" }}{{ template "s" . }}{{ end }}{{ template "s" . }}'),
    (e: unknown) => e instanceof TemplateError && /depth/.test(e.message),
  );
});

test('output size is bounded', () => {
  assert.throws(
    () => renderFull('{{ range until 1000 }}{{ repeat 10000 "x" }}{{ end }}', '', {}, { maxOutputChars: 1_000_000 }),
    (e: unknown) => e instanceof TemplateError && /exceeds 1000000 characters/.test(e.message),
  );
});
