// Cross-file analysis for the command line: the same facts the language server's workspace index gives the
// editor, gathered from the paths the CLI is given. First pass: the facts of every file (collectFileFacts) and
// the patch files of every kustomization; second pass (the CLI's own loop): each file is linted with the facts
// of all the others. One facts object serves every file (LintOptions.fileName leaves a file's own facts out),
// so the findings cache key serialises it once per run, not once per file.
import * as fs from 'fs';
import * as path from 'path';
import { asPatchFacts, collectFileFacts, emptyFacts, mergeFacts } from './engine/facts/collect';
import type { FileContext } from './engine/catalog/rule';
import { isKustomizationFile, patchFilesOf } from './engine/facts/patchFiles';
import type { LintOptions } from './engine/types';

export type CrossFileOptions = Pick<LintOptions, 'externalFacts' | 'fileName' | 'workspaceComplete' | 'isPatchFile'>;

export interface CrossFileRun {
  /** Options to add to the lint of `file` (as listed by the CLI). */
  optionsFor(file: string): CrossFileOptions;
}

/**
 * Reads every file once for its facts. `paths` are the command-line arguments: a file found under a directory
 * argument is judged with `workspaceComplete` (everything around it was seen), a file given by name is not.
 * Files that cannot be read are skipped here (the CLI reports them in its own pass).
 */
export function prepareCrossFile(files: readonly string[], paths: readonly string[], read: (file: string) => string): CrossFileRun {
  const perFile: { file: string; facts: FileContext }[] = [];
  const patches = new Set<string>();
  for (const file of files) {
    if (file === '-') continue; // stdin can be read once only: it gets the others' facts, but gives none
    let text: string;
    try {
      text = read(file);
    } catch {
      continue;
    }
    try {
      perFile.push({ file, facts: collectFileFacts(text, file) });
      if (isKustomizationFile(file)) {
        for (const patch of patchFilesOf(text)) patches.add(path.resolve(path.dirname(file), patch));
      }
    } catch {
      // A file the fact collector chokes on is still linted (and reported) by the CLI's own pass.
    }
  }
  // Patch files are fragments for the others too (known once every kustomization was read).
  const all = emptyFacts();
  for (const { file, facts } of perFile) mergeFacts(all, patches.has(path.resolve(file)) ? asPatchFacts(facts) : facts);
  const directories = paths.filter((given) => given !== '-' && isDirectory(given)).map((dir) => path.resolve(dir));
  const under = (file: string): boolean => {
    const absolute = path.resolve(file);
    return directories.some((dir) => absolute === dir || absolute.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep));
  };
  return {
    optionsFor(file) {
      // A single file given by name is judged alone (and its messages say so), as in an editor without a workspace.
      const options: CrossFileOptions = files.length > 1 ? { externalFacts: all, fileName: file } : {};
      if (file !== '-' && under(file)) options.workspaceComplete = true;
      if (file !== '-' && patches.has(path.resolve(file))) options.isPatchFile = true;
      return options;
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
