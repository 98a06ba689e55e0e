// The project of a command-line run: every file given, read once for its facts, so that each file is linted
// (and each rollout simulated) with the others in view, exactly as the language server does for a workspace.
import * as fs from 'fs';
import * as path from 'path';
import { ProjectModel } from '../engine/model/projectModel';
import type { LintOptions } from '../engine/types';
import type { LoadedConfig } from '../io/projectConfig';
import { readInputFile } from './files';

export interface Target {
  /** Path to read ('-' for stdin). */
  file: string;
  /** Shown in output. */
  shown: string;
  /** Absolute path the file stands for (stdin: --stdin-filename), for config lookup, ignore and SARIF. */
  absolute?: string;
  config?: LoadedConfig;
}

/**
 * The project of a run: every file given is read once for its facts (stdin can be read once only: it gets the
 * others' facts but gives none). A file found under a directory argument is judged with `workspaceComplete`
 * (everything around it was seen); a single file given by name is judged alone, as in an editor without a
 * workspace. Files that cannot be read are skipped here (the main loop reports them).
 */
export function projectOf(
  targets: readonly Target[],
  paths: readonly string[],
  cwd: string,
  maxBytes: number,
): { optionsFor(target: Target): LintOptions } {
  const project = new ProjectModel();
  for (const target of targets) {
    if (target.file === '-' || !target.absolute) continue;
    const input = readInputFile(target.file, maxBytes);
    // Unreadable, too large, not a file: the main loop reports it.
    if (input.ok) project.setText(target.absolute, input.text);
  }
  const directories = paths.filter((given) => given !== '-' && isDirectory(path.resolve(cwd, given))).map((dir) => path.resolve(cwd, dir));
  const under = (file: string): boolean =>
    directories.some((dir) => file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep));
  return {
    optionsFor(target) {
      const file = target.file === '-' ? undefined : target.absolute;
      const complete = file !== undefined && under(file);
      if (targets.length > 1) return project.lintOptionsFor(file ?? '-', complete);
      const alone: LintOptions = {};
      if (complete) alone.workspaceComplete = true;
      if (file !== undefined && project.index.isPatchFile(file)) alone.isPatchFile = true;
      return alone;
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
