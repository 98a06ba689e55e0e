// Suppressions (engine/suppression.ts): `# kzd-ignore ...` comments above objects and containers, the
// kube-zero-downtime.io/ignore annotation, unused/unknown ones reported as unused-suppression, and the
// "Ignore <rule> for this container/object" fixes (computed on demand by ignoreFixes(text, finding)).
// Fixtures in test/fixtures/suppression/*.yaml are linted with every rule on; what remains (and how many
// findings were silenced) is pinned in the sibling .snap.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { RULE_IDS, lintWithFixes, type Finding, type LintOptions } from '../../../server/out/engine';
import { applyEdits } from '../../../server/out/engine/fix/fixAll';
import { ignoreFixes } from '../../../server/out/engine';

const dir = path.resolve(__dirname, '../../fixtures/suppression');
const rulesDir = path.resolve(__dirname, '../../fixtures/rules');
const update = process.env.UPDATE_SNAPSHOTS === '1';

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

function render(text: string, result: ReturnType<typeof lintWithFixes>): string {
  const lines = result.findings.map((f) => {
    const where = `${f.kind ?? '-'}${f.name ? `/${f.name}` : ''}${f.container ? ` container ${f.container}` : ''}`;
    const extra =
      f.ruleId === 'unused-suppression'
        ? `\n    ${f.message}\n    fixes: ${f.fixes.map((x) => `${x.title}${x.safe ? ' (safe)' : ''}`).join(' | ') || '-'}`
        : '';
    return `${f.ruleId} at ${lineCol(text, f.start)} ${JSON.stringify(text.slice(f.start, f.end).replace(/\r/g, ''))} (${where})${extra}`;
  });
  return `suppressed: ${result.suppressedCount ?? 0}\n${lines.join('\n')}\n`;
}

/**
 * The capacity, autoscaling and disruption-budget rules (issues 6 and 12) report on nearly every object of these fixtures;
 * the semantics tests are about suppressing the probe and shutdown rules, so those rules are off there (a
 * turned-off rule is still run to judge suppressions that name it). The snapshots above run every rule.
 */
const LATER_RULES = [
  'resources-missing',
  'hpa-deprecated-api',
  'hpa-legacy-metric-fields',
  'hpa-target-missing-requests',
  'pdb-missing',
  'pdb-selects-nothing',
  'pdb-blocks-eviction',
  'progress-deadline-default',
  'probe-port-unknown',
  'probe-timeout-exceeds-period',
  'single-replica',
  'probe-port-udp',
  'replicas-with-autoscaler',
  'autoscaler-min-replicas',
  'autoscaler-target-missing',
  'replicas-not-spread',
  'pdb-unhealthy-eviction-policy',
];
const QUIET: LintOptions = { rules: Object.fromEntries(LATER_RULES.map((id) => [id, 'off' as const])) };

function allRulesExcept(...off: string[]): LintOptions {
  return { rules: Object.fromEntries([...LATER_RULES, ...off].map((id) => [id, 'off' as const])) };
}

const lf = (text: string): string => text.replace(/\r\n/g, '\n');

describe('suppression fixtures', () => {
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    test(`${file} matches its snapshot`, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const result = lintWithFixes(text);
      assert.deepEqual(result.internalErrors ?? [], []);
      const rendered = render(text, result);
      const snap = path.join(dir, `${file}.snap`);
      if (update || !fs.existsSync(snap)) {
        fs.writeFileSync(snap, rendered);
      }
      assert.equal(rendered, fs.readFileSync(snap, 'utf8'));
    });
  }
});

describe('suppression semantics', () => {
  const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
  const ids = (findings: Finding[], container?: string): string[] =>
    findings
      .filter((f) => container === undefined || f.container === container)
      .map((f) => f.ruleId)
      .sort();

  test('a container comment silences only that container', () => {
    const result = lintWithFixes(read('container-comment.yaml'), QUIET);
    assert.deepEqual(ids(result.findings, 'web'), []);
    assert.deepEqual(ids(result.findings, 'api'), ['liveness-probe-missing', 'readiness-probe-missing']);
    assert.equal(result.suppressedCount, 2);
  });

  test('the same file without the comment has the findings back (the comment is what silences them)', () => {
    const text = read('container-comment.yaml').replace(/^ *# kzd-ignore.*\n/m, '');
    const result = lintWithFixes(text, QUIET);
    assert.deepEqual(ids(result.findings, 'web'), ['liveness-probe-missing', 'readiness-probe-missing']);
    assert.equal(result.suppressedCount, undefined);
  });

  test('an object comment with all silences the object and its containers; a named list only those rules', () => {
    const result = lintWithFixes(read('object-comment.yaml'), QUIET);
    assert.ok(!result.findings.some((f) => f.name === 'preview'), JSON.stringify(result.findings.map((f) => `${f.name}:${f.ruleId}`)));
    const partial = result.findings.filter((f) => f.name === 'partial').map((f) => f.ruleId);
    assert.ok(!partial.includes('rolling-update-unavailable'));
    assert.ok(partial.includes('readiness-probe-missing'));
  });

  test('stacked comments and the long spelling', () => {
    const result = lintWithFixes(read('stacked-comments.yaml'), QUIET);
    assert.deepEqual(ids(result.findings, 'api'), []);
    assert.equal(result.suppressedCount, 3);
  });

  test('a blank line between the comment and the container breaks the stack: reported, nothing silenced', () => {
    const text = read('stacked-comments.yaml').replace('      - name: api', '\n      - name: api');
    const result = lintWithFixes(text, QUIET);
    assert.deepEqual(ids(result.findings, 'api'), ['liveness-probe-missing', 'prestop-hook-missing', 'readiness-probe-missing']);
    assert.equal(result.findings.filter((f) => f.ruleId === 'unused-suppression').length, 3);
  });

  test('the annotation, comma or space separated, silences the whole object', () => {
    const result = lintWithFixes(read('annotation.yaml'), QUIET);
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      [],
    );
    assert.equal(result.suppressedCount, 4);
  });

  test('CRLF: the comment works and the reason is not read as ids', () => {
    const text = read('crlf.yaml');
    assert.ok(text.includes('\r\n'));
    const result = lintWithFixes(text, QUIET);
    assert.deepEqual(ids(result.findings, 'app'), ['liveness-probe-missing', 'prestop-hook-missing']);
    assert.ok(!result.findings.some((f) => f.ruleId === 'unused-suppression'), 'reason words are not unknown ids');
    assert.deepEqual(
      render(lf(text), lintWithFixes(lf(text), QUIET)),
      render(text, result).replace(/\r/g, ''),
      'same result as the LF text',
    );
  });

  test('a misspelt id does not silence, and is reported with the closest id as a fix', () => {
    const result = lintWithFixes(read('unknown-and-unused.yaml'), QUIET);
    assert.ok(result.findings.some((f) => f.ruleId === 'readiness-probe-missing' && f.container === 'web'));
    const typo = result.findings.find((f) => f.ruleId === 'unused-suppression' && f.container === 'web');
    assert.ok(typo, 'the typo is reported');
    assert.equal(typo.severity, 'hint');
    assert.match(typo.message, /did you mean readiness-probe-missing/);
    assert.equal(typo.fixes[0].title, 'Change to readiness-probe-missing');
    assert.equal(typo.fixes[0].safe, false);
  });

  test('the ids are judged whatever the settings: a turned-off rule is run to see whether its suppression is used', () => {
    const text = read('container-comment.yaml');
    const off = lintWithFixes(text, allRulesExcept('readiness-probe-missing', 'liveness-probe-missing'));
    assert.ok(!off.findings.some((f) => f.ruleId === 'unused-suppression'), 'used when the rules would report: not unused');
    const unusedText = read('unknown-and-unused.yaml');
    const judged = lintWithFixes(unusedText, allRulesExcept('grace-period-too-short'));
    assert.ok(
      judged.findings.some((f) => f.ruleId === 'unused-suppression' && f.container === 'sidecar'),
      'unused also when its rule is off: the rule would report nothing there',
    );
  });

  test('unused-suppression off: suppressions still silence, nothing is reported about them', () => {
    const result = lintWithFixes(read('unknown-and-unused.yaml'), allRulesExcept('unused-suppression'));
    assert.ok(!result.findings.some((f) => f.ruleId === 'unused-suppression'));
    const silenced = lintWithFixes(read('container-comment.yaml'), allRulesExcept('unused-suppression'));
    assert.equal(silenced.suppressedCount, 2);
  });

  test('unused-suppression findings are not themselves suppressible, and cannot be named in a list', () => {
    const text = `# kzd-ignore all, unused-suppression
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`;
    const result = lintWithFixes(text, QUIET);
    const reported = result.findings.filter((f) => f.ruleId === 'unused-suppression');
    assert.equal(reported.length, 1);
    assert.match(reported[0].message, /unused-suppression cannot be suppressed here/);
  });

  test('look-alikes inside strings are not comments', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: scripts
  annotations:
    note: "see # kzd-ignore all"
data:
  run.sh: |
    # kzd-ignore all
    exec app
`;
    assert.deepEqual(lintWithFixes(text, QUIET).findings, []);
  });
});

describe('"Ignore <rule>" fixes', () => {
  // Every finding of the rule fixtures and the suppression fixtures: each ignore fix, applied, silences exactly
  // that finding, keeps the YAML valid and the line endings, and reports no unused suppression.
  const files = [
    ...fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(dir, f)),
    ...fs
      .readdirSync(rulesDir)
      .filter((ruleId) => ruleId !== 'unused-suppression')
      .flatMap((ruleId) =>
        fs
          .readdirSync(path.join(rulesDir, ruleId))
          .filter((f) => /^invalid-.*\.yaml$/.test(f))
          .map((f) => path.join(rulesDir, ruleId, f)),
      ),
  ];
  for (const file of files) {
    test(path.relative(path.resolve(dir, '..'), file), () => {
      const text = fs.readFileSync(file, 'utf8');
      const before = lintWithFixes(text).findings;
      for (const finding of before) {
        if (finding.ruleId === 'unused-suppression') {
          assert.deepEqual(ignoreFixes(text, finding), []);
          continue;
        }
        const titles = ignoreFixes(text, finding).map((f) => f.title);
        assert.ok(titles.includes(`Ignore ${finding.ruleId} for this object`), `${finding.ruleId}: ${titles.join(', ')}`);
        if (finding.container !== undefined) {
          assert.equal(titles[0], `Ignore ${finding.ruleId} for this container`);
        }
        for (const fix of ignoreFixes(text, finding)) {
          const where = `${finding.ruleId} at ${lineCol(text, finding.start)}: ${fix.title}`;
          assert.equal(fix.safe, false, `${where}: never applied by fix-all`);
          assert.ok(!fix.preferred, `${where}: not preferred`);
          const fixed = applyEdits(text, fix.edits);
          parseAllDocuments(fixed).forEach((doc, i) => {
            if (parseAllDocuments(text)[i]?.errors.length === 0) {
              assert.deepEqual(
                doc.errors.map((e) => e.message),
                [],
                `${where}:\n${fixed}`,
              );
            }
          });
          if (text.includes('\r\n')) {
            assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/, `${where}: CRLF kept`);
          } else {
            assert.doesNotMatch(fixed, /\r/, `${where}: LF kept`);
          }
          const after = lintWithFixes(fixed);
          const same = (f: Finding): boolean =>
            f.ruleId === finding.ruleId &&
            f.name === finding.name &&
            f.kind === finding.kind &&
            f.container === finding.container &&
            f.docIndex === finding.docIndex;
          assert.ok(after.findings.filter(same).length < before.filter(same).length, `${where}: the finding is gone:\n${fixed}`);
          const unusedBefore = before.filter((f) => f.ruleId === 'unused-suppression').length;
          assert.equal(
            after.findings.filter((f) => f.ruleId === 'unused-suppression').length,
            unusedBefore,
            `${where}: no unused suppression:\n${fixed}`,
          );
          assert.ok((after.suppressedCount ?? 0) > 0);
          // Nothing else changes: every other finding is still there.
          assert.equal(
            after.findings.length + (after.suppressedCount ?? 0),
            before.length + (lintWithFixes(text).suppressedCount ?? 0),
            `${where}: only suppressions change`,
          );
        }
      }
    });
  }

  test('a container that already has a kzd-ignore comment gets the id added to it, before the reason', () => {
    const text = fs.readFileSync(path.join(dir, 'crlf.yaml'), 'utf8');
    const finding = lintWithFixes(text).findings.find((f) => f.ruleId === 'liveness-probe-missing');
    assert.ok(finding);
    const fixed = applyEdits(text, ignoreFixes(text, finding)[0].edits);
    assert.match(fixed, /# kzd-ignore readiness-probe-missing, liveness-probe-missing -- reason text/);
  });

  test('a new comment goes on its own line above the container, at its indentation, with the document line ending', () => {
    const text = fs.readFileSync(path.join(dir, 'container-comment.yaml'), 'utf8');
    const finding = lintWithFixes(text).findings.find((f) => f.ruleId === 'readiness-probe-missing' && f.container === 'api');
    assert.ok(finding);
    const fixed = applyEdits(text, ignoreFixes(text, finding)[0].edits);
    assert.ok(fixed.includes('                seconds: 5\n        # kzd-ignore readiness-probe-missing\n        - name: api\n'), fixed);
    const objectFix = applyEdits(text, ignoreFixes(text, finding)[1].edits);
    assert.ok(objectFix.includes('\n# kzd-ignore readiness-probe-missing\napiVersion: apps/v1\n'), objectFix);
  });

  test('every rule id can be suppressed and is known to the suppression parser', () => {
    for (const id of RULE_IDS.filter((r) => r !== 'unused-suppression')) {
      const text = `# kzd-ignore ${id}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n`;
      const finding = lintWithFixes(text).findings[0];
      assert.ok(finding && /reports nothing/.test(finding.message), `${id}: ${finding?.message}`);
    }
  });
});
