// Command-line parsing. Usage errors throw UsageError (exit code 2).
import { HELM_FLAGS, ruleOptionSpecs } from '../engine/config/optionTable';
import { expectedValue, HELM_OPTIONS, parseOptionText, type HelmOptions, type OptionValue } from '../engine/config/options';
import type { SeveritySetting } from '../engine/types';
import { TIMELINE_HELP } from './timeline';

export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  help: boolean;
  version: boolean;
  verbose: boolean;
  format: OutputFormat;
  rules: Record<string, SeveritySetting>;
  /** --rule-option values, validated by the options table. */
  ruleOptions: Record<string, OptionValue>;
  maxFileSizeMB?: number;
  /** Apply safe fixes in place. */
  fix: boolean;
  /** Print the safe fixes as a unified diff instead of writing them. */
  fixDryRun: boolean;
  /** Warnings allowed before the exit code is 1 (errors always give 1); -1: any number. Default 0. */
  maxWarnings: number;
  /** Use this config file for every file instead of looking one up. */
  config?: string;
  /** Use no config file at all. */
  noConfig: boolean;
  /** The path standard input stands for: shown in output, and used to find the config and apply `ignore`. */
  stdinFilename?: string;
  /** Helm options given on the command line (they win over the config file); values files as given. */
  helm: Partial<HelmOptions>;
  /** Judge Kustomize roots found in the directories given as builds (--kustomize=off: every file alone). */
  kustomize: boolean;
  /** --kustomize-root: judge exactly these roots (repeatable). */
  kustomizeRoots: string[];
  paths: string[];
}

/** Flag -> Helm option, from the options table (`--values` -> valuesFiles). */
const HELM_CLI = new Map(Object.entries(HELM_FLAGS).map(([name, flag]) => [flag.split(/[= ]/)[0], name as keyof HelmOptions]));

const SEVERITIES: Record<string, SeveritySetting> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  information: 'info',
  hint: 'hint',
  off: 'off',
  default: 'default',
};

export const HELP = `Usage: kube-zero-downtime [options] <file|dir|glob>...

Checks Kubernetes manifests for rollout hazards that drop requests (missing probes, maxUnavailable,
preStop hooks, grace periods, Envoy retries). Directories are searched recursively for *.yaml and *.yml
files; quoted glob patterns ('deploy/**/*.yaml') are expanded. Both skip node_modules and .git; Helm
charts are rendered (see below). "-" reads standard input.

Helm charts: a folder with a Chart.yaml (given, or found under a directory) is rendered as "helm template"
would, and what it renders is checked; findings are reported at the template, helper or values line that
produced them, with the values sets they appear under. A chart template given by name judges its chart.
  ${HELM_FLAGS.valuesFiles.padEnd(27)}A values file (repeatable, later files win), relative to the current
                               folder; with --set/--set-string they form one values set, judged beside
                               the chart's defaults.
  ${HELM_FLAGS.set.padEnd(27)}A --set expression (repeatable), as helm takes it.
  ${HELM_FLAGS.setString.padEnd(27)}A --set-string expression (repeatable).
  ${HELM_FLAGS.ciValues.padEnd(27)}Also judge each chart with each of its ci/*-values.yaml files.
  ${HELM_FLAGS.enable.padEnd(27)}Do not render charts: their templates/ folders are left out.

Options:
  -f, --format <text|json|sarif>  Output format (default: text).
                                 text: file:line:col severity rule-id message, then a summary line
                                 json: an array of {file, rule, severity, message, startLine, startColumn,
                                       endLine, endColumn, docIndex, kind, name, namespace, container}
                                       (lines and columns 1-based, docIndex 0-based); a chart's findings
                                       add template (Helm's name of the rendered template) and valuesSets;
                                       a Kustomize build's add roots (the roots whose builds have it)
                                 sarif: SARIF 2.1.0 (GitHub code scanning), with rule metadata and fixes
                                       (properties.roots on findings of Kustomize builds)
  -r, --rule <id>=<severity>   Override a rule's severity: error, warning, info, hint, default, or off.
                               Repeatable, e.g. --rule liveness-probe-missing=off. Wins over the config file.
      --rule-option <name>=<value>  Set a rule option (repeatable; wins over the config file's options:):
                               ${[...ruleOptionSpecs()].map(([name, spec]) => `${name} (${spec.rule}, ${expectedValue(spec)})`).join('; ')}.
      --fix                    Apply all safe fixes in place (the editor's "Fix all" edits), repeated until
                               none applies; report what changed. Remaining findings are reported as usual.
      --fix-dry-run            Print the safe fixes as a unified diff on stdout; change nothing.
      --max-warnings <n>       Exit 1 only when there are more than n warnings (errors always count).
                               Default 0; -1 allows any number.
  -c, --config <file>          Use this config file for every checked file (no lookup).
      --no-config              Use no config file.
      --stdin-filename <path>  With "-": the path standard input stands for (config lookup, ignore,
                               output). Default: <stdin> in the current folder.
      --max-file-size-mb <n>   Files larger than this are not checked (default: 16).
      --kustomize <on|off>     on (default): every root kustomization found in the directories given (one no
                               other kustomization includes) is built as kubectl kustomize builds it and its
                               objects are checked together; findings print at their origin in the bases,
                               patches and kustomizations, naming the roots ("In overlays/prod: ..."), and files
                               those builds read are not also judged alone. off: every file alone.
      --kustomize-root <dir>   Judge this root kustomization only (repeatable); its findings print wherever
                               they are (also in bases outside the paths given).
      --verbose                Also report documents skipped as Helm templates, files skipped by the
                               config's ignore patterns, and Helm templates/ folders left out (--helm=off).
  -h, --help                   Show this help.
  -v, --version                Show the version.

Config file: .kube-zero-downtime.yaml (or .yml), found by walking up from each file to the repository
root (the folder with .git). It sets rule severities (rules:), rule options (options:), files to skip
(ignore:) and fix values (fixes:). --rule wins over it. An invalid config is reported as
file:line:col: message on stderr (exit code 2).

Documents that are not checked (YAML syntax error, too large, binary; Helm templates with --verbose)
are reported with severity info and rule "not-checked" (in text and JSON; JSON adds a "reason"; SARIF
lists them as tool notifications), so a file without findings is never a mystery.

${TIMELINE_HELP}
Exit codes:
  0  no error, and no more warnings than --max-warnings (info and hint never count)
  1  at least one error, or more warnings than --max-warnings (with --fix/--fix-dry-run: what the
     fixes leave); with --timeline: a value the simulation refuses (infinite, huge, negative, fractional)
  2  usage error (unknown option, missing or nonexistent path, unknown rule id), an invalid config
     file, or a file that could not be read, checked or written
`;

/** Parses argv (without node and script). `isRule` validates rule ids given to --rule. */
export function parseArgs(argv: readonly string[], isRule: (id: string) => boolean): CliOptions {
  const options: CliOptions = {
    help: false,
    version: false,
    verbose: false,
    format: 'text',
    rules: {},
    ruleOptions: {},
    fix: false,
    fixDryRun: false,
    maxWarnings: 0,
    noConfig: false,
    helm: {},
    kustomize: true,
    kustomizeRoots: [],
    paths: [],
  };
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
        if (format !== 'text' && format !== 'json' && format !== 'sarif') {
          throw new UsageError(`unknown format "${format}" (use text, json or sarif)`);
        }
        options.format = format;
        break;
      }
      case '-r':
      case '--rule': {
        const spec = value();
        const sep = spec.lastIndexOf('=');
        if (sep <= 0) throw new UsageError(`--rule needs <rule-id>=<severity>, got "${spec}"`);
        const id = spec.slice(0, sep).trim();
        const severity =
          SEVERITIES[
            spec
              .slice(sep + 1)
              .trim()
              .toLowerCase()
          ];
        if (!isRule(id)) throw new UsageError(`unknown rule id "${id}"`);
        if (!severity) {
          throw new UsageError(`unknown severity "${spec.slice(sep + 1)}" for ${id} (use error, warning, info, hint, default or off)`);
        }
        options.rules[id] = severity;
        break;
      }
      case '--rule-option': {
        const spec = value();
        const sep = spec.indexOf('=');
        const name = spec.slice(0, Math.max(sep, 0)).trim();
        const option = ruleOptionSpecs().get(name);
        if (sep <= 0 || !option) {
          throw new UsageError(
            `--rule-option needs <name>=<value> with a name among ${[...ruleOptionSpecs().keys()].join(', ')}; got "${spec}"`,
          );
        }
        const parsed = parseOptionText(option, spec.slice(sep + 1).trim());
        if (parsed === undefined) {
          throw new UsageError(`--rule-option ${name} must be ${expectedValue(option)}, got "${spec.slice(sep + 1)}"`);
        }
        options.ruleOptions[name] = parsed;
        break;
      }
      case '--max-file-size-mb': {
        const raw = value();
        const mb = Number(raw);
        if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`--max-file-size-mb needs a positive number, got "${raw}"`);
        options.maxFileSizeMB = mb;
        break;
      }
      case '--fix':
        noValue();
        options.fix = true;
        break;
      case '--fix-dry-run':
        noValue();
        options.fixDryRun = true;
        break;
      case '--max-warnings': {
        const raw = value();
        const n = Number(raw);
        if (!/^-?\d+$/.test(raw.trim()) || n < -1) {
          throw new UsageError(`--max-warnings needs a whole number (-1 for no limit), got "${raw}"`);
        }
        options.maxWarnings = n;
        break;
      }
      case '-c':
      case '--config':
        options.config = value();
        break;
      case '--no-config':
        noValue();
        options.noConfig = true;
        break;
      case '--stdin-filename':
        options.stdinFilename = value();
        break;
      case '--kustomize': {
        const mode = value();
        if (mode !== 'on' && mode !== 'off') throw new UsageError(`--kustomize takes on or off, got "${mode}"`);
        options.kustomize = mode === 'on';
        break;
      }
      case '--kustomize-root':
        options.kustomizeRoots.push(value());
        break;
      default: {
        const helm = HELM_CLI.get(name);
        if (!helm) throw new UsageError(`unknown option ${name}`);
        const spec = HELM_OPTIONS[helm];
        if (spec.type === 'array') {
          const given = value();
          if (given === '') throw new UsageError(`${name} needs a value`);
          options.helm[helm] = [...((options.helm[helm] as string[] | undefined) ?? []), given] as never;
        } else if (HELM_FLAGS[helm].includes('=')) {
          const given = inline ?? value();
          if (!['on', 'off', 'true', 'false'].includes(given)) throw new UsageError(`${name} takes on or off, got "${given}"`);
          options.helm[helm] = (given === 'on' || given === 'true') as never;
        } else {
          noValue();
          options.helm[helm] = true as never;
        }
      }
    }
  }
  if (options.help || options.version) return options;
  if (options.paths.length === 0 && options.kustomizeRoots.length === 0) throw new UsageError('no file or directory given');
  if (!options.kustomize && options.kustomizeRoots.length > 0) {
    throw new UsageError('--kustomize=off and --kustomize-root exclude each other');
  }
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (options.config !== undefined && options.noConfig) throw new UsageError('--config and --no-config exclude each other');
  if (options.fix && options.paths.includes('-')) {
    throw new UsageError('--fix cannot write to standard input; use --fix-dry-run to see the fixes');
  }
  if (options.stdinFilename !== undefined && !options.paths.includes('-')) {
    throw new UsageError('--stdin-filename needs "-" among the paths');
  }
  if (options.paths.filter((p) => p === '-').length > 1) throw new UsageError('"-" (standard input) can be given only once');
  return options;
}
