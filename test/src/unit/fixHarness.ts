// The shared fix harness: every fix of every finding must keep the document parsing, remove its finding,
// leave comments and line endings alone, and bring no new finding in. Used for the rule fixtures and for the
// style variants (LF/CRLF, 2/4 spaces, indented/unindented sequences, flow maps).
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { lintWithFixes, type Finding, type Fix, type LintOptions, type TextEdit } from '../../../server/out/engine';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Later offsets first; equal offsets keep their array order (the engine merges same-offset insertions anyway).
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.offset - a.edit.offset || b.index - a.index);
  let result = text;
  for (const { edit } of ordered) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return result;
}

/** What identifies a finding across edits (ranges move, messages may change). */
export function findingKey(finding: Finding): string {
  return [finding.ruleId, finding.docIndex, finding.kind, finding.name, finding.container].join('|');
}

function countBy(findings: Finding[], keyOf: (finding: Finding) => string = findingKey): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    counts.set(keyOf(finding), (counts.get(keyOf(finding)) ?? 0) + 1);
  }
  return counts;
}

function commentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#'));
}

/** Checks every invariant for one fix of one finding; returns the fixed text. */
export function checkFix(text: string, finding: Finding, fix: Fix, options: LintOptions = {}): string {
  const where = `${finding.ruleId} "${fix.title}"`;
  assert.ok(fix.edits.length > 0, `${where}: a fix edits something`);
  for (const edit of fix.edits) {
    assert.ok(edit.offset >= 0 && edit.offset + edit.length <= text.length, `${where}: edit inside the text`);
  }
  const sorted = [...fix.edits].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(sorted[i - 1].offset + sorted[i - 1].length <= sorted[i].offset, `${where}: edits of one fix do not overlap`);
  }
  const fixed = applyEdits(text, fix.edits);

  // 1. It still parses, document for document. A fix may add whole documents (a PodDisruptionBudget for a
  // Deployment): then every document that parsed before and every new one must parse.
  const before = parseAllDocuments(text);
  const after = parseAllDocuments(fixed);
  const addsDocuments = after.length !== before.length;
  if (!addsDocuments) {
    after.forEach((doc, i) => {
      if (before[i].errors.length === 0) {
        assert.deepEqual(
          doc.errors.map((e) => e.message),
          [],
          `${where}: document ${i} parses after the fix:\n${fixed}`,
        );
      }
    });
  } else {
    assert.ok(after.length > before.length, `${where}: a fix never removes YAML documents`);
    const broken = (docs: typeof before) => docs.filter((doc) => doc.errors.length > 0).length;
    assert.ok(broken(after) <= broken(before), `${where}: every document parses after the fix:\n${fixed}`);
  }

  // 2. Its finding is gone, and nothing new appears anywhere (all rules on). When documents were added, the
  // documents after them moved: findings are then matched without their document index.
  const beforeAll = lintWithFixes(text, options).findings;
  const afterAll = lintWithFixes(fixed, options).findings;
  const keyOf = addsDocuments ? (f: Finding) => findingKey({ ...f, docIndex: -1 }) : findingKey;
  const beforeCounts = countBy(beforeAll, keyOf);
  const afterCounts = countBy(afterAll, keyOf);
  const key = keyOf(finding);
  assert.ok((afterCounts.get(key) ?? 0) < (beforeCounts.get(key) ?? 0), `${where}: the finding is gone after the fix:\n${fixed}`);
  for (const [other, count] of afterCounts) {
    assert.ok(count <= (beforeCounts.get(other) ?? 0), `${where}: the fix introduced ${other}:\n${fixed}`);
  }

  // 3. Idempotent: fixing again (the same rule on the same object) has nothing left to do when the finding was unique.
  if (beforeCounts.get(key) === 1) {
    assert.ok(!afterAll.some((f) => keyOf(f) === key), `${where}: nothing left to fix the second time`);
  }

  // 4. Comments and line endings survive.
  for (const comment of commentLines(text)) {
    // unused-suppression fixes exist to edit or remove suppression comments (engine/suppression.ts).
    if (finding.ruleId === 'unused-suppression' && /#\s*(kzd|kube-zero-downtime)-ignore/.test(comment)) continue;
    assert.ok(fixed.includes(comment), `${where}: comment kept: ${comment}`);
  }
  if (text.includes('\r\n')) {
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/, `${where}: CRLF document gets CRLF lines only`);
  } else {
    assert.doesNotMatch(fixed, /\r/, `${where}: LF document gets no CR`);
  }
  // 5. Text outside the edits is untouched (prefix before the first edit, suffix after the last).
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  assert.equal(fixed.slice(0, first.offset), text.slice(0, first.offset), `${where}: text before the edit unchanged`);
  const tail = text.length - (last.offset + last.length);
  assert.equal(fixed.slice(fixed.length - tail), text.slice(text.length - tail), `${where}: text after the edit unchanged`);
  return fixed;
}

/** A compact line diff for snapshots: changed lines with one line of context. */
export function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const out: string[] = [];
  const show = (line: string) => line.replace(/\r$/, '⏎');
  if (start > 0) {
    out.push(`    ${show(a[start - 1])}`);
  }
  for (let i = start; i <= endA; i++) {
    out.push(`  - ${show(a[i])}`);
  }
  for (let i = start; i <= endB; i++) {
    out.push(`  + ${show(b[i])}`);
  }
  if (endA + 1 < a.length) {
    out.push(`    ${show(a[endA + 1])}`);
  }
  return out.join('\n');
}
