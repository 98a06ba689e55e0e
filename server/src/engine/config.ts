// The project config file (`.kube-zero-downtime.yaml`): parsing, validation, ignore globs and how it combines
// with the user's own options. Pure (text in, data out): finding and reading the file is server/src/config/.
//
//   rules:   { <rule-id>: error | warning | information | hint | off | default }
//   options: { requireCpuLimit: true }                               rule options (LintOptions.ruleOptions)
//   ignore:  [ "vendor/**", "*.generated.yaml" ]                    files not checked (relative to the file)
//   fixes:   { readinessPath: /ready, preStopSleepSeconds: 15 }     values quick fixes and --fix write
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { parseDocumentLinear } from './yamlParse';
import { RULES, docsUrl, getRule } from './registry';
import { DEFAULT_FIX_DEFAULTS, SEVERITY_ORDER, type FixDefaults, type LintOptions, type Severity, type SeveritySetting } from './types';
import { closestMatch, lineStarts, positionIn } from './text';

export const CONFIG_FILE_NAMES = ['.kube-zero-downtime.yaml', '.kube-zero-downtime.yml'] as const;

/** What a config file says, already validated: invalid entries are left out (and reported as problems). */
export interface ProjectConfig {
  rules: Record<string, SeveritySetting>;
  /** Rule options (LintOptions.ruleOptions). */
  options: Record<string, boolean | number>;
  ignore: string[];
  fixes: Partial<FixDefaults>;
}

export interface ConfigProblem {
  message: string;
  /** UTF-16 offsets into the config text, end-exclusive. */
  start: number;
  end: number;
  /** 1-based, column in UTF-16 code units. */
  line: number;
  column: number;
}

export interface ParsedConfig {
  config: ProjectConfig;
  problems: ConfigProblem[];
}

export const CONFIG_SEVERITIES = ['error', 'warning', 'information', 'info', 'hint', 'off', 'default'] as const;

const SEVERITY_SETTING: Record<(typeof CONFIG_SEVERITIES)[number], SeveritySetting> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  info: 'info',
  hint: 'hint',
  off: 'off',
  default: 'default',
};

/** A severity as users write it (config file, VS Code settings) in the engine's spelling; undefined if unknown. */
export function toSeveritySetting(raw: unknown): SeveritySetting | undefined {
  return typeof raw === 'string' && Object.hasOwn(SEVERITY_SETTING, raw)
    ? SEVERITY_SETTING[raw as keyof typeof SEVERITY_SETTING]
    : undefined;
}

interface OptionSpec {
  type: 'boolean' | 'integer';
  minimum?: number;
  maximum?: number;
  description: string;
}

/** Rule options a config file may set. Passed to the engine as LintOptions.ruleOptions. */
export const RULE_OPTION_SPECS: Record<string, OptionSpec> = {
  requireCpuLimit: {
    type: 'boolean',
    description: 'Demand a CPU limit on serving containers (default: no; CPU limits throttle and are often advised against).',
  },
};

/** Fix values a config file may set (the same as the kubeZeroDowntime.fixes.* settings). */
export const FIX_SPECS: Record<keyof FixDefaults, { type: 'path' | 'integer'; minimum?: number; description: string }> = {
  readinessPath: { type: 'path', description: 'Path the add-readinessProbe fix writes (httpGet).' },
  livenessPath: { type: 'path', description: 'Path the add-livenessProbe fix writes (httpGet).' },
  readinessPeriodSeconds: { type: 'integer', minimum: 1, description: 'periodSeconds of an added readinessProbe.' },
  livenessPeriodSeconds: { type: 'integer', minimum: 1, description: 'periodSeconds of an added livenessProbe.' },
  livenessInitialDelaySeconds: { type: 'integer', minimum: 0, description: 'initialDelaySeconds of an added livenessProbe.' },
  preStopSleepSeconds: { type: 'integer', minimum: 1, description: 'Wait the add-preStop fixes write.' },
};
const MAX_SECONDS = 3600;

const TOP_LEVEL_KEYS = ['rules', 'options', 'ignore', 'fixes'];

export function emptyConfig(): ProjectConfig {
  return { rules: {}, options: {}, ignore: [], fixes: {} };
}

/** Parses and validates config text. Never throws: everything wrong is a problem with a position. */
export function parseConfig(text: string): ParsedConfig {
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  const lines = lineStarts(text);
  const problem = (message: string, range: readonly number[] | undefined): void => {
    const start = Math.min(range?.[0] ?? 0, text.length);
    const end = Math.max(start, Math.min(range?.[1] ?? start, text.length));
    const { line, column } = position(lines, start);
    problems.push({ message, start, end, line, column });
  };

  const doc = parseDocumentLinear(text);
  for (const error of doc.errors) {
    problem(`YAML syntax error: ${firstLine(error.message)}`, error.pos);
  }
  if (doc.errors.length > 0) {
    return { config, problems };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) {
    return { config, problems }; // an empty file is a valid config that changes nothing
  }
  if (!isMap(root)) {
    problem('the config must be a mapping with the keys rules, options, ignore and fixes', root.range);
    return { config, problems };
  }

  for (const pair of root.items) {
    const key = keyOf(pair);
    const keyRange = rangeOf(pair.key) ?? root.range;
    if (key === undefined) {
      problem('keys must be plain strings', keyRange);
      continue;
    }
    const value = pair.value as Node | null;
    switch (key) {
      case 'rules':
        forEachEntry(value, 'rules', keyRange, problem, (id, entry, idRange) => {
          if (!getRule(id)) {
            const suggestion = closestMatch(
              id,
              RULES.map((rule) => rule.meta.id),
            );
            problem(`unknown rule id "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, idRange);
            return;
          }
          const raw = isScalar(entry) ? entry.value : undefined;
          const severity = typeof raw === 'string' ? SEVERITY_SETTING[raw as keyof typeof SEVERITY_SETTING] : undefined;
          if (!severity) {
            problem(
              `bad severity ${describe(entry)} for rule "${id}": use error, warning, information, hint, off or default`,
              rangeOf(entry) ?? idRange,
            );
            return;
          }
          config.rules[id] = severity;
        });
        break;
      case 'options':
        forEachEntry(value, 'options', keyRange, problem, (name, entry, nameRange) => {
          const spec = RULE_OPTION_SPECS[name];
          if (!spec) {
            const known = Object.keys(RULE_OPTION_SPECS);
            const suggestion = closestMatch(name, known);
            problem(
              `unknown option "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known options: ${known.join(', ')}`,
              nameRange,
            );
            return;
          }
          const raw = isScalar(entry) ? entry.value : undefined;
          if (spec.type === 'boolean') {
            if (typeof raw !== 'boolean') {
              problem(`option "${name}" must be true or false, not ${describe(entry)}`, rangeOf(entry) ?? nameRange);
              return;
            }
            config.options[name] = raw;
          } else {
            const range = `${spec.minimum ?? 0}..${spec.maximum ?? MAX_SECONDS}`;
            if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < (spec.minimum ?? 0) || raw > (spec.maximum ?? MAX_SECONDS)) {
              problem(`option "${name}" must be a whole number in ${range}, not ${describe(entry)}`, rangeOf(entry) ?? nameRange);
              return;
            }
            config.options[name] = raw;
          }
        });
        break;
      case 'ignore':
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isSeq(value)) {
          problem('"ignore" must be a list of glob patterns, e.g. ["vendor/**", "*.generated.yaml"]', rangeOf(value) ?? keyRange);
          break;
        }
        for (const item of value.items as (Node | null)[]) {
          const raw = isScalar(item) ? item.value : undefined;
          if (typeof raw !== 'string' || raw.trim() === '') {
            problem(`ignore patterns must be non-empty strings, not ${describe(item)}`, rangeOf(item) ?? rangeOf(value));
            continue;
          }
          const error = globError(raw);
          if (error) {
            problem(`bad ignore pattern "${raw}": ${error}`, rangeOf(item));
            continue;
          }
          config.ignore.push(raw);
        }
        break;
      case 'fixes':
        forEachEntry(value, 'fixes', keyRange, problem, (name, entry, nameRange) => {
          const spec = (FIX_SPECS as Record<string, (typeof FIX_SPECS)[keyof FixDefaults] | undefined>)[name];
          if (!spec) {
            const known = Object.keys(FIX_SPECS);
            const suggestion = closestMatch(name, known);
            problem(
              `unknown fix value "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known: ${known.join(', ')}`,
              nameRange,
            );
            return;
          }
          const raw = isScalar(entry) ? entry.value : undefined;
          const fixes = config.fixes as Record<string, string | number>;
          if (spec.type === 'path') {
            if (typeof raw !== 'string' || !raw.startsWith('/') || /\s/.test(raw)) {
              problem(`"${name}" must be an absolute HTTP path such as /readyz, not ${describe(entry)}`, rangeOf(entry) ?? nameRange);
              return;
            }
            fixes[name] = raw;
          } else {
            const minimum = spec.minimum ?? 0;
            if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < minimum || raw > MAX_SECONDS) {
              problem(
                `"${name}" must be a whole number of seconds in ${minimum}..${MAX_SECONDS}, not ${describe(entry)}`,
                rangeOf(entry) ?? nameRange,
              );
              return;
            }
            fixes[name] = raw;
          }
        });
        break;
      default: {
        const suggestion = closestMatch(key, TOP_LEVEL_KEYS);
        problem(
          `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; a config has rules, options, ignore and fixes`,
          keyRange,
        );
      }
    }
  }
  return { config, problems };
}

type ProblemSink = (message: string, range: readonly number[] | undefined) => void;

function forEachEntry(
  value: Node | null,
  section: string,
  sectionRange: readonly number[] | undefined,
  problem: ProblemSink,
  visit: (key: string, value: Node | null, keyRange: readonly number[] | undefined) => void,
): void {
  if (value === null || (isScalar(value) && value.value === null)) return; // `rules:` with nothing under it
  if (!isMap(value)) {
    problem(`"${section}" must be a mapping (key: value lines), not ${describe(value)}`, rangeOf(value) ?? sectionRange);
    return;
  }
  for (const pair of value.items) {
    const key = keyOf(pair);
    if (key === undefined) {
      problem(`keys under "${section}" must be plain strings`, rangeOf(pair.key) ?? rangeOf(value));
      continue;
    }
    visit(key, pair.value as Node | null, rangeOf(pair.key) ?? rangeOf(value));
  }
}

function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (isScalar(key) && typeof key.value === 'string') return key.value;
  if (isScalar(key) && typeof key.value === 'number') return String(key.value);
  return undefined;
}

function rangeOf(node: unknown): readonly number[] | undefined {
  return node && typeof node === 'object' && 'range' in node
    ? ((node as { range?: readonly number[] | null }).range ?? undefined)
    : undefined;
}

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'null';
    if (typeof value === 'string') return `"${value}"`;
    return String(value);
  }
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return 'an alias';
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

/** 1-based line and column, as config errors are printed. */
function position(starts: number[], offset: number): { line: number; column: number } {
  const at = positionIn(starts, offset);
  return { line: at.line + 1, column: at.character + 1 };
}

// ---------------------------------------------------------------------------------------------------------
// Ignore globs. Paths are relative to the config file's folder, with `/` separators. Like .gitignore:
// a pattern without a slash matches a file or folder name at any depth (`*.generated.yaml`, `vendor`), a
// pattern with a slash is anchored at the config's folder (`deploy/legacy/**`; a leading `/` only anchors),
// a trailing slash matches folders only, and a pattern that matches a folder ignores everything in it.
// `*` and `?` stay within one path segment, `**` spans segments, `{a,b}` and `[abc]` work as in shells.

export type PathMatcher = (relativePath: string) => boolean;

/** Why a pattern cannot be used, or undefined when it is fine. */
export function globError(pattern: string): string | undefined {
  if (pattern.includes('\\')) return 'use / as the path separator (backslashes are not supported)';
  let depth = 0;
  for (const char of pattern) {
    if (char === '{') depth++;
    else if (char === '}' && --depth < 0) return 'unbalanced }';
  }
  if (depth !== 0) return 'unbalanced {';
  if (/\[[^\]]*$/.test(pattern)) return 'unclosed [';
  return undefined;
}

export function compileIgnore(patterns: readonly string[]): PathMatcher {
  const compiled = patterns.map(compileOne);
  return (relativePath) => {
    const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.length === 0 || segments[0] === '..') return false; // not below the config's folder
    for (const { regex, directoryOnly } of compiled) {
      // The file itself, or any folder it lies in.
      for (let n = segments.length; n >= 1; n--) {
        if (directoryOnly && n === segments.length) continue;
        if (regex.test(segments.slice(0, n).join('/'))) return true;
      }
    }
    return false;
  };
}

function compileOne(pattern: string): { regex: RegExp; directoryOnly: boolean } {
  let body = pattern.trim();
  const directoryOnly = body.endsWith('/');
  if (directoryOnly) body = body.replace(/\/+$/, '');
  const anchored = body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  if (body.startsWith('./')) body = body.slice(2);
  const source = globToRegex(body);
  return { regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}$`), directoryOnly };
}

function globToRegex(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        i++;
        if (glob[i + 1] === '/' && atStart) {
          i++;
          out += '(?:.*/)?'; // `**/`: any number of folders, including none
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 1);
      let set = glob.slice(i + 1, close);
      if (set.startsWith('!')) set = `^${set.slice(1)}`;
      out += `[${set.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (char === '{') {
      braces++;
      out += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (char === ',' && braces > 0) {
      out += '|';
    } else {
      out += char.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  return out;
}

/** A shell-style glob matched against a whole `/`-separated path (command-line arguments). */
export function compileGlob(pattern: string): PathMatcher {
  const regex = new RegExp(`^${globToRegex(pattern.startsWith('./') ? pattern.slice(2) : pattern)}$`);
  return (relativePath) => regex.test(relativePath);
}

/** Does a string contain glob syntax (so a command-line argument is a pattern, not a path)? */
export function isGlob(text: string): boolean {
  return /[*?[{]/.test(text);
}

// ---------------------------------------------------------------------------------------------------------
// Precedence: the project config first, then the user's own options (VS Code settings, command line).

export interface MergeResult {
  options: LintOptions;
  /** Rule ids whose user setting was ignored because it would have loosened the project config. */
  ignoredLoosenings: { ruleId: string; user: SeveritySetting; project: SeveritySetting }[];
}

function rank(ruleId: string, setting: SeveritySetting): number {
  if (setting === 'off') return -1;
  const severity: Severity = setting === 'default' ? (getRule(ruleId)?.meta.severity ?? 'warning') : setting;
  return SEVERITY_ORDER[severity];
}

/**
 * Combines the user's options with a project config.
 * - Severities: a rule the config does not mention keeps the user's setting. A rule it sets keeps the config's
 *   severity unless the user's is stricter (a user may turn a rule up or back on, never down or off), or
 *   `override` is true (kubeZeroDowntime.overrideProjectConfig, or an explicit --rule): then the user's wins.
 * - Rule options and fix values: the config's win; with `override`, the user's non-default values win.
 */
export function mergeWithProjectConfig(user: LintOptions, config: ProjectConfig, override: boolean): MergeResult {
  const ignoredLoosenings: MergeResult['ignoredLoosenings'] = [];
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, setting] of Object.entries(user.rules ?? {})) {
    if (setting !== undefined) rules[id] = setting;
  }
  for (const [id, project] of Object.entries(config.rules)) {
    const mine = rules[id];
    if (mine === undefined || mine === 'default' || project === 'default') {
      if (project !== 'default') rules[id] = project;
      continue;
    }
    if (override) continue;
    if (rank(id, mine) < rank(id, project)) {
      ignoredLoosenings.push({ ruleId: id, user: mine, project });
      rules[id] = project;
    }
  }

  const fixDefaults: Partial<FixDefaults> = { ...user.fixDefaults, ...config.fixes };
  if (override) {
    for (const [key, value] of Object.entries(user.fixDefaults ?? {}) as [keyof FixDefaults, string | number][]) {
      if (value !== undefined && value !== DEFAULT_FIX_DEFAULTS[key]) (fixDefaults as Record<string, unknown>)[key] = value;
    }
  }

  const userRuleOptions = (user as { ruleOptions?: Record<string, unknown> }).ruleOptions ?? {};
  const ruleOptions: Record<string, unknown> = override
    ? { ...config.options, ...userRuleOptions }
    : { ...userRuleOptions, ...config.options };

  const options: LintOptions = { ...user, rules, fixDefaults };
  if (Object.keys(ruleOptions).length > 0) (options as { ruleOptions?: unknown }).ruleOptions = ruleOptions;
  return { options, ignoredLoosenings };
}

// ---------------------------------------------------------------------------------------------------------
// JSON schema for editors (schemas/kube-zero-downtime.schema.json, generated by `npm run docs`).

export function renderConfigSchema(): Record<string, unknown> {
  const severity = {
    type: 'string',
    enum: [...CONFIG_SEVERITIES],
    enumDescriptions: [
      'Error',
      'Warning',
      'Information',
      'Information (short spelling)',
      'Hint (not shown in the Problems panel)',
      'Turn the rule off',
      'The rule\u2019s own severity',
    ],
  };
  const rules: Record<string, unknown> = {};
  for (const rule of RULES) {
    rules[rule.meta.id] = {
      ...severity,
      description: `${rule.meta.title}. Default: ${rule.meta.severity === 'info' ? 'information' : rule.meta.severity}.`,
      markdownDescription: `${rule.meta.title}. Default: \`${rule.meta.severity === 'info' ? 'information' : rule.meta.severity}\`. [Docs](${docsUrl(rule.meta.id)})`,
    };
  }
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(RULE_OPTION_SPECS)) {
    options[name] =
      spec.type === 'boolean'
        ? { type: 'boolean', description: spec.description }
        : { type: 'integer', minimum: spec.minimum ?? 0, maximum: spec.maximum ?? MAX_SECONDS, description: spec.description };
  }
  const fixes: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(FIX_SPECS)) {
    fixes[name] =
      spec.type === 'path'
        ? { type: 'string', pattern: '^/\\S*$', default: DEFAULT_FIX_DEFAULTS[name as keyof FixDefaults], description: spec.description }
        : {
            type: 'integer',
            minimum: spec.minimum ?? 0,
            maximum: MAX_SECONDS,
            default: DEFAULT_FIX_DEFAULTS[name as keyof FixDefaults],
            description: spec.description,
          };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/kube-zero-downtime/kube-zero-downtime/blob/main/schemas/kube-zero-downtime.schema.json',
    title: 'Kubernetes Zero-Downtime project config (.kube-zero-downtime.yaml)',
    description:
      'Rule severities, rule options, ignored files and fix values shared by everyone who works on this repository, in the editor and in CI.',
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      rules: { type: ['object', 'null'], description: 'Severity per rule id.', additionalProperties: false, properties: rules },
      options: { type: ['object', 'null'], description: 'Rule options.', additionalProperties: false, properties: options },
      ignore: {
        type: ['array', 'null'],
        description:
          'Files not checked: glob patterns relative to this file\u2019s folder (gitignore-like: a pattern without / matches at any depth).',
        items: { type: 'string', minLength: 1, pattern: '^[^\\\\]*$' },
      },
      fixes: {
        type: ['object', 'null'],
        description: 'Values quick fixes and --fix write.',
        additionalProperties: false,
        properties: fixes,
      },
    },
  };
}
