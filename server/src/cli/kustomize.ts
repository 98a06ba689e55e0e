// Kustomize on the command line: the roots found in the directories given (or named with --kustomize-root) are
// built and judged (engine/kustomize); their findings print at their origins, files the builds read are not also
// judged alone, and --fix / --fix-dry-run apply the safe fixes of the builds (which may edit bases, patches and
// kustomizations, and create patch files).
import * as fs from 'fs';
import * as path from 'path';
import { chooseFix, overlaps } from '../engine/fix/fixAll';
import { applyEdits } from '../engine/fix/fixAll';
import { KustomizeJudge, kustomizeFixes, type KustomizeVerdict } from '../engine/kustomize';
import { findKustomizations } from '../engine/render/kustomize';
import { kustomizationFileIn } from '../engine/render/kustomize/kustomization';
import type { Fix, LintOptions, TextEdit } from '../engine/types';
import { DiskFiles, nativePath, projectPath } from '../io/diskFiles';
import { decodeFile } from '../io/text';
import { UsageError, type CliOptions } from './args';
import { MAX_FIX_PASSES } from './fix';
import { writeOutput } from './files';

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

export interface KustomizeFixOutcome {
  /** Project path -> text before (undefined: created) and after. */
  changed: Map<string, { before: string | undefined; after: string }>;
  /** Fixes applied per file they edited, per rule id. */
  applied: Map<string, Record<string, number>>;
}

/** Applies the safe fixes of the builds, pass after pass (a fix can make another applicable), in memory. */
export function fixKustomize(run: KustomizeRun): KustomizeFixOutcome {
  const changed = new Map<string, { before: string | undefined; after: string }>();
  const applied = new Map<string, Record<string, number>>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const kept: { ruleId: string; fix: Fix }[] = [];
    const edits: TextEdit[] = [];
    for (const finding of run.judge.verdict().findings) {
      const fix = chooseFix({ fixes: kustomizeFixes(run.judge, finding) }, true);
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
  run.verdict = run.judge.verdict();
  return { changed, applied };
}

/** Writes the fixed files (created ones too). Returns the messages of files that could not be written. */
export function writeKustomizeFixes(outcome: KustomizeFixOutcome): string[] {
  const failures: string[] = [];
  for (const [file, { before, after }] of outcome.changed) {
    const native = nativePath(file);
    try {
      if (before === undefined) fs.writeFileSync(native, after, { flag: 'wx' });
      else writeOutput(native, after, decodeFile(fs.readFileSync(native)).encoding);
    } catch (error) {
      failures.push(`${native}: cannot write the fixes: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures;
}
