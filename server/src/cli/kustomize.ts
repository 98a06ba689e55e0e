// Kustomize on the command line: the roots found in the directories given (or named with --kustomize-root) are
// built and judged (engine/kustomize); their findings print at their origins, files the builds read are not also
// judged alone, and --fix / --fix-dry-run apply the safe fixes of the builds (which may edit bases, patches and
// kustomizations, and create patch files).
import * as fs from 'fs';
import * as path from 'path';
import { chooseFix, overlaps } from '../engine/fix/fixAll';
import { applyEdits } from '../engine/fix/fixAll';
import { KustomizeJudge, kustomizeFixes, type KustomizeFinding, type KustomizeVerdict } from '../engine/kustomize';
import { findKustomizations } from '../engine/render/kustomize';
import { kustomizationFileIn } from '../engine/render/kustomize/kustomization';
import type { Fix, LintOptions, TextEdit } from '../engine/types';
import { DiskFiles, nativePath, projectPath } from '../io/diskFiles';
import { UsageError, type CliOptions } from './args';
import { MAX_FIX_PASSES } from '../engine/fix/fixPasses';
import { fixSource, readInputFile } from './files';
import { unifiedDiff } from './diff';
import { checkWritable, writeAtomically, type WriteScope } from './write';

/** Files a build fix rewrites are kustomizations and manifests: the engine's own size limit bounds them. */
const MAX_FIX_BYTES = 32 * 1024 * 1024;

export interface KustomizeRun {
  judge: KustomizeJudge;
  files: DiskFiles;
  verdict: KustomizeVerdict;
}

/** The roots of the run, or undefined when Kustomize is off or nothing given holds a kustomization. */
export function kustomizeRunOf(options: CliOptions, cwd: string, lint: (file: string) => LintOptions): KustomizeRun | undefined {
  if (!options.kustomize) return undefined;
  const files = new DiskFiles();
  // Roots and files are named relative to the working directory; the working directory itself by its name.
  const label = (file: string): string => path.relative(cwd, nativePath(file)).split(path.sep).join('/') || path.basename(cwd);
  let roots: string[] | undefined;
  let dirs: string[] = [];
  if (options.kustomizeRoots.length > 0) {
    roots = options.kustomizeRoots.map((given) => projectPath(path.resolve(cwd, given)));
    for (const [i, root] of roots.entries()) {
      if (!kustomizationFileIn(files, root).file) throw new UsageError(`no kustomization file in ${options.kustomizeRoots[i]}`);
    }
  } else {
    for (const given of options.paths) {
      if (given === '-') continue;
      const absolute = path.resolve(cwd, given);
      let stat: fs.Stats | undefined;
      try {
        stat = fs.statSync(absolute);
      } catch {
        continue;
      }
      if (stat.isDirectory()) dirs.push(...findKustomizations(files, projectPath(absolute)));
      else if (/^(kustomization\.ya?ml|Kustomization)$/.test(path.basename(absolute))) dirs.push(projectPath(path.dirname(absolute)));
    }
    dirs = [...new Set(dirs)].sort();
    if (dirs.length === 0) return undefined;
  }
  const first = roots?.[0] ?? dirs[0];
  const judge = new KustomizeJudge(files, { lint: lint(nativePath(`${first}/kustomization.yaml`)), label });
  if (roots) judge.setRoots(roots);
  else judge.setKustomizations(dirs);
  return { judge, files, verdict: judge.verdict() };
}

/** The one fix SARIF shows for a build finding: the first safe one that passes its check, else the first that does. */
export function sarifFixes(judge: KustomizeJudge, finding: KustomizeFinding): Fix[] {
  const safe = kustomizeFixes(judge, finding, { only: (fix) => fix.safe, first: true });
  return safe.length > 0 ? safe : kustomizeFixes(judge, finding, { first: true });
}

export interface KustomizeFixOutcome {
  /** "Fixed <file>: N fixes (rule ×n)" lines, one per file changed. */
  report: string[];
  /** Unified diffs (for --fix-dry-run). */
  diffs: string[];
  /** Files that were not written, and why. */
  failures: string[];
}

/**
 * Applies the safe fixes of the builds, pass after pass (a fix can make another applicable), in memory; then,
 * with a write scope (--fix), writes the files changed and creates the new ones, under the same checks as any
 * fixed file (inside the paths given, atomic, the file's own encoding). A file that cannot be written keeps its
 * text, and the builds are judged again without it.
 */
export function fixKustomize(run: KustomizeRun, scope: WriteScope | undefined, verb: string, cwd: string): KustomizeFixOutcome {
  const changed = new Map<string, { before: string | undefined; after: string }>();
  const applied = new Map<string, Record<string, number>>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const kept: { ruleId: string; fix: Fix }[] = [];
    const edits: TextEdit[] = [];
    for (const finding of run.judge.verdict().findings) {
      const fix = chooseFix({ fixes: kustomizeFixes(run.judge, finding, { only: (candidate) => candidate.safe, first: true }) }, true);
      if (!fix || fix.edits.some((edit) => edit.file === undefined)) continue;
      const conflicts = fix.edits.some((edit) =>
        edits.some((other) => overlaps(edit, other) || (edit.file === other.file && (edit.create === true || other.create === true))),
      );
      if (conflicts) continue;
      kept.push({ ruleId: finding.ruleId, fix });
      edits.push(...fix.edits);
    }
    if (kept.length === 0) break;
    const byFile = new Map<string, TextEdit[]>();
    for (const edit of edits) byFile.set(edit.file as string, [...(byFile.get(edit.file as string) ?? []), edit]);
    for (const [file, fileEdits] of byFile) {
      const created = fileEdits.find((edit) => edit.create);
      const before = run.files.readText(file);
      const after = created ? created.newText : applyEdits(before ?? '', fileEdits);
      const first = changed.get(file);
      changed.set(file, { before: first ? first.before : created ? undefined : before, after });
      run.files.setText(file, after);
    }
    for (const { ruleId, fix } of kept) {
      for (const file of new Set(fix.edits.map((edit) => edit.file as string))) {
        const counts = applied.get(file) ?? {};
        counts[ruleId] = (counts[ruleId] ?? 0) + 1;
        applied.set(file, counts);
      }
    }
    run.judge.changed([...byFile.keys()]);
  }
  const outcome: KustomizeFixOutcome = { report: [], diffs: [], failures: [] };
  for (const [file, { before, after }] of changed) {
    const shown = path.relative(cwd, nativePath(file)) || file;
    if (scope) {
      const refused = writeFixed(file, before, after, scope);
      if (refused) {
        outcome.failures.push(`${shown}: not fixed: ${refused}`);
        run.files.setText(file, undefined);
        run.judge.changed([file]);
        continue;
      }
    }
    const counts = applied.get(file) ?? {};
    const count = Object.values(counts).reduce((a, b) => a + b, 0);
    const byRule = Object.entries(counts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([rule, n]) => `${rule} ×${n}`)
      .join(', ');
    outcome.report.push(`${verb} ${shown}${before === undefined ? ' (new file)' : ''}: ${count} fix${count === 1 ? '' : 'es'} (${byRule})`);
    if (!scope) outcome.diffs.push(unifiedDiff(shown.split(path.sep).join('/'), before ?? '', after));
  }
  run.verdict = run.judge.verdict();
  return outcome;
}

/** Writes one fixed file (or creates a new one); the reason when it may not be written. */
function writeFixed(file: string, before: string | undefined, after: string, scope: WriteScope): string | undefined {
  const native = nativePath(file);
  try {
    if (before === undefined) {
      const dir = fs.realpathSync(path.dirname(native));
      if (!scope.contains(path.join(dir, path.basename(native)))) {
        return 'a new file outside the paths given (name its folder to let --fix create it)';
      }
      fs.writeFileSync(native, after, { flag: 'wx' });
      return undefined;
    }
    const input = readInputFile(native, MAX_FIX_BYTES);
    if (!input.ok) return input.message;
    const source = fixSource(input);
    if (!source.ok || source.text !== before) return source.ok ? 'it changed on disk meanwhile' : source.reason;
    if (!scope.contains(fs.realpathSync(native))) return 'it is outside the paths given (name it or its folder to let --fix change it)';
    const check = checkWritable(native, scope);
    if (!check.ok) return check.reason;
    writeAtomically(check.target, source.encode(after), check.stat);
    return undefined;
  } catch (error) {
    return `cannot write the fixes: ${error instanceof Error ? error.message : String(error)}`;
  }
}
