// The project config file (`.kube-zero-downtime.yaml`): parsing and validation. Pure (text in, data out):
// finding and reading the file is server/src/io/; its ignore globs are config/globs.ts, how it combines with the
// user's own options config/merge.ts, its JSON schema config/schema.ts.
//
//   rules:   { <rule-id>: error | warning | information | hint | off | default }
//   options: { requireCpuLimit: true }                               rule options (LintOptions.ruleOptions)
//   ignore:  [ "vendor/**", "*.generated.yaml" ]                    files not checked (relative to the file)
//   fixes:   { readinessPath: /ready, preStopSleepSeconds: 15 }     values quick fixes and --fix write
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { parseDocumentLinear } from '../model/yamlParse';
import { RULES, getRule } from '../catalog/registry';
import type { FixDefaults, SeveritySetting } from '../types';
import { globError } from './globs';
import { ruleOptionSpecs } from './optionTable';
import { expectedValue, FIX_OPTIONS, validOption, type OptionValue } from './options';
import { closestMatch, lineStarts, positionIn } from '../text';

export const CONFIG_FILE_NAMES = ['.kube-zero-downtime.yaml', '.kube-zero-downtime.yml'] as const;

/** What a config file says, already validated: invalid entries are left out (and reported as problems). */
export interface ProjectConfig {
  rules: Record<string, SeveritySetting>;
  /** Rule options (LintOptions.ruleOptions). */
  options: Record<string, OptionValue>;
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
      case 'options': {
        const specs = ruleOptionSpecs();
        forEachEntry(value, 'options', keyRange, problem, (name, entry, nameRange) => {
          const spec = specs.get(name);
          if (!spec) {
            const known = [...specs.keys()];
            const suggestion = closestMatch(name, known);
            problem(
              `unknown option "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known options: ${known.join(', ')}`,
              nameRange,
            );
            return;
          }
          const valid = validOption(spec, isScalar(entry) ? entry.value : undefined);
          if (valid === undefined) {
            problem(`option "${name}" must be ${expectedValue(spec)}, not ${describe(entry)}`, rangeOf(entry) ?? nameRange);
            return;
          }
          config.options[name] = valid;
        });
        break;
      }
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
          const spec = Object.hasOwn(FIX_OPTIONS, name) ? FIX_OPTIONS[name as keyof FixDefaults] : undefined;
          if (!spec) {
            const known = Object.keys(FIX_OPTIONS);
            const suggestion = closestMatch(name, known);
            problem(
              `unknown fix value "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known: ${known.join(', ')}`,
              nameRange,
            );
            return;
          }
          const valid = validOption(spec, isScalar(entry) ? entry.value : undefined);
          if (valid === undefined) {
            problem(`"${name}" must be ${expectedValue(spec)}, not ${describe(entry)}`, rangeOf(entry) ?? nameRange);
            return;
          }
          (config.fixes as Record<string, OptionValue>)[name] = valid;
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
