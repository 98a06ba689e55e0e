// Differential test against the real Helm (v3.21.4, built from the Go module proxy by
// scripts/helm-reference.mjs): small generated charts, one template per case, rendered by `helm template`
// and by the in-process TemplateSet; the outputs must be identical text, and where Helm fails we must fail.
// Go must be installed (CI has it): without it this test fails and says so, it is never skipped.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TemplateError, TemplateSet, valuesFromYaml } from '../../../../server/out/engine/render/helm/template';
import { topLevel } from './builtins';
import { B64_CASES, ERROR_CASES, HELPERS, RAW_CASES, VALUES } from './differential-cases';

const ROOT = path.resolve(__dirname, '../../../..');

function helmBinary(): string {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/helm-reference.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) assert.fail(`the real Helm is needed for the differential test and could not be installed:\n${r.stderr}`);
  return r.stdout.trim();
}

interface Case {
  file: string;
  body: string;
}

function caseFiles(): Case[] {
  const cases: Case[] = [];
  B64_CASES.forEach((c, i) => {
    const n = String(i).padStart(3, '0');
    cases.push({
      file: `b${n}.yaml`,
      body: `{{- define "case.b${n}" }}${c}{{ end -}}\nkind: Case\nout: {{ include "case.b${n}" . | b64enc | quote }}\n`,
    });
  });
  RAW_CASES.forEach((c, i) => cases.push({ file: `r${String(i).padStart(3, '0')}.yaml`, body: `kind: Case\n${c}\n` }));
  return cases;
}

function writeChart(dir: string, files: Case[]): void {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: diff\nversion: 0.1.0\nappVersion: 1.0.0\n');
  fs.writeFileSync(path.join(dir, 'values.yaml'), VALUES);
  fs.writeFileSync(path.join(dir, 'templates', '_helpers.tpl'), HELPERS);
  for (const f of files) fs.writeFileSync(path.join(dir, 'templates', f.file), f.body);
}

function helmTemplate(helm: string, dir: string): { ok: true; docs: Map<string, string> } | { ok: false; error: string } {
  const r = spawnSync(helm, ['template', 'release-name', dir, '--namespace', 'default', '--kube-version', '1.29'], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, error: r.stderr };
  const docs = new Map<string, string>();
  for (const part of r.stdout.split(/^---\n# Source: /m).slice(1)) {
    const nl = part.indexOf('\n');
    docs.set(part.slice(0, nl).replace(/^diff\/templates\//, ''), part.slice(nl + 1).trim());
  }
  return { ok: true, docs };
}

function ours(files: Case[], only?: string): Map<string, string> {
  const set = new TemplateSet();
  set.add('diff/templates/_helpers.tpl', HELPERS);
  for (const f of files) set.add(`diff/templates/${f.file}`, f.body);
  const values = valuesFromYaml(VALUES, 'diff/values.yaml');
  const out = new Map<string, string>();
  for (const f of files) {
    if (only && f.file !== only) continue;
    const name = `diff/templates/${f.file}`;
    out.set(f.file, set.execute(name, topLevel(values, name)).text.trim());
  }
  return out;
}

function decode(doc: string): string {
  const m = /out: "([^"]*)"/.exec(doc);
  return m ? Buffer.from(m[1], 'base64').toString('utf8') : doc;
}

test('differential: generated cases render identically with the real Helm', () => {
  const helm = helmBinary();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-diff-'));
  try {
    const files = caseFiles();
    writeChart(tmp, files);
    const reference = helmTemplate(helm, tmp);
    if (!reference.ok) assert.fail(`helm template failed on the passing cases:\n${reference.error}`);
    const mine = ours(files);
    const mismatches: string[] = [];
    for (const f of files) {
      const expected = reference.docs.get(f.file) ?? '';
      const actual = mine.get(f.file) ?? '';
      if (expected !== actual) {
        mismatches.push(`${f.file}: ${f.body}\n  helm: ${JSON.stringify(decode(expected))}\n  ours: ${JSON.stringify(decode(actual))}`);
      }
    }
    assert.equal(mismatches.length, 0, `${mismatches.length} of ${files.length} cases differ:\n${mismatches.join('\n')}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('differential: templates Helm refuses are refused too', () => {
  const helm = helmBinary();
  const failures: string[] = [];
  for (const [i, body] of ERROR_CASES.entries()) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-diff-err-'));
    try {
      const files = [{ file: `e${i}.yaml`, body: `kind: Case\nout: ${body}\n` }];
      writeChart(tmp, files);
      const reference = helmTemplate(helm, tmp);
      let ourError: unknown;
      try {
        ours(files);
      } catch (e) {
        ourError = e;
      }
      if (reference.ok) failures.push(`${body}: helm rendered it`);
      if (!(ourError instanceof TemplateError)) failures.push(`${body}: we did not fail with a TemplateError (${String(ourError)})`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  assert.deepEqual(failures, []);
});

export { execFileSync };
