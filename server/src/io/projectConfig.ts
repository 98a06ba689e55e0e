// Finding and reading project config files on disk, shared by the CLI and the language server. The text is
// parsed and validated by the pure engine/config.ts.
//
// Lookup: from the linted file's folder upwards, the first folder holding `.kube-zero-downtime.yaml` (or,
// failing that, `.kube-zero-downtime.yml`) wins; only that one file applies (no merging of nested configs).
// The walk stops after the repository root (a folder containing `.git`), a workspace folder, or the file
// system root.
import * as fs from 'fs';
import * as path from 'path';
import { compileIgnore, type PathMatcher } from '../engine/config/globs';
import { CONFIG_FILE_NAMES, emptyConfig, parseConfig, type ConfigProblem, type ProjectConfig } from '../engine/config/projectConfig';
import { readBoundedSync } from './boundedRead';
import { decodeText } from './text';

/** A config file is a few hundred bytes; anything over this is not a config file to read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Its folder: ignore patterns are relative to it. */
  dir: string;
  text: string;
  config: ProjectConfig;
  problems: ConfigProblem[];
  isIgnored: PathMatcher;
}

/** Reads and validates one config file. A file that cannot be read is one problem at 1:1, never an exception. */
export function loadConfigFile(file: string): LoadedConfig {
  const absolute = path.resolve(file);
  let text = '';
  let parsed: { config: ProjectConfig; problems: ConfigProblem[] };
  const read = readBoundedSync(absolute, MAX_CONFIG_BYTES);
  if (read.ok) {
    text = decodeText(read.bytes);
    parsed = parseConfig(text);
  } else {
    const message = read.reason === 'unreadable' ? `cannot read the config file: ${read.message}` : `config file not read: ${read.message}`;
    parsed = { config: emptyConfig(), problems: [{ message, start: 0, end: 0, line: 1, column: 1 }] };
  }
  return {
    file: absolute,
    dir: path.dirname(absolute),
    text,
    config: parsed.config,
    problems: parsed.problems,
    isIgnored: compileIgnore(parsed.config.ignore),
  };
}

/** `file:line:col: message` lines for a config's problems (paths shown relative to `cwd`). */
export function formatProblems(loaded: LoadedConfig, cwd = process.cwd()): string[] {
  const shown = path.relative(cwd, loaded.file) || loaded.file;
  return loaded.problems.map((p) => `${shown}:${p.line}:${p.column}: ${p.message}`);
}

/** Is `file` (absolute) ignored by the config's `ignore` patterns? Never the config file itself. */
export function isIgnoredBy(loaded: LoadedConfig, file: string): boolean {
  const relative = path.relative(loaded.dir, file).split(path.sep).join('/');
  return relative !== '' && loaded.isIgnored(relative);
}

export interface ResolverOptions {
  /** Extra folders to stop at (workspace folders), absolute. */
  roots?: readonly string[];
}

/**
 * Which config applies to which file, cached per folder. `clear()` after a config file changed on disk.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private roots: Set<string>;

  constructor(options: ResolverOptions = {}) {
    this.roots = new Set((options.roots ?? []).map((root) => path.resolve(root)));
  }

  setRoots(roots: readonly string[]): void {
    this.roots = new Set(roots.map((root) => path.resolve(root)));
    this.clear();
  }

  clear(): void {
    this.byDir.clear();
    this.loaded.clear();
  }

  /** The config for a file (absolute or relative to the cwd), or undefined when there is none. */
  forFile(file: string): LoadedConfig | undefined {
    const configFile = this.findFrom(path.dirname(path.resolve(file)));
    return configFile ? this.load(configFile) : undefined;
  }

  /** Every config loaded so far (for reporting their problems). */
  all(): LoadedConfig[] {
    return [...this.loaded.values()];
  }

  load(configFile: string): LoadedConfig {
    const absolute = path.resolve(configFile);
    let loaded = this.loaded.get(absolute);
    if (!loaded) {
      loaded = loadConfigFile(absolute);
      this.loaded.set(absolute, loaded);
    }
    return loaded;
  }

  private findFrom(start: string): string | undefined {
    const visited: string[] = [];
    let dir = start;
    let found: string | null = null;
    for (;;) {
      const cached = this.byDir.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(dir);
      const here = configIn(dir);
      if (here) {
        found = here;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir || this.roots.has(dir) || exists(path.join(dir, '.git'))) break;
      dir = parent;
    }
    for (const seen of visited) this.byDir.set(seen, found);
    return found ?? undefined;
  }
}

function configIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    try {
      // A config that is not a regular file (a FIFO, a link to /dev/zero) is found, and reported as not read.
      if (!fs.statSync(candidate).isDirectory()) return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

function exists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}
