// The fix harness for charts: a fix of a chart's finding is applied to the chart's files (every edit names its
// file: a template, a helper, a values file), the chart is rendered and judged again, and then its finding is
// gone, nothing new appeared (findings by identity, notices by reason), the edited YAML files still parse, and
// no fix is offered again for the same finding (idempotent).
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { ChartJudge, type ChartFinding, type ChartJudgeOptions, type ChartVerdict } from '../../../../server/out/engine/charts/judge';
import { applyEdits } from '../../../../server/out/engine/fix/fixAll';
import type { ProjectFiles } from '../../../../server/out/engine/model/origin';
import type { Fix } from '../../../../server/out/engine/types';

/** The files with some texts replaced. */
export function overlay(files: ProjectFiles, changed: ReadonlyMap<string, string>): ProjectFiles {
  const encoder = new TextEncoder();
  return {
    readText: (file) => changed.get(file) ?? files.readText(file),
    readBytes: (file) => {
      const text = changed.get(file);
      return text === undefined ? files.readBytes(file) : encoder.encode(text);
    },
    list: (dir) => files.list(dir),
  };
}

/** The files after a fix: each edited file's text with its edits applied. */
export function withFix(files: ProjectFiles, fix: Fix, base: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const changed = new Map(base);
  for (const file of new Set(fix.edits.map((edit) => edit.file))) {
    assert.ok(file !== undefined, `${fix.title}: every edit of a chart's fix names its file`);
    const text = changed.get(file) ?? files.readText(file);
    assert.ok(text !== undefined, `${fix.title}: ${file} exists`);
    changed.set(
      file,
      applyEdits(
        text,
        fix.edits.filter((edit) => edit.file === file).map(({ offset, length, newText }) => ({ offset, length, newText })),
      ),
    );
  }
  return changed;
}

export function identity(f: ChartFinding): string {
  return [f.ruleId, f.template, f.kind, f.namespace, f.name, f.container].join('|');
}

function counts<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}

/** Checks every invariant for one fix; returns the judged chart after it and the changed files. */
export function checkChartFix(
  files: ProjectFiles,
  before: ChartVerdict,
  finding: ChartFinding,
  fix: Fix,
  options: ChartJudgeOptions = {},
): { after: ChartVerdict; changed: Map<string, string> } {
  const where = `${finding.ruleId} "${fix.title}"`;
  const changed = withFix(files, fix);
  for (const [file, text] of changed) {
    if (/\.ya?ml$/.test(file) && !file.includes('/templates/')) {
      assert.deepEqual(
        parseDocument(text).errors.map((e) => e.message),
        [],
        `${where}: ${file} still parses:\n${text}`,
      );
    }
  }
  const judge = new ChartJudge(before.chartDir);
  const after = judge.judge(overlay(files, changed), options);
  const was = counts(before.findings, identity);
  const now = counts(after.findings, identity);
  const key = identity(finding);
  assert.ok(
    (now.get(key) ?? 0) < (was.get(key) ?? 0),
    `${where}: the finding is gone after the fix\n${[...changed.values()].join('\n---\n')}`,
  );
  for (const [other, n] of now) assert.ok(n <= (was.get(other) ?? 0), `${where}: the fix introduced ${other}`);
  const reasons = counts(after.notices, (n) => n.reason);
  for (const [reason, n] of reasons) {
    assert.ok(n <= (counts(before.notices, (x) => x.reason).get(reason) ?? 0), `${where}: the fix made a ${reason} notice`);
  }
  // Idempotent: nothing is left to fix for that finding.
  if (was.get(key) === 1) {
    const again = after.findings.filter((f) => identity(f) === key);
    assert.deepEqual(
      again.flatMap((f) => judge.fixesFor(f)),
      [],
      `${where}: nothing left to fix the second time`,
    );
  }
  return { after, changed };
}
