// Judging Kustomize builds (test/fixtures/kustomize-judge/<case>): each case is a small project of bases and
// overlays; its roots are built and judged, and the findings (at their origin, with the roots named), notices
// and fixes must match <case>.snap (UPDATE_SNAPSHOTS=1 writes them; review the diff). Every fix goes through
// the build fix harness (judgeHarness.ts). The judging rules themselves are asserted case by case below.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { KustomizeJudge, kustomizeFixes, type KustomizeVerdict } from '../../../../server/out/engine/kustomize';
import { findKustomizations } from '../../../../server/out/engine/render/kustomize';
import { lintText, type Fix } from '../../../../server/out/engine';
import { lineDiff } from '../fixHarness';
import { checkBuildFix } from './judgeHarness';
import { directoryFiles } from './projectFiles';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/kustomize-judge');
const update = process.env.UPDATE_SNAPSHOTS === '1';

function filesUnder(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(dir, path.posix.join(prefix, entry.name)) : [path.posix.join(prefix, entry.name)],
    )
    .sort();
}

function judged(name: string): { judge: KustomizeJudge; verdict: KustomizeVerdict; all: string[] } {
  const dir = path.join(FIXTURES, name);
  const files = directoryFiles(dir);
  const judge = new KustomizeJudge(files, {});
  judge.setKustomizations(findKustomizations(files, '.'));
  return { judge, verdict: judge.verdict(), all: filesUnder(dir) };
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function describeFix(judge: KustomizeJudge, fix: Fix): string[] {
  const lines = [`    fix: ${fix.title}${fix.safe ? ' (safe)' : ''}${fix.preferred ? ' (preferred)' : ''}`];
  const byFile = new Map<string, typeof fix.edits>();
  for (const edit of fix.edits) byFile.set(edit.file ?? '?', [...(byFile.get(edit.file ?? '?') ?? []), edit]);
  for (const [file, edits] of byFile) {
    const before = edits.some((edit) => edit.create) ? '' : (judge.files.readText(file) ?? '');
    const after = edits.some((edit) => edit.create)
      ? edits[0].newText
      : [...edits]
          .sort((a, b) => b.offset - a.offset)
          .reduce((text, e) => text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length), before);
    lines.push(
      `      ${edits.some((edit) => edit.create) ? 'new file' : 'edit'} ${file}`,
      ...lineDiff(before, after)
        .split('\n')
        .map((line) => `      ${line}`),
    );
  }
  return lines;
}

function render(name: string): { text: string; checked: number } {
  const { judge, verdict, all } = judged(name);
  const lines: string[] = ['roots:'];
  for (const root of verdict.roots) {
    lines.push(
      `  ${root.label}: ${root.built ? `built, ${root.objects} objects, ${root.findings} findings` : `not built: ${root.error ?? ''}`}`,
    );
  }
  lines.push('findings:');
  let checked = 0;
  for (const finding of verdict.findings) {
    const text = judge.files.readText(finding.file) ?? '';
    lines.push(`  ${finding.file}:${lineCol(text, finding.start)} ${finding.severity} ${finding.ruleId} [${finding.roots.join(', ')}]`);
    lines.push(`    ${finding.message}`);
    for (const related of finding.related ?? []) {
      const where = related.file ? `${related.file}:${lineCol(judge.files.readText(related.file) ?? '', related.start)}` : '?';
      lines.push(`    related ${where}: ${related.message}`);
    }
    for (const fix of kustomizeFixes(judge, finding)) {
      lines.push(...describeFix(judge, fix));
      checkBuildFix(judge, verdict, finding, fix, all);
      checked++;
    }
  }
  lines.push('notices:');
  for (const notice of verdict.notices) {
    lines.push(`  ${notice.file}:${lineCol(judge.files.readText(notice.file) ?? '', notice.start)} ${notice.message}`);
  }
  return { text: `${lines.join('\n')}\n`, checked };
}

describe('judging Kustomize builds', () => {
  const cases = fs.readdirSync(FIXTURES).filter((name) => fs.statSync(path.join(FIXTURES, name)).isDirectory());

  for (const name of cases) {
    it(`${name}: findings, notices and fixes match the snapshot; every fix passes the build fix harness`, () => {
      const { text } = render(name);
      const snap = path.join(FIXTURES, `${name}.snap`);
      if (update || !fs.existsSync(snap)) {
        if (!update) assert.fail(`missing snapshot ${snap}: run UPDATE_SNAPSHOTS=1 and review it`);
        fs.writeFileSync(snap, text);
      }
      assert.equal(text, fs.readFileSync(snap, 'utf8'));
    });
  }

  it('a base whose overlays all supply the fields is silent (judged alone it got three false warnings); the overlay gets the true one', () => {
    const { judge, verdict } = judged('shop');
    const base = judge.files.readText('base/deployment.yaml') ?? '';
    const alone = lintText(base)
      .findings.filter((f) => f.severity === 'warning')
      .map((f) => f.ruleId);
    for (const rule of ['readiness-probe-missing', 'prestop-hook-missing', 'rolling-update-unavailable']) {
      assert.ok(alone.includes(rule), rule);
    }
    assert.deepEqual(
      verdict.findings.filter((f) => f.file === 'base/deployment.yaml'),
      [],
      'both roots supply readinessProbe, preStop and maxUnavailable',
    );
    assert.deepEqual(
      verdict.findings.map((f) => `${f.file} ${f.ruleId} ${f.roots.join(',')}`),
      ['overlays/staging/rollout.yaml rolling-update-unavailable overlays/staging'],
    );
    assert.match(verdict.findings[0].message, /^In overlays\/staging: maxUnavailable: 50% lets 2 of the 4 replicas/);
    assert.ok(verdict.builtFiles.has('base/deployment.yaml') && verdict.builtFiles.has('overlays/prod/rollout.yaml'));
  });

  it('something missing in every root: once, on the base, naming the roots; the fix edits the base', () => {
    const { judge, verdict } = judged('missing-in-all');
    assert.equal(verdict.findings.length, 1);
    const [finding] = verdict.findings;
    assert.equal(finding.file, 'base/deployment.yaml');
    assert.deepEqual(finding.roots, ['overlays/prod', 'overlays/staging']);
    assert.match(finding.message, /^In overlays\/prod and overlays\/staging: Container "api" has no readinessProbe/);
    assert.equal(finding.name, 'api', 'the name as the base writes it, not prod-api or staging-api');
    const fixes = kustomizeFixes(judge, finding);
    assert.ok(fixes.length > 0);
    for (const fix of fixes) assert.deepEqual([...new Set(fix.edits.map((e) => e.file))], ['base/deployment.yaml']);
  });

  it('something missing in one root only: named alone; the fix is a new patch of that overlay, listed in its patches:', () => {
    const { judge, verdict } = judged('missing-in-one');
    const finding = verdict.findings.find((f) => f.ruleId === 'readiness-probe-missing');
    assert.ok(finding);
    assert.deepEqual(finding.roots, ['overlays/staging']);
    const [fix] = kustomizeFixes(judge, finding);
    assert.ok(fix, 'a fix');
    const created = fix.edits.find((e) => e.create);
    assert.equal(created?.file, 'overlays/staging/api-zero-downtime-patch.yaml');
    assert.ok(
      fix.edits.some((e) => e.file === 'overlays/staging/kustomization.yaml' && e.newText.includes('- path: api-zero-downtime-patch.yaml')),
    );
    assert.ok(!fix.edits.some((e) => e.file?.startsWith('base/')), 'the base is shared with prod, which has the probe');
  });

  it("an overlay that already patches the object: the fix extends that patch, in the patch's own style", () => {
    const { judge, verdict } = judged('extend-patch');
    const finding = verdict.findings.find((f) => f.ruleId === 'readiness-probe-missing');
    assert.ok(finding);
    const [fix] = kustomizeFixes(judge, finding);
    assert.deepEqual([...new Set(fix.edits.map((e) => e.file))], ['overlays/staging/scale.yaml']);
    assert.match(fix.edits[0].newText, /\n {14}readinessProbe:\n {18}(httpGet|tcpSocket):\n/, 'indented like the patch around it');
  });

  it('a node at fault in a patch: the finding and the fix are in the patch', () => {
    const { judge, verdict } = judged('value-in-patch');
    const finding = verdict.findings.find((f) => f.ruleId === 'rolling-update-unavailable');
    assert.ok(finding);
    assert.equal(finding.file, 'overlays/prod/fast-rollout.yaml');
    const text = judge.files.readText(finding.file) ?? '';
    assert.equal(text.slice(finding.start, finding.end), 'maxUnavailable: 100%');
    const fixes = kustomizeFixes(judge, finding);
    assert.ok(fixes.length > 0 && fixes.every((fix) => fix.edits.every((e) => e.file === 'overlays/prod/fast-rollout.yaml')));
  });

  it('a value a kustomization field decides is shown on that field', () => {
    const { judge, verdict } = judged('kustomization-replicas');
    const finding = verdict.findings.find((f) => f.ruleId === 'single-replica');
    assert.ok(finding);
    assert.equal(finding.file, 'overlays/dev/kustomization.yaml');
    assert.equal((judge.files.readText(finding.file) ?? '').slice(finding.start, finding.end), '1');
  });

  it('a suppression comment in the base silences the builds, and counts as used', () => {
    const { verdict } = judged('suppressed');
    assert.deepEqual(verdict.findings, []);
    assert.equal(verdict.usedSuppressions.length, 1);
    assert.equal(verdict.usedSuppressions[0].file, 'base/deployment.yaml');
  });

  it('a root that cannot be built: one notice on its kustomization, naming the root and why; its files are judged alone', () => {
    const { verdict } = judged('unbuildable');
    assert.deepEqual(verdict.findings, []);
    assert.equal(verdict.notices.length, 1);
    const [notice] = verdict.notices;
    assert.equal(notice.file, 'remote/kustomization.yaml');
    assert.equal(notice.reason, 'kustomize-error');
    assert.match(notice.message, /^Kustomize root remote was not built, so its files are judged alone: .*https:\/\/github\.com\/example/);
    assert.ok(!verdict.builtFiles.has('remote/deployment.yaml'));
  });

  it("related objects of the build are shown where they are written (the overlay's HPA)", () => {
    const { verdict } = judged('hpa-in-overlay');
    const finding = verdict.findings.find((f) => f.ruleId === 'hpa-target-missing-requests');
    assert.ok(finding);
    assert.equal(finding.related?.[0]?.file, 'overlays/prod/hpa.yaml');
    assert.match(finding.related?.[0]?.message ?? '', /HorizontalPodAutoscaler "prod-api" scales/);
  });

  it('a file created in a chart folder the build listed (a new template) builds the root again; a file elsewhere does not', () => {
    const { judge } = judged('helm-chart');
    assert.deepEqual(judge.changed(['notes/elsewhere.yaml']), []);
    assert.deepEqual(
      judge.changed(['charts/web/templates/new.yaml']).map((state) => state.root),
      ['.'],
    );
  });
});
