// The one table of options: every VS Code setting, config-file key and command-line value of the product,
// declared once with its type, range, default, scope and description. Rule options are declared on their rule
// (RuleMeta.options) and join the table here. Everything else is derived from it: package.json's
// `contributes.configuration` and the config file's JSON schema (written by `npm run docs`, compared whole by a
// test), the server's settings normalisation, the config file's validation, the CLI's --rule-option, and the
// defaults fixes write. Kubernetes' own minimums hold everywhere (a probe's periodSeconds is at least 1).
export type OptionValue = boolean | number | string | readonly string[];

export interface OptionSpec {
  /** `array`: a list of strings (values files, --set expressions). */
  type: 'boolean' | 'integer' | 'number' | 'string' | 'array';
  default: OptionValue;
  minimum?: number;
  /** The value must be above this (for sizes: any positive number). */
  exclusiveMinimum?: number;
  maximum?: number;
  /** A regular expression (JSON schema syntax) a string must match. */
  pattern?: string;
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  /** What a valid value is, for messages: "a whole number of seconds in 1..3600". */
  expected?: string;
  scope: 'resource' | 'window';
  /** Markdown. */
  description: string;
}

/** An option with its place: the VS Code setting key (under `kubeZeroDowntime.`), and where else it is set. */
export interface Option extends OptionSpec {
  key: string;
  /** Its path in the project config file (`fixes.readinessPath`, `options.requireCpuLimit`), when it has one. */
  config?: string;
  /** The command-line flag that sets it, when there is one. */
  cli?: string;
}

const MAX_SECONDS = 3600;

function seconds(minimum: number, defaultValue: number, description: string): OptionSpec & { type: 'integer'; default: number } {
  return {
    type: 'integer',
    default: defaultValue,
    minimum,
    maximum: MAX_SECONDS,
    expected: `a whole number of seconds in ${minimum}..${MAX_SECONDS}`,
    scope: 'resource',
    description,
  };
}

function httpPath(defaultValue: string, description: string): OptionSpec & { type: 'string'; default: string } {
  return {
    type: 'string',
    default: defaultValue,
    pattern: '^/\\S*$',
    expected: 'an absolute HTTP path such as /readyz',
    scope: 'resource',
    description,
  };
}

/** Values the quick fixes (and --fix) write: settings `kubeZeroDowntime.fixes.*`, config file `fixes:`. */
export const FIX_OPTIONS = {
  readinessPath: httpPath('/readyz', 'Path the *Add readinessProbe* quick fix writes (httpGet).'),
  livenessPath: httpPath(
    '/livez',
    'Path the *Add livenessProbe* quick fix writes (httpGet). Keep it different from the readiness path: liveness should not check dependencies.',
  ),
  readinessPeriodSeconds: seconds(1, 5, '`periodSeconds` of a readinessProbe added by a quick fix.'),
  livenessPeriodSeconds: seconds(
    1,
    10,
    '`periodSeconds` of a livenessProbe added by a quick fix (it also gets `failureThreshold: 6`, more tolerant than readiness).',
  ),
  livenessInitialDelaySeconds: seconds(0, 10, '`initialDelaySeconds` of a livenessProbe added by a quick fix.'),
  preStopSleepSeconds: seconds(1, 10, 'How long the *Add preStop* quick fixes wait; the grace period is raised above it when needed.'),
} as const satisfies Record<string, OptionSpec>;

export type FixDefaults = { -readonly [K in keyof typeof FIX_OPTIONS]: (typeof FIX_OPTIONS)[K]['type'] extends 'string' ? string : number };

export const DEFAULT_FIX_DEFAULTS: FixDefaults = Object.fromEntries(
  Object.entries(FIX_OPTIONS).map(([name, spec]) => [name, spec.default]),
) as FixDefaults;

function strings(description: string): OptionSpec & { type: 'array'; default: readonly string[] } {
  return { type: 'array', default: [], expected: 'a list of strings', scope: 'resource', description };
}

/**
 * How Helm charts (folders with a Chart.yaml) are judged: settings `kubeZeroDowntime.helm.*`, config file `helm:`,
 * command-line flags. Values files are paths relative to each chart's folder (on the command line: to the
 * current folder, as `helm template -f` takes them).
 */
export const HELM_OPTIONS = {
  enable: {
    type: 'boolean',
    default: true,
    scope: 'resource',
    description:
      'Render each Helm chart (a folder with a `Chart.yaml`) and check what it renders, with findings on the template, helper or values line that produced them. Off: chart templates are not checked.',
  },
  valuesFiles: strings(
    "Values files to render charts with, in order (later files win), relative to each chart's folder; they form one values set judged beside the chart's defaults. A chart without such a file is judged without it.",
  ),
  set: strings('`--set` expressions (`image.tag=1.2`) applied on top of `helm.valuesFiles`.'),
  setString: strings('`--set-string` expressions applied on top of `helm.valuesFiles`.'),
  ciValues: {
    type: 'boolean',
    default: false,
    scope: 'resource',
    description:
      'Also judge each chart with each of its `ci/*-values.yaml` files (the values sets chart-testing installs); a finding that appears only with some values sets says which.',
  },
} as const satisfies Record<string, OptionSpec>;

export interface HelmOptions {
  enable: boolean;
  valuesFiles: readonly string[];
  set: readonly string[];
  setString: readonly string[];
  ciValues: boolean;
}

export const DEFAULT_HELM_OPTIONS: HelmOptions = Object.fromEntries(
  Object.entries(HELM_OPTIONS).map(([name, spec]) => [name, spec.default]),
) as unknown as HelmOptions;

/** The value when it is valid for the spec, else undefined (settings and config files are never trusted). */
export function validOption(spec: OptionSpec, value: unknown): OptionValue | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      if (spec.type === 'integer' && !Number.isInteger(value)) return undefined;
      if (spec.minimum !== undefined && value < spec.minimum) return undefined;
      if (spec.exclusiveMinimum !== undefined && value <= spec.exclusiveMinimum) return undefined;
      if (spec.maximum !== undefined && value > spec.maximum) return undefined;
      return value;
    }
    case 'array':
      return Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '') ? (value as string[]) : undefined;
    case 'string': {
      if (typeof value !== 'string') return undefined;
      if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(value)) return undefined;
      if (spec.enum !== undefined && !spec.enum.includes(value)) return undefined;
      return value;
    }
  }
}

/** What a valid value is, for messages. */
export function expectedValue(spec: OptionSpec): string {
  if (spec.expected) return spec.expected;
  if (spec.type === 'boolean') return 'true or false';
  if (spec.enum) return `one of ${spec.enum.join(', ')}`;
  if (spec.type === 'integer') return `a whole number in ${spec.minimum ?? 0}..${spec.maximum ?? MAX_SECONDS}`;
  return `a ${spec.type}`;
}

/** Reads a command-line value ("true", "15", "/ready") as the spec's type; undefined when it is not valid. */
export function parseOptionText(spec: OptionSpec, text: string): OptionValue | undefined {
  if (spec.type === 'array') return text === '' ? undefined : [text];
  if (spec.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  if (spec.type === 'integer' || spec.type === 'number') {
    return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? validOption(spec, Number(text)) : undefined;
  }
  return validOption(spec, text);
}

/** A JSON schema property for the spec (package.json settings and the config file schema). */
export function schemaOf(spec: OptionSpec, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const schema: Record<string, unknown> = { type: spec.type };
  if (spec.type === 'array') schema.items = { type: 'string', minLength: 1 };
  for (const field of ['enum', 'enumDescriptions', 'minimum', 'exclusiveMinimum', 'maximum', 'pattern'] as const) {
    if (spec[field] !== undefined) schema[field] = spec[field];
  }
  schema.default = spec.default;
  return { ...schema, ...extra };
}
