// Rule fixtures: test/fixtures/rules/<rule-id>/{valid,invalid}-*.yaml, linted with only that rule on.
// valid-* must produce nothing; invalid-* must match the sibling .snap (each finding drawn under its source
// line with severity and message). Regenerate snapshots with UPDATE_SNAPSHOTS=1 and review the diff.
// A fixture may start with `# fixture-options: {json}`: extra LintOptions (e.g. workspaceComplete, externalFacts,
// ruleOptions) for that fixture, plus `"findingsWithoutFixes": true` for rules that cannot always offer a fix.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { RULE_IDS, lintWithFixes, type FindingWithFixes, type LintOptions } from '../../../server/out/engine';
import { applyEdits, checkFix, lineDiff } from './fixHarness';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/rules');
const update = process.env.UPDATE_SNAPSHOTS === '1';

export function onlyRule(ruleId: string): LintOptions {
  return { rules: Object.fromEntries(RULE_IDS.map((id) => [id, id === ruleId ? 'default' : 'off'])) };
}

/** Renders findings as the lines they point at, with ~~~ under the range: readable in review, exact in comparison. */
export function renderFindings(text: string, findings: FindingWithFixes[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  };
  const out: string[] = [];
  for (const finding of findings) {
    const line = lineOf(finding.start);
    const lineEnd = text.indexOf('\n', lineStarts[line]);
    const source = text.slice(lineStarts[line], lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    const column = finding.start - lineStarts[line];
    const width = Math.max(1, Math.min(finding.end, lineStarts[line] + source.length) - finding.start);
    const endLine = lineOf(finding.end);
    out.push(
      `${finding.severity} ${finding.ruleId} at ${line + 1}:${column + 1}-${endLine + 1}:${finding.end - lineStarts[endLine] + 1} (doc ${finding.docIndex}, ${finding.kind}${finding.name ? `/${finding.name}` : ''}${finding.container ? `, container ${finding.container}` : ''})`,
      `  ${source}`,
      `  ${' '.repeat(column)}${'~'.repeat(width)}`,
      `  ${finding.message}`,
      ...(finding.related ?? []).map(
        (related) => `  related: ${related.file ?? '(this file)'} ${related.start}-${related.end}: ${related.message}`,
      ),
      ...finding.fixes.map(
        (fix) =>
          `  fix${fix.preferred ? ' (preferred)' : ''}${fix.safe ? ' (safe)' : ''}: ${fix.title}\n${lineDiff(text, applyEdits(text, fix.edits))}`,
      ),
      '',
    );
  }
  return out.join('\n');
}

interface FixtureOptions {
  options: LintOptions;
  findingsWithoutFixes: boolean;
}

/** The `# fixture-options: {...}` line of a fixture, if any. */
export function fixtureOptions(text: string): FixtureOptions {
  const match = /^# fixture-options: (.*)$/m.exec(text);
  if (!match) {
    return { options: {}, findingsWithoutFixes: false };
  }
  const { findingsWithoutFixes, ...options } = JSON.parse(match[1]) as LintOptions & { findingsWithoutFixes?: boolean };
  return { options, findingsWithoutFixes: findingsWithoutFixes === true };
}

const ruleDirs = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).sort() : [];

describe('rule fixtures', () => {
  test('every rule has a fixture folder with valid and invalid cases, and every folder is a rule', () => {
    assert.deepEqual([...ruleDirs].sort(), [...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      const files = fs.readdirSync(path.join(FIXTURES, id));
      assert.ok(
        files.some((f) => f.startsWith('valid-')),
        `${id} has no valid-* fixture`,
      );
      assert.ok(
        files.some((f) => f.startsWith('invalid-')),
        `${id} has no invalid-* fixture`,
      );
    }
  });

  for (const ruleId of ruleDirs) {
    describe(ruleId, () => {
      const dir = path.join(FIXTURES, ruleId);
      for (const file of fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        const extra = fixtureOptions(text);
        const options: LintOptions = { ...extra.options, ...onlyRule(ruleId) };
        if (file.startsWith('valid-')) {
          test(`${file}: no findings`, () => {
            const result = lintWithFixes(text, options);
            assert.equal(renderFindings(text, result.findings), '', `${file} should produce no ${ruleId} findings`);
          });
        } else if (file.startsWith('invalid-')) {
          test(`${file}: findings match the snapshot`, () => {
            const result = lintWithFixes(text, options);
            assert.ok(result.findings.length > 0, `${file} should produce ${ruleId} findings`);
            assert.ok(result.findings.every((f) => f.ruleId === ruleId));
            const rendered = renderFindings(text, result.findings);
            const snapPath = path.join(dir, `${file}.snap`);
            if (update || !fs.existsSync(snapPath)) {
              if (!update && process.env.CI) {
                assert.fail(`missing snapshot ${snapPath}: run UPDATE_SNAPSHOTS=1 npm test and review it`);
              }
              fs.writeFileSync(snapPath, rendered);
            }
            assert.equal(rendered, fs.readFileSync(snapPath, 'utf8'));
          });
          test(`${file}: every fix passes the fix invariants`, () => {
            const result = lintWithFixes(text, options);
            for (const finding of result.findings) {
              assert.ok(
                extra.findingsWithoutFixes || finding.fixes.length > 0,
                `${ruleId} at ${finding.start}: every finding offers a fix`,
              );
              for (const fix of finding.fixes) {
                checkFix(text, finding, fix, extra.options);
              }
            }
          });
        }
      }
    });
  }
});
