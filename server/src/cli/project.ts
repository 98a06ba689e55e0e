// The project of a command-line run: every file given, read and parsed once, so that each file is linted (and
// each rollout simulated) with the others in view, exactly as the language server does for a workspace.
//
// First pass: each file is read, parsed, its facts go into the project, and it is checked right away against
// the project as known so far; then its parse is dropped (the text, facts and findings stay). Second pass (the
// caller's loop): each file is linted again with the whole project; the linter asks again only the questions its
// rules asked about other files (facts/project.ts records them) and checks again, parsing again, only the
// documents whose answers changed. Files with workloads are taken last in the first pass, once the Services,
// PDBs and autoscalers around them are known, so few of their documents change answer: the order changes only
// the time taken, never a finding.
import * as fs from 'fs';
import * as path from 'path';
import { Linter } from '../engine';
import { ProjectModel } from '../engine/model/projectModel';
import type { LintOptions } from '../engine/types';
import type { LoadedConfig } from '../io/projectConfig';
import { readInputFile, type InputFile } from './files';

export interface Target {
  /** Path to read ('-' for stdin). */
  file: string;
  /** Shown in output. */
  shown: string;
  /** Absolute path the file stands for (stdin: --stdin-filename), for config lookup, ignore and SARIF. */
  absolute?: string;
  config?: LoadedConfig;
}

/** A file of the run as the first pass left it: what was read, and the linter that judged it. */
export interface RunFile {
  input: InputFile;
  linter: Linter;
}

export interface RunProject {
  /** The lint options a file adds for the project (the other files, whether the folder was seen whole). */
  optionsFor(target: Target): LintOptions;
  /** The file as read by the first pass, with its linter (stdin, and files taken before: read now, a new linter). */
  take(target: Target): RunFile;
}

/** A `kind:` line naming a workload (a pod template): such files are judged last in the first pass. */
const WORKLOAD_KIND =
  /^[ \t-]*["']?kind["']?[ \t]*:[ \t]*["']?(?:Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Pod|Job|CronJob|Rollout)\b/m;

/**
 * The project of a run: every file given is read once for its facts (stdin can be read once only: it gets the
 * others' facts but gives none). A file found under a directory argument is judged with `workspaceComplete`
 * (everything around it was seen); a single file given by name is judged alone, as in an editor without a
 * workspace. Files that cannot be read are kept as read (the main loop reports them). `lintOptionsOf`: the
 * options a file is linted with (undefined: it is not linted, as a file the config file ignores), for the first
 * pass to check it with the options of the second.
 */
export function projectOf(
  targets: readonly Target[],
  paths: readonly string[],
  cwd: string,
  maxBytes: number,
  lintOptionsOf: (target: Target) => LintOptions | undefined = () => ({}),
): RunProject {
  const project = new ProjectModel();
  const directories = paths.filter((given) => given !== '-' && isDirectory(path.resolve(cwd, given))).map((dir) => path.resolve(cwd, dir));
  const under = (file: string): boolean =>
    directories.some((dir) => file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep));
  const optionsFor = (target: Target): LintOptions => {
    const file = target.file === '-' ? undefined : target.absolute;
    const complete = file !== undefined && under(file);
    if (targets.length > 1) return project.lintOptionsFor(file ?? '-', complete);
    const alone: LintOptions = {};
    if (complete) alone.workspaceComplete = true;
    if (file !== undefined && project.index.isPatchFile(file)) alone.isPatchFile = true;
    return alone;
  };

  const files = new Map<Target, RunFile>();
  const read: { target: Target; absolute: string; text: string; workloads: boolean }[] = [];
  for (const target of targets) {
    if (target.file === '-' || !target.absolute) continue;
    const input = readInputFile(target.file, maxBytes);
    files.set(target, { input, linter: new Linter() });
    // Unreadable, too large, not a file: the main loop reports it.
    if (input.ok) read.push({ target, absolute: target.absolute, text: input.text, workloads: WORKLOAD_KIND.test(input.text) });
  }
  const firstPass = [...read.filter((file) => !file.workloads), ...read.filter((file) => file.workloads)];
  for (const { target, absolute, text } of firstPass) {
    const { linter } = files.get(target)!;
    linter.model.setText(text, maxBytes);
    project.setModel(absolute, linter.model);
    const options = lintOptionsOf(target);
    try {
      if (options) linter.lint(text, { ...options, ...optionsFor(target) });
    } catch {
      // The second pass lints it again and reports the failure.
    }
    linter.model.releaseAll();
  }

  return {
    optionsFor,
    take(target) {
      const file = files.get(target);
      files.delete(target);
      return file ?? { input: readInputFile(target.file, maxBytes), linter: new Linter() };
    },
  };
}

function isDirectory(given: string): boolean {
  try {
    return fs.statSync(given).isDirectory();
  } catch {
    return false;
  }
}
