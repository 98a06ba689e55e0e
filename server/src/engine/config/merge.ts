// Precedence: the project config first, then the user's own options (VS Code settings, command line).
import { getRule } from '../catalog/registry';
import { DEFAULT_FIX_DEFAULTS, SEVERITY_ORDER, type FixDefaults, type LintOptions, type Severity, type SeveritySetting } from '../types';
import type { ProjectConfig } from './projectConfig';
import { DEFAULT_HELM_OPTIONS, type HelmOptions } from './options';

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

  // Helm options: the config's win; with `override`, the user's values that differ from the defaults win.
  const userHelm = Object.fromEntries(
    Object.entries(user.helm ?? {}).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(DEFAULT_HELM_OPTIONS[key as keyof HelmOptions]),
    ),
  );
  const helm = override ? { ...user.helm, ...config.helm, ...userHelm } : { ...user.helm, ...config.helm };

  const options: LintOptions = { ...user, rules, fixDefaults };
  if (Object.keys(helm).length > 0) options.helm = helm;
  if (Object.keys(ruleOptions).length > 0) (options as { ruleOptions?: unknown }).ruleOptions = ruleOptions;
  return { options, ignoredLoosenings };
}
