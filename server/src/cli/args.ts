// Command-line parsing. Usage errors throw UsageError (exit code 2).
import type { SeveritySetting } from '../engine/types';
import { TIMELINE_HELP } from './timeline';

export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json';

export interface CliOptions {
  help: boolean;
  version: boolean;
  verbose: boolean;
  format: OutputFormat;
  rules: Record<string, SeveritySetting>;
  maxFileSizeMB?: number;
  paths: string[];
}

const SEVERITIES: Record<string, SeveritySetting> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  information: 'info',
  hint: 'hint',
  off: 'off',
  default: 'default',
};

export const HELP = `Usage: kube-zero-downtime [options] <file|dir>...

Checks Kubernetes manifests for rollout hazards that drop requests (missing probes, maxUnavailable,
preStop hooks, grace periods, Envoy retries). Directories are searched recursively for *.yaml and *.yml
files (node_modules and .git are skipped). "-" reads one file from standard input.

Options:
  -f, --format <text|json>     Output format (default: text).
                                 text: file:line:col severity rule-id message, then a summary line
                                 json: an array of {file, rule, severity, message, startLine, startColumn,
                                       endLine, endColumn, docIndex, kind, name, namespace, container}
                                       (lines and columns 1-based, docIndex 0-based)
  -r, --rule <id>=<severity>   Override a rule's severity: error, warning, info, hint, default, or off.
                               Repeatable, e.g. --rule liveness-probe-missing=off
      --max-file-size-mb <n>   Files larger than this are not checked (default: 16).
      --verbose                Also report documents skipped as Helm templates.
  -h, --help                   Show this help.
  -v, --version                Show the version.

Documents that are not checked (YAML syntax error, too large, binary; Helm templates with --verbose)
are reported with severity info and rule "not-checked" (in both formats, JSON adds a "reason"), so a
file without findings is never a mystery.

${TIMELINE_HELP}
Exit codes:
  0  no finding at warning level or above
  1  at least one finding at warning level or above
  2  usage error (unknown option, missing or nonexistent path, unknown rule id), or a file that could
     not be read or checked
`;

/** Parses argv (without node and script). `isRule` validates rule ids given to --rule. */
export function parseArgs(argv: readonly string[], isRule: (id: string) => boolean): CliOptions {
  const options: CliOptions = { help: false, version: false, verbose: false, format: 'text', rules: {}, paths: [] };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`option ${name} needs a value`);
      i++;
      return next;
    };
    const noValue = (): void => {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
    };
    switch (name) {
      case '-h':
      case '--help':
        noValue();
        options.help = true;
        break;
      case '-v':
      case '--version':
        noValue();
        options.version = true;
        break;
      case '--verbose':
        noValue();
        options.verbose = true;
        break;
      case '-f':
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (use text or json)`);
        options.format = format;
        break;
      }
      case '-r':
      case '--rule': {
        const spec = value();
        const sep = spec.lastIndexOf('=');
        if (sep <= 0) throw new UsageError(`--rule needs <rule-id>=<severity>, got "${spec}"`);
        const id = spec.slice(0, sep).trim();
        const severity = SEVERITIES[spec.slice(sep + 1).trim().toLowerCase()];
        if (!isRule(id)) throw new UsageError(`unknown rule id "${id}"`);
        if (!severity) throw new UsageError(`unknown severity "${spec.slice(sep + 1)}" for ${id} (use error, warning, info, hint, default or off)`);
        options.rules[id] = severity;
        break;
      }
      case '--max-file-size-mb': {
        const raw = value();
        const mb = Number(raw);
        if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`--max-file-size-mb needs a positive number, got "${raw}"`);
        options.maxFileSizeMB = mb;
        break;
      }
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (!options.help && !options.version && options.paths.length === 0) {
    throw new UsageError('no file or directory given');
  }
  return options;
}
