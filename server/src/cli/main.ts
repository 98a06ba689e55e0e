// The command line: the same engine as the language server, over files and directories.
import { getRule, lintText } from '../engine';
import type { LintOptions } from '../engine/types';
import { packageVersion } from '../version';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { runTimeline, wantsTimeline } from './timeline';
import { collectFiles, readInput } from './files';
import { compareEntries, findingEntry, jsonRecord, LineIndex, noticeEntry, summaryLine, textLine, type Entry, type Totals } from './report';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export function run(argv: readonly string[], io: CliIO): number {
  if (wantsTimeline(argv)) return runTimeline(argv, io); // its own mode and arguments (timeline.ts)
  let options: CliOptions;
  let files: string[];
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
    files = collectFiles(options.paths);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kube-zero-downtime: ${error.message}\nRun "kube-zero-downtime --help" for usage.\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const lintOptions: LintOptions = { rules: options.rules };
  if (options.maxFileSizeMB !== undefined) lintOptions.maxTextLength = Math.floor(options.maxFileSizeMB * 1024 * 1024);

  const totals: Totals = { files: 0, bySeverity: { error: 0, warning: 0, info: 0, hint: 0 }, notChecked: 0, hidden: 0 };
  const entries: Entry[] = [];
  let failed = false;
  for (const file of files) {
    const shown = file === '-' ? '<stdin>' : file;
    let text: string;
    try {
      text = readInput(file);
    } catch (error) {
      io.err(`${shown}: cannot read: ${error instanceof Error ? error.message : String(error)}\n`);
      failed = true;
      continue;
    }
    try {
      const result = lintText(text, lintOptions);
      const index = new LineIndex(text);
      const fileEntries: Entry[] = [];
      for (const finding of result.findings) {
        fileEntries.push(findingEntry(shown, index, finding));
        totals.bySeverity[finding.severity]++;
      }
      for (const notice of result.notices) {
        totals.notChecked++;
        if (notice.reason === 'helm-template' && !options.verbose) {
          totals.hidden++;
          continue;
        }
        fileEntries.push(noticeEntry(shown, index, notice));
      }
      entries.push(...fileEntries.sort(compareEntries));
      totals.files++;
    } catch (error) {
      io.err(`${shown}: internal error, file not checked: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      failed = true;
    }
  }

  if (options.format === 'json') {
    io.out(`${JSON.stringify(entries.map(jsonRecord), null, 2)}\n`);
  } else {
    const lines = entries.map(textLine);
    lines.push(summaryLine(totals));
    io.out(`${lines.join('\n')}\n`);
  }
  if (failed) return EXIT_USAGE;
  return totals.bySeverity.error + totals.bySeverity.warning > 0 ? EXIT_FINDINGS : EXIT_OK;
}
