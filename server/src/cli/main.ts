// The command line: the same engine as the language server, over files, directories, globs and stdin.
import * as path from 'path';
import { DEFAULT_MAX_TEXT_LENGTH, getRule } from '../engine';
import { mergeWithProjectConfig } from '../engine/config/merge';
import { emptyConfig } from '../engine/config/projectConfig';
import type { LintOptions, LintResult } from '../engine/types';
import { ConfigResolver, formatProblems, isIgnoredBy, loadConfigFile, type LoadedConfig } from '../io/projectConfig';
import { packageVersion } from '../version';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { runTimeline, wantsTimeline } from './timeline';
import { unifiedDiff } from './diff';
import { collectFiles, readInputFile, type Collected } from './files';
import { judgeCharts } from './charts';
import { projectOf, type Target } from './project';
import { fixFile } from './fix';
import { WriteScope } from './write';
import {
  compareEntries,
  findingEntry,
  jsonRecord,
  LineIndex,
  NOT_CHECKED,
  noticeEntry,
  summaryLine,
  textLine,
  type Entry,
  type Totals,
} from './report';
import { SarifBuilder } from './sarif';
import { fixKustomize, kustomizeRunOf, sarifFixes, type KustomizeRun } from './kustomize';
import { aloneResultOfBuiltFile, type KustomizeFinding } from '../engine/kustomize';
import { nativePath, projectPath } from '../io/diskFiles';
import type { Finding, FindingWithFixes, Notice } from '../engine/types';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Working directory (relative paths, SARIF URIs); process.cwd() when absent. */
  cwd?: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export function run(argv: readonly string[], io: CliIO): number {
  if (wantsTimeline(argv)) return runTimeline(argv, io); // its own mode and arguments (timeline.ts)
  const cwd = io.cwd ?? process.cwd();
  let options: CliOptions;
  let targets: Target[];
  let helmTemplateDirs: string[];
  let globBases: string[];
  let writeScope: WriteScope | undefined;
  let charts: Collected['charts'];
  try {
    options = parseArgs(argv, (id) => getRule(id) !== undefined);
    if (options.help) {
      io.out(HELP);
      return EXIT_OK;
    }
    if (options.version) {
      io.out(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    const collected = collectFiles(options.paths, options.helm.enable !== false);
    helmTemplateDirs = collected.helmTemplateDirs;
    globBases = collected.globBases;
    charts = collected.charts;
    targets = collected.files.map((file) => {
      if (file !== '-') return { file, shown: file, absolute: path.resolve(cwd, file) };
      const named = options.stdinFilename;
      return { file, shown: named ?? '<stdin>', absolute: named !== undefined ? path.resolve(cwd, named) : undefined };
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kube-zero-downtime: ${error.message}\nRun "kube-zero-downtime --help" for usage.\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  // Config files: one given, or each file's own. An invalid one stops everything (the verdict would be wrong).
  const used = new Map<string, LoadedConfig>();
  const given = options.config !== undefined ? loadConfigFile(path.resolve(cwd, options.config)) : undefined;
  const resolver = given || options.noConfig ? undefined : new ConfigResolver();
  const configFor = (file: string): LoadedConfig | undefined => {
    const config = given ?? resolver?.forFile(file);
    if (config) used.set(config.file, config);
    return config;
  };
  for (const target of targets) target.config = configFor(target.absolute ?? path.join(cwd, '<stdin>'));
  const chartConfigs = new Map<string, LoadedConfig | undefined>();
  for (const dir of charts.keys()) chartConfigs.set(dir, configFor(path.resolve(cwd, dir, 'Chart.yaml')));
  const problems = [...used.values()].flatMap((loaded) => formatProblems(loaded, cwd));
  if (problems.length > 0) {
    io.err(`${problems.join('\n')}\nkube-zero-downtime: invalid config file; nothing was checked.\n`);
    return EXIT_USAGE;
  }

  const baseOptions: LintOptions = { rules: options.rules, sizeLimitHint: '--max-file-size-mb' };
  if (Object.keys(options.ruleOptions).length > 0) baseOptions.ruleOptions = options.ruleOptions;
  if (options.maxFileSizeMB !== undefined) baseOptions.maxTextLength = Math.floor(options.maxFileSizeMB * 1024 * 1024);
  // Files over the limit are not read at all (in bytes; the engine's own limit counts characters).
  const maxBytes = baseOptions.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  const lintOptionsFor = new Map<LoadedConfig | undefined, LintOptions>();
  const optionsFor = (config: LoadedConfig | undefined): LintOptions => {
    let lintOptions = lintOptionsFor.get(config);
    if (!lintOptions) {
      // --rule is explicit: it wins over the config file.
      lintOptions = mergeWithProjectConfig(baseOptions, config?.config ?? emptyConfig(), true).options;
      lintOptionsFor.set(config, lintOptions);
    }
    return lintOptions;
  };

  // Kustomize roots among the paths: built and judged as what gets deployed (cli/kustomize.ts).
  let kustomize: KustomizeRun | undefined;
  try {
    kustomize = kustomizeRunOf(options, cwd, (file) => optionsFor(configFor(file)));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`kube-zero-downtime: ${error.message}\nRun "kube-zero-downtime --help" for usage.\n`);
    return EXIT_USAGE;
  }

  // The project: the facts of every file given, so each is judged with the others in view (each file is read and
  // checked there first; the loop below checks again only what the other files changed).
  const ignoredByConfig = (target: Target): boolean =>
    target.config !== undefined && target.absolute !== undefined && isIgnoredBy(target.config, target.absolute);
  const project = projectOf(targets, options.paths, cwd, maxBytes, (target) =>
    ignoredByConfig(target) ? undefined : optionsFor(target.config),
  );

  const fixing = options.fix || options.fixDryRun;
  const totals: Totals = { files: 0, bySeverity: { error: 0, warning: 0, info: 0, hint: 0 }, notChecked: 0, hidden: 0 };
  const entries: Entry[] = [];
  const sarif = options.format === 'sarif' ? new SarifBuilder(cwd) : undefined;
  const fixReport: string[] = [];
  const diffs: string[] = [];
  const verboseNotes: string[] = [];
  let ignored = 0;
  let failed = false;
  const fail = (message: string): void => {
    io.err(`${message}\n`);
    sarif?.addFailure(message);
    failed = true;
  };
  const report = (shown: string, absolute: string | undefined, text: string, findings: FindingWithFixes[], notices: Notice[]): void => {
    const index = new LineIndex(text);
    const fileEntries: Entry[] = [];
    for (const finding of findings) {
      const entry = findingEntry(shown, index, finding);
      const roots = (finding as Partial<KustomizeFinding>).roots;
      if (roots) entry.roots = roots;
      fileEntries.push(entry);
      totals.bySeverity[finding.severity]++;
    }
    const shownNotices = [];
    for (const notice of notices) {
      totals.notChecked++;
      if (notice.reason === 'helm-template' && !options.verbose) {
        totals.hidden++;
        continue;
      }
      shownNotices.push(notice);
      fileEntries.push(noticeEntry(shown, index, notice));
    }
    entries.push(...fileEntries.sort(compareEntries));
    const other = (file: string) => {
      const otherText = kustomize?.files.readText(file);
      return otherText === undefined ? undefined : { absolute: nativePath(file), index: new LineIndex(otherText) };
    };
    sarif?.add({ shown, absolute, index, findings, notices: shownNotices, other });
    totals.files++;
  };
  // Fixes of build findings cost a build each (they are checked on the built result): only SARIF shows them.
  const withBuildFixes = (findings: Finding[]): FindingWithFixes[] =>
    findings.map((finding) => ({
      ...finding,
      fixes: sarif && kustomize ? sarifFixes(kustomize.judge, finding as KustomizeFinding) : [],
    }));

  if (kustomize && fixing) {
    // A root named with --kustomize-root is a path given too: its files may be written.
    const scope = options.fix ? new WriteScope([...options.paths, ...options.kustomizeRoots], globBases, cwd) : undefined;
    try {
      const outcome = fixKustomize(kustomize, scope, options.fix ? 'Fixed' : 'Would fix', cwd);
      fixReport.push(...outcome.report);
      diffs.push(...outcome.diffs);
      for (const failure of outcome.failures) fail(failure);
    } catch (error) {
      fail(`internal error while fixing the Kustomize builds: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  const verdict = kustomize?.verdict;
  const reported = new Set<string>();

  for (const target of targets) {
    const { file, shown } = target;
    if (target.config && target.absolute && isIgnoredBy(target.config, target.absolute)) {
      ignored++;
      if (options.verbose) verboseNotes.push(`${shown}: ignored (${path.relative(cwd, target.config.file) || target.config.file})`);
      continue;
    }
    const { input, linter } = project.take(target);
    if (!input.ok && input.reason === 'unreadable') {
      fail(`${shown}: cannot read: ${input.message}`);
      continue;
    }
    const projectFile = target.absolute !== undefined && file !== '-' ? projectPath(target.absolute) : undefined;
    const built = projectFile !== undefined && verdict?.builtFiles.has(projectFile) === true;
    // A file the builds' fixes changed in memory (--fix-dry-run) is reported as fixed.
    let text = input.ok ? (built && kustomize?.files.hasText(projectFile) && kustomize.files.readText(projectFile)) || input.text : '';
    let result: LintResult;
    const lintOptions = { ...optionsFor(target.config), ...project.optionsFor(target) };
    try {
      if (!input.ok) {
        result = notRead(input.reason === 'too-large' ? 'too-large' : 'not-a-file', input.message);
      } else if (built && verdict && projectFile !== undefined) {
        // Judged through the builds that read it: only what belongs to the file itself is kept from its own lint.
        result = aloneResultOfBuiltFile(verdict, projectFile, text, linter.lint(text, lintOptions));
      } else {
        result = linter.lint(text, lintOptions);
        if (fixing) {
          const fixed = fixFile({
            input,
            result,
            options: lintOptions,
            linter,
            write: options.fix ? { file, scope: (writeScope ??= new WriteScope(options.paths, globBases, cwd)) } : undefined,
          });
          if ('refused' in fixed) {
            fail(`${shown}: not fixed: ${fixed.refused}`);
          } else if (fixed.changed) {
            const { outcome } = fixed;
            const count = Object.values(outcome.applied).reduce((a, b) => a + b, 0);
            const byRule = Object.entries(outcome.applied)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([rule, n]) => `${rule} ×${n}`)
              .join(', ');
            const verb = options.fix ? 'Fixed' : 'Would fix';
            fixReport.push(`${verb} ${shown}: ${count} fix${count === 1 ? '' : 'es'} (${byRule})`);
            if (options.fixDryRun) {
              diffs.push(unifiedDiff(toPosix(target.absolute ? path.relative(cwd, target.absolute) : shown), fixed.before, outcome.text));
            }
            text = outcome.text;
            result = outcome.result;
          }
        }
      }
    } catch (error) {
      fail(`${shown}: internal error, file not checked: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      continue;
    }
    const own = built
      ? withBuildFixes(result.findings)
      : sarif
        ? linter.withFixes(result.findings)
        : result.findings.map((f) => ({ ...f, fixes: [] }));
    const mine = projectFile === undefined ? [] : (verdict?.findings.filter((finding) => finding.file === projectFile) ?? []);
    const buildNotices = projectFile === undefined ? [] : (verdict?.notices.filter((notice) => notice.file === projectFile) ?? []);
    if (projectFile !== undefined) reported.add(projectFile);
    report(shown, target.absolute, text, [...own, ...withBuildFixes(mine)], [...result.notices, ...buildNotices]);
  }

  // Findings of the builds in files that were not among the paths (a base outside the directory given).
  if (verdict && kustomize) {
    const others = new Set([...verdict.findings, ...verdict.notices].map((item) => item.file).filter((file) => !reported.has(file)));
    for (const file of [...others].sort()) {
      const native = nativePath(file);
      const config = configFor(native);
      if (config && isIgnoredBy(config, native)) continue;
      report(
        path.relative(cwd, native) || native,
        native,
        kustomize.files.readText(file) ?? '',
        withBuildFixes(verdict.findings.filter((finding) => finding.file === file)),
        verdict.notices.filter((notice) => notice.file === file),
      );
    }
  }

  // Helm charts: rendered and judged, findings in the files they are placed in.
  const chartOutcome = judgeCharts(
    charts,
    {
      cwd,
      maxBytes,
      helm: options.helm,
      fix: options.fix,
      fixDryRun: options.fixDryRun,
      scope: () => (writeScope ??= new WriteScope(options.paths, globBases, cwd)),
      optionsFor: (config) => optionsFor(config),
      configFor: (dir) => chartConfigs.get(dir),
      isIgnored: (config, file) => config !== undefined && isIgnoredBy(config, file),
    },
    sarif,
  );
  for (const failure of chartOutcome.failures) fail(failure);
  fixReport.push(...chartOutcome.fixReport);
  diffs.push(...chartOutcome.diffs);
  totals.files += chartOutcome.files;
  for (const entry of chartOutcome.entries) {
    if (entry.rule === NOT_CHECKED) totals.notChecked++;
    else totals.bySeverity[entry.severity]++;
  }
  entries.push(...chartOutcome.entries);
  for (const file of chartOutcome.sarif) {
    sarif?.add({ ...file, other: (name) => ({ absolute: name, index: new LineIndex(readTextOrEmpty(name, maxBytes)) }) });
  }

  if (options.verbose) {
    for (const dir of chartOutcome.skipped) verboseNotes.push(`${dir}: Helm chart not rendered (helm.enable is false in the config file)`);
    for (const dir of helmTemplateDirs) {
      verboseNotes.push(`${dir}: Helm chart templates folder, not checked (render it with helm template)`);
    }
  }
  const ignoredNote = ignored > 0 ? ` ${ignored} file${ignored === 1 ? '' : 's'} ignored by the config file.` : '';

  if (options.fixDryRun) {
    io.out(diffs.join(''));
    const lines = [...fixReport, ...verboseNotes, `${summaryLine(totals)}${ignoredNote}`.replace(/^Checked/, 'After the fixes, checked')];
    io.err(`${lines.join('\n')}\n`);
  } else if (sarif) {
    io.out(`${JSON.stringify(sarif.build(!failed), null, 2)}\n`);
    if (fixReport.length + verboseNotes.length > 0) io.err(`${[...fixReport, ...verboseNotes].join('\n')}\n`);
  } else if (options.format === 'json') {
    io.out(`${JSON.stringify(entries.map(jsonRecord), null, 2)}\n`);
    if (fixReport.length + verboseNotes.length > 0) io.err(`${[...fixReport, ...verboseNotes].join('\n')}\n`);
  } else {
    const lines = [...fixReport, ...entries.map(textLine), ...verboseNotes];
    lines.push(`${summaryLine(totals)}${ignoredNote}`);
    io.out(`${lines.join('\n')}\n`);
  }
  if (failed) return EXIT_USAGE;
  const { error, warning } = totals.bySeverity;
  const tooManyWarnings = options.maxWarnings >= 0 && warning > options.maxWarnings;
  return error > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}

/** A file refused before reading (io/boundedRead.ts): one notice, like the engine's for a too-large text. */
function notRead(reason: 'too-large' | 'not-a-file', message: string): LintResult {
  const limit = reason === 'too-large' ? ' (--max-file-size-mb)' : '';
  return {
    findings: [],
    notices: [{ reason, message: `Not checked: ${message}${limit}.`, start: 0, end: 0, docIndex: -1 }],
    documentCount: 0,
  };
}

function readTextOrEmpty(file: string, maxBytes: number): string {
  const input = readInputFile(file, maxBytes);
  return input.ok ? input.text : '';
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
