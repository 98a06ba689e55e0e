// The whole table of options: the product's own (config/options.ts) and every rule's, with the setting key,
// config-file path and command-line flag of each; and what is generated from it.
import { RULES } from '../catalog/registry';
import { FIX_OPTIONS, HELM_OPTIONS, schemaOf, type OptionSpec } from './options';

/** The command-line flag of each Helm option. */
export const HELM_FLAGS: Record<keyof typeof HELM_OPTIONS, string> = {
  enable: '--helm=off',
  valuesFiles: '--values <file>',
  set: '--set <key=value>',
  setString: '--set-string <key=value>',
  ciValues: '--helm-ci-values',
};
import type { Option } from './options';

export const SEVERITY_CHOICES = ['default', 'error', 'warning', 'information', 'hint', 'off'] as const;
/** The editor's inlay hints (engine/explain): where a field is left out, also for written values, or none. */
export const HINT_MODES = ['implicit', 'all', 'off'] as const;

/** Every option, in the order the settings UI lists them. */
export function allOptions(): Option[] {
  const options: Option[] = [
    {
      key: 'enable',
      type: 'boolean',
      default: true,
      scope: 'resource',
      description: 'Check Kubernetes manifests for zero-downtime hazards.',
    },
    {
      key: 'overrideProjectConfig',
      type: 'boolean',
      default: false,
      scope: 'resource',
      description:
        "Let these settings loosen the repository's `.kube-zero-downtime.yaml` (a lower severity or `off` for a rule it sets, other fix values). By default the config file wins and your settings can only make rules stricter.",
    },
    {
      key: 'maxFileSizeMB',
      type: 'number',
      default: 16,
      exclusiveMinimum: 0,
      expected: 'a number of megabytes above 0',
      scope: 'resource',
      description: 'Files larger than this (in MB) are not checked; a notice says so.',
      cli: '--max-file-size-mb',
    },
    {
      key: 'kustomize.enable',
      type: 'boolean',
      default: true,
      scope: 'resource',
      description:
        'Judge what Kustomize deploys: each root kustomization (one no other kustomization includes) is built and its objects are checked together; findings are shown at their origin in the bases, patches and kustomizations, naming the roots that deploy them. Off: every file is judged alone.',
      cli: '--kustomize=off',
    },
    {
      key: 'inlayHints',
      type: 'string',
      enum: HINT_MODES,
      enumDescriptions: [
        'Only where a field is left out: the default Kubernetes uses.',
        'Also after written percentages: what they come to in pods.',
        'No inlay hints.',
      ],
      default: 'implicit',
      scope: 'resource',
      description:
        "Inlay hints with the Kubernetes defaults that decide a rollout where a manifest leaves a field out (`maxUnavailable 25% = 1 pod`, `every 10s`, `grace 30s`). `all` also shows what written percentages come to in pods; `off` shows none. VS Code's `editor.inlayHints.enabled` applies too.",
    },
  ];
  for (const [name, spec] of Object.entries(FIX_OPTIONS)) options.push({ key: `fixes.${name}`, config: `fixes.${name}`, ...spec });
  for (const [name, spec] of Object.entries(HELM_OPTIONS)) {
    options.push({ key: `helm.${name}`, config: `helm.${name}`, cli: HELM_FLAGS[name as keyof typeof HELM_OPTIONS], ...spec });
  }
  for (const rule of RULES) {
    for (const [name, spec] of Object.entries(rule.meta.options ?? {})) {
      options.push({ key: spec.setting, config: `options.${name}`, cli: `--rule-option ${name}=<value>`, ...spec });
    }
  }
  options.push({
    key: 'trace.server',
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Traces the communication between VS Code and the Kubernetes Zero-Downtime language server.',
  });
  for (const rule of RULES) {
    options.push({
      key: `rules.${rule.meta.id}`,
      config: `rules.${rule.meta.id}`,
      type: 'string',
      enum: SEVERITY_CHOICES,
      enumDescriptions: [
        'The rule\u2019s own severity (see its docs).',
        'Error',
        'Warning',
        'Information',
        'Hint (not shown in the Problems panel)',
        'Turn the rule off',
      ],
      default: 'default',
      scope: 'resource',
      description: `Severity of \`${rule.meta.id}\`: ${rule.meta.title}.`,
      cli: `--rule ${rule.meta.id}=<severity>`,
    });
  }
  return options;
}

/** The rule options (config file `options:`, CLI --rule-option), by name, with the setting key each has. */
export function ruleOptionSpecs(): Map<string, OptionSpec & { setting: string; rule: string }> {
  const specs = new Map<string, OptionSpec & { setting: string; rule: string }>();
  for (const rule of RULES) {
    for (const [name, spec] of Object.entries(rule.meta.options ?? {})) specs.set(name, { ...spec, rule: rule.meta.id });
  }
  return specs;
}

/** package.json `contributes.configuration`, generated (npm run docs) and compared whole by a test. */
export function renderConfiguration(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const option of allOptions()) {
    properties[`kubeZeroDowntime.${option.key}`] = schemaOf(option, { scope: option.scope, markdownDescription: option.description });
  }
  return { title: 'Kubernetes Zero-Downtime', properties };
}

/** The README's settings table (npm run docs writes it between the settings markers; a test checks it is current). */
export function renderReadmeSettings(): string {
  const rows = ['| Setting | Default | Also | |', '|---|---|---|---|'];
  const ruleOptions = allOptions().filter((o) => !o.key.startsWith('rules.'));
  for (const option of ruleOptions) {
    const also = [option.config ? `config \`${option.config}\`` : '', option.cli ? `CLI \`${option.cli}\`` : ''].filter(Boolean).join(', ');
    rows.push(
      `| \`kubeZeroDowntime.${option.key}\` | \`${JSON.stringify(option.default).replace(/^"|"$/g, '')}\` | ${also} | ${option.description.replace(/\|/g, '\\|')} |`,
    );
  }
  rows.push(
    `| \`kubeZeroDowntime.rules.<rule-id>\` | \`default\` | config \`rules.<rule-id>\`, CLI \`--rule <rule-id>=<severity>\` | Per-rule severity: ${SEVERITY_CHOICES.map((c) => `\`${c}\``).join(', ')}. Applied live. |`,
  );
  return rows.join('\n');
}
