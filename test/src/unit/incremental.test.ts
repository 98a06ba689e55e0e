// Incremental re-analysis must give exactly what a full analysis of the same text gives, after any sequence of
// edits: inside documents, across them, adding or removing `---` and `...` markers, directives, broken YAML.
// Randomised with a fixed seed (change SEED to explore; a failure prints the step and the edit).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Linter, lintText, type LintResult, type TextChange } from '../../../server/out/engine';

const SEED = Number(process.env.INCREMENTAL_SEED ?? 20261121);
const STEPS = Number(process.env.INCREMENTAL_STEPS ?? 200);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  '\n---\n',
  '---\n',
  '\n...\n',
  '%YAML 1.2\n---\n',
  'x',
  ' ',
  '\n',
  '  replicas: 4\n',
  ': [',
  '#',
  '"',
  '{{ .Values.x }}',
  '\n- name: b\n',
  'kind: Deployment\n',
  '\r\n',
];

/** Rule fixtures in one multi-document file, the cross-object ones (Services, PDBs, HPAs) first. */
const CROSS_OBJECT = [
  'pdb-missing',
  'pdb-selects-nothing',
  'pdb-blocks-eviction',
  'hpa-target-missing-requests',
  'single-replica',
  'readiness-probe-missing',
  'rolling-update-unavailable',
];

function corpus(): string {
  const dir = path.resolve(__dirname, '../../fixtures/rules');
  const parts: string[] = [];
  const rules = fs
    .readdirSync(dir)
    .sort((a, b) => Number(!CROSS_OBJECT.includes(a)) - Number(!CROSS_OBJECT.includes(b)) || a.localeCompare(b));
  for (const rule of rules) {
    for (const file of fs.readdirSync(path.join(dir, rule)).sort()) {
      if (file.endsWith('.yaml') && parts.length < 24) {
        parts.push(fs.readFileSync(path.join(dir, rule, file), 'utf8').replace(/\r\n/g, '\n'));
      }
    }
  }
  return parts.join('---\n');
}

function comparable(result: LintResult): unknown {
  return {
    findings: result.findings,
    notices: result.notices,
    documentCount: result.documentCount,
    suppressed: result.suppressedCount ?? 0,
  };
}

function randomChange(text: string, random: () => number): TextChange {
  const offset = Math.floor(random() * (text.length + 1));
  const roll = random();
  if (roll < 0.35) {
    return { offset, length: 0, newText: SNIPPETS[Math.floor(random() * SNIPPETS.length)] };
  }
  if (roll < 0.6) {
    return { offset, length: Math.min(text.length - offset, Math.floor(random() * 40)), newText: '' };
  }
  if (roll < 0.75) {
    // Remove or break a document marker.
    const marker = text.indexOf('---', offset);
    if (marker >= 0) {
      return { offset: marker, length: Math.min(4, text.length - marker), newText: random() < 0.5 ? '' : '-' };
    }
  }
  return {
    offset,
    length: Math.min(text.length - offset, Math.floor(random() * 5)),
    newText: SNIPPETS[Math.floor(random() * SNIPPETS.length)],
  };
}

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.newText + text.slice(change.offset + change.length);
}

test(`incremental updates equal full analysis (seed ${SEED}, ${STEPS} steps)`, () => {
  const random = prng(SEED);
  let text = corpus();
  const linter = new Linter();
  linter.lint(text);
  for (let step = 0; step < STEPS; step++) {
    // Sometimes several changes in one update, as LSP sends them.
    const changes: TextChange[] = [];
    const count = random() < 0.2 ? 2 + Math.floor(random() * 3) : 1;
    for (let i = 0; i < count; i++) {
      const change = randomChange(text, random);
      changes.push(change);
      text = apply(text, change);
    }
    const incremental = linter.update(text, changes);
    const full = lintText(text);
    assert.deepEqual(comparable(incremental), comparable(full), `step ${step}: ${JSON.stringify(changes)}`);
  }
});

test('an update that does not lead to the given text falls back to a full analysis', () => {
  const linter = new Linter();
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 4\n';
  linter.lint(text);
  const other = `${text}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\nspec:\n  replicas: 4\n`;
  const result = linter.update(other, [{ offset: 0, length: 0, newText: 'nonsense' }]);
  assert.deepEqual(comparable(result), comparable(lintText(other)));
});

test('an edit that changes no facts reuses the other documents’ findings, notices and suppressions, shifted', () => {
  // Suppressed findings and a document that does not parse in front of and behind the edited comment: the
  // analysis copies the output of the documents in front and shifts that of the documents behind.
  const suppressed = fs.readFileSync(path.resolve(__dirname, '../../fixtures/rules/unused-suppression/valid-used.yaml'), 'utf8');
  const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n';
  const plain = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: c\nspec:\n  replicas: 1\n';
  let text = [suppressed, broken, '# edited here\n' + plain, suppressed.replace(/api/g, 'api2'), broken, plain].join('---\n');
  const linter = new Linter();
  const first = linter.lint(text);
  assert.ok((first.suppressedCount ?? 0) >= 4 && first.notices.length === 2 && first.findings.length > 4, 'a meaningful text');
  const random = prng(SEED);
  for (let step = 0; step < 40; step++) {
    const at = text.indexOf('# edited here') + 2 + Math.floor(random() * 6);
    const change: TextChange =
      random() < 0.7 ? { offset: at, length: 0, newText: 'xy'.slice(0, 1 + (step % 2)) } : { offset: at, length: 1, newText: '' };
    text = apply(text, change);
    const incremental = linter.update(text, [change]);
    assert.deepEqual(comparable(incremental), comparable(lintText(text)), `step ${step}: ${JSON.stringify(change)}`);
  }
});
