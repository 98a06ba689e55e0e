// Helm charts on the command line: each chart found (or named through one of its templates) is rendered under
// its values sets and judged (engine/charts/); its findings and notices are reported in the files they are
// placed in (templates, helpers, values files) with the template they were rendered from and the values sets.
// --fix / --fix-dry-run apply the safe fixes across the chart's files, judging the chart again after each pass.
import * as path from 'path';
import { ChartJudge, type ChartFinding, type ChartJudgeOptions, type ChartVerdict } from '../engine/charts/judge';
import { DEFAULT_HELM_OPTIONS, type HelmOptions } from '../engine/config/options';
import { applicableFixes, applyEdits, chooseFix } from '../engine/fix/fixAll';
import type { FindingWithFixes, LintOptions, Notice, TextEdit } from '../engine/types';
import { diskFiles, nativePath, overlay, projectPath } from '../io/projectFiles';
import type { LoadedConfig } from '../io/projectConfig';
import { unifiedDiff } from './diff';
import { fixSource, readInputFile } from './files';
import { MAX_FIX_PASSES } from '../engine/fix/fixPasses';
import { checkWritable, writeAtomically, type WriteScope } from './write';
import { compareEntries, findingEntry, LineIndex, noticeEntry, type Entry } from './report';
import type { SarifBuilder } from './sarif';

export interface ChartRun {
  cwd: string;
  /** Files larger than this (bytes) are not fixed. */
  maxBytes: number;
  /** Where --fix may write (the paths the command line gave). */
  scope(): WriteScope;
  /** The Helm options of the command line (they win over the config file's). */
  helm: Partial<HelmOptions>;
  fix: boolean;
  fixDryRun: boolean;
  optionsFor(config: LoadedConfig | undefined): LintOptions;
  /** The config file of a chart (by its folder as collected). */
  configFor(dir: string): LoadedConfig | undefined;
  isIgnored(config: LoadedConfig | undefined, file: string): boolean;
}

export interface ChartOutcome {
  entries: Entry[];
  /** Files reported on (each chart file with an entry, at least one per chart). */
  files: number;
  fixReport: string[];
  diffs: string[];
  /** Charts the config's helm.enable turned off. */
  skipped: string[];
  sarif: { shown: string; absolute: string; index: LineIndex; findings: FindingWithFixes[]; notices: Notice[] }[];
  failures: string[];
}

export function judgeCharts(
  charts: ReadonlyMap<string, 'all' | ReadonlySet<string>>,
  run: ChartRun,
  sarif: SarifBuilder | undefined,
): ChartOutcome {
  const outcome: ChartOutcome = { entries: [], files: 0, fixReport: [], diffs: [], skipped: [], sarif: [], failures: [] };
  const files = diskFiles();
  for (const [dir, only] of charts) {
    const chartFile = path.resolve(run.cwd, dir, 'Chart.yaml');
    const config = run.configFor(dir);
    if (run.isIgnored(config, chartFile)) continue;
    const lint = run.optionsFor(config);
    const helm: HelmOptions = { ...DEFAULT_HELM_OPTIONS, ...lint.helm, ...run.helm };
    if (!helm.enable) {
      outcome.skipped.push(dir);
      continue;
    }
    const chartDir = projectPath(path.resolve(run.cwd, dir));
    // From the command line: relative to the current folder, as helm -f takes them; from the config: to the chart.
    const given = (run.helm.valuesFiles ?? []).map((file) => projectPath(path.resolve(run.cwd, file)));
    const options: ChartJudgeOptions = {
      lint,
      values: {
        valuesFiles: run.helm.valuesFiles === undefined ? (lint.helm?.valuesFiles ?? []) : given,
        set: helm.set,
        setString: helm.setString,
        ciValues: helm.ciValues,
        label: (file) =>
          given.includes(file) ? shownPath(run.cwd, file) : file.startsWith(`${chartDir}/`) ? file.slice(chartDir.length + 1) : file,
      },
    };
    const judge = new ChartJudge(chartDir);
    let verdict: ChartVerdict;
    try {
      verdict = judge.judge(files, options);
      if (run.fix || run.fixDryRun) verdict = fixChart(judge, verdict, files, options, run, outcome);
    } catch (error) {
      outcome.failures.push(
        `${dir}: internal error, chart not checked: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      continue;
    }
    const wanted = (file: string): boolean => only === 'all' || only.has(nativePath(file));
    report(verdict, judge, wanted, run.cwd, files, outcome, sarif !== undefined);
  }
  return outcome;
}

function report(
  verdict: ChartVerdict,
  judge: ChartJudge,
  wanted: (file: string) => boolean,
  cwd: string,
  files: ReturnType<typeof diskFiles>,
  outcome: ChartOutcome,
  withFixes: boolean,
): void {
  const byFile = new Map<string, { findings: ChartFinding[]; notices: ChartVerdict['notices'] }>();
  const slot = (file: string) => {
    let entry = byFile.get(file);
    if (!entry) byFile.set(file, (entry = { findings: [], notices: [] }));
    return entry;
  };
  for (const finding of verdict.findings) if (wanted(finding.file)) slot(finding.file).findings.push(finding);
  for (const notice of verdict.notices) if (wanted(notice.file)) slot(notice.file).notices.push(notice);
  outcome.files += Math.max(1, byFile.size);
  for (const [file, { findings, notices }] of byFile) {
    const shown = shownPath(cwd, file);
    const index = new LineIndex(files.readText(file) ?? '');
    const entries: Entry[] = [];
    for (const finding of findings) {
      const entry: Entry = { ...findingEntry(shown, index, finding), template: finding.template, valuesSets: finding.valuesSets };
      const related = (finding.related ?? []).flatMap((r) => {
        if (r.file === undefined) return [];
        const at = new LineIndex(files.readText(r.file) ?? '').position(r.start);
        return [{ file: shownPath(cwd, r.file), line: at.line, column: at.column, message: r.message }];
      });
      if (related.length > 0) entry.related = related;
      entries.push(entry);
    }
    const noticeEntries = notices.map((notice) => ({ ...noticeEntry(shown, index, notice), valuesSets: notice.valuesSets }));
    outcome.entries.push(...[...entries, ...noticeEntries].sort(compareEntries));
    outcome.sarif.push({
      shown,
      absolute: nativePath(file),
      index,
      findings: withFixes ? findings.map((finding) => ({ ...finding, fixes: judge.fixesFor(finding) })) : [],
      notices,
    });
  }
}

/** Applies the safe fixes pass after pass across the chart's files; writes them (--fix) or shows them (--fix-dry-run). */
function fixChart(
  judge: ChartJudge,
  first: ChartVerdict,
  disk: ReturnType<typeof diskFiles>,
  options: ChartJudgeOptions,
  run: ChartRun,
  outcome: ChartOutcome,
): ChartVerdict {
  const changed = new Map<string, string>();
  const files = overlay(disk, (file) => changed.get(file));
  const applied = new Map<string, Record<string, number>>();
  let verdict = first;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const findings = verdict.findings.map((finding) => ({ ...finding, fixes: judge.fixesFor(finding) }));
    const edits = applicableFixes(findings, { safeOnly: true });
    if (edits.length === 0) break;
    const kept = new Set(edits.map(editKey));
    for (const finding of findings) {
      const fix = chooseFix(finding, true);
      if (!fix || !fix.edits.every((edit) => kept.has(editKey(edit)))) continue;
      const counts = applied.get(finding.file) ?? {};
      counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
      applied.set(finding.file, counts);
    }
    for (const file of new Set(edits.map((edit) => edit.file))) {
      if (file === undefined) continue;
      const text = files.readText(file) ?? '';
      changed.set(
        file,
        applyEdits(
          text,
          edits.filter((edit) => edit.file === file).map(({ offset, length, newText }) => ({ offset, length, newText })),
        ),
      );
    }
    verdict = judge.judge(files, options);
  }
  for (const [file, counts] of applied) {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const byRule = Object.entries(counts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([rule, n]) => `${rule} ×${n}`)
      .join(', ');
    outcome.fixReport.push(
      `${run.fix ? 'Fixed' : 'Would fix'} ${shownPath(run.cwd, file)}: ${total} fix${total === 1 ? '' : 'es'} (${byRule})`,
    );
  }
  for (const [file, text] of [...changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const before = disk.readText(file) ?? '';
    if (run.fixDryRun) outcome.diffs.push(unifiedDiff(toPosix(shownPath(run.cwd, file)), before, text));
    else {
      const refused = write(nativePath(file), before, text, run);
      if (refused) outcome.failures.push(`${shownPath(run.cwd, file)}: not fixed: ${refused}`);
    }
  }
  if (run.fix && changed.size > 0) {
    for (const file of changed.keys()) disk.forget(file);
    verdict = judge.judge(disk, options);
  }
  return verdict;
}

/** Writes a chart file's fixed text as --fix writes any file (in scope, atomically, in its own encoding); why not, else. */
function write(file: string, before: string, text: string, run: ChartRun): string | undefined {
  const input = readInputFile(file, run.maxBytes);
  if (!input.ok) return input.message;
  const source = fixSource(input);
  if (!source.ok) return source.reason;
  if (source.text !== before) return 'it changed while the chart was checked';
  const check = checkWritable(file, run.scope());
  if (!check.ok) return check.reason;
  try {
    writeAtomically(check.target, source.encode(text), check.stat);
  } catch (error) {
    return `cannot write the fixes: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

function editKey(edit: TextEdit): string {
  return `${edit.file ?? ''}:${edit.offset}:${edit.length}:${edit.newText}`;
}

/** A project path as the user reads it: relative to the current folder when under it. */
export function shownPath(cwd: string, file: string): string {
  const native = nativePath(file);
  const relative = path.relative(cwd, native);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : native;
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
