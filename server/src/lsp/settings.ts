// Settings per document (never global): read through `workspace/configuration` with the document's uri as
// scope, cached per uri, dropped when the configuration changes or the document closes.
import type { Connection } from 'vscode-languageserver/node';
import type { FixDefaults, LintOptions, SeveritySetting } from '../engine/types';
import type { HintMode } from '../engine/explain';
import { allOptions, ruleOptionSpecs } from '../engine/config/optionTable';
import { validOption, type HelmOptions, type OptionValue } from '../engine/config/options';
import { toSeveritySetting } from '../engine/config/projectConfig';

export const SETTINGS_SECTION = 'kubeZeroDowntime';

/** What a user can set (package.json `contributes.configuration`), already validated. */
export interface Settings {
  enable: boolean;
  maxFileSizeMB: number;
  /** Judge Kustomize roots as builds (`kubeZeroDowntime.kustomize.enable`). */
  kustomize: boolean;
  /** Rule id -> severity as the engine spells it ('information' is already mapped to 'info'). */
  rules: Record<string, SeveritySetting>;
  /** Values quick fixes write (`kubeZeroDowntime.fixes.*`); unset ones use the engine's defaults. */
  fixes: Partial<FixDefaults>;
  /** Options of rules (`kubeZeroDowntime.resources.requireCpuLimit`...), by option name; absent when none is set. */
  ruleOptions?: Record<string, OptionValue>;
  /** Let these settings loosen the project config file (`kubeZeroDowntime.overrideProjectConfig`). */
  overrideProjectConfig: boolean;
  /** How Helm charts are judged (`kubeZeroDowntime.helm.*`); absent fields keep the defaults. */
  helm?: Partial<HelmOptions>;
  /** Which inlay hints to give (`kubeZeroDowntime.inlayHints`). */
  inlayHints: HintMode;
  /** Set by the project config (lsp/projectConfig.ts): engine options with no VS Code setting, applied last. */
  lintExtras?: Record<string, unknown>;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  maxFileSizeMB: 16,
  kustomize: true,
  rules: {},
  fixes: {},
  overrideProjectConfig: false,
  inlayHints: 'implicit',
});

/** Turns whatever the client sent (possibly nothing, possibly junk) into valid settings, by the options table. */
export function normalizeSettings(raw: unknown): Settings {
  const result: Settings = {
    enable: DEFAULT_SETTINGS.enable,
    maxFileSizeMB: DEFAULT_SETTINGS.maxFileSizeMB,
    kustomize: DEFAULT_SETTINGS.kustomize,
    rules: {},
    fixes: {},
    overrideProjectConfig: false,
    inlayHints: DEFAULT_SETTINGS.inlayHints,
  };
  if (!isObject(raw)) return result;
  const read = (key: string): unknown =>
    key.split('.').reduce<unknown>((value, part) => (isObject(value) && Object.hasOwn(value, part) ? value[part] : undefined), raw);
  for (const option of allOptions()) {
    const value = validOption(option, read(option.key));
    if (value === undefined) continue;
    const [section, name] = option.key.split('.');
    if (option.key === 'enable' || option.key === 'overrideProjectConfig') result[option.key] = value as boolean;
    else if (option.key === 'maxFileSizeMB') result.maxFileSizeMB = value as number;
    else if (option.key === 'kustomize.enable') result.kustomize = value as boolean;
    else if (option.key === 'inlayHints') result.inlayHints = value as HintMode;
    else if (section === 'fixes') (result.fixes as Record<string, OptionValue>)[name] = value;
    else if (section === 'helm') (result.helm ??= {} as Record<string, OptionValue>)[name as keyof HelmOptions] = value;
    else if (section === 'rules') {
      const severity = toSeveritySetting(value);
      if (severity) result.rules[name] = severity;
    }
  }
  for (const [name, spec] of ruleOptionSpecs()) {
    const value = validOption(spec, read(spec.setting));
    if (value !== undefined) (result.ruleOptions ??= {})[name] = value;
  }
  return result;
}

export function toLintOptions(settings: Settings): LintOptions {
  const options: LintOptions = {
    rules: settings.rules,
    maxTextLength: Math.floor(settings.maxFileSizeMB * 1024 * 1024),
    fixDefaults: settings.fixes,
  };
  const specs = ruleOptionSpecs();
  const ruleOptions = Object.entries(settings.ruleOptions ?? {}).filter(([name, value]) => value !== specs.get(name)?.default);
  if (ruleOptions.length > 0) options.ruleOptions = Object.fromEntries(ruleOptions);
  options.sizeLimitHint = `setting ${SETTINGS_SECTION}.maxFileSizeMB`;
  if (settings.helm) options.helm = settings.helm;
  return settings.lintExtras ? Object.assign(options, settings.lintExtras) : options;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Used when the client cannot answer `workspace/configuration` (filled from didChangeConfiguration). */
  private fallback: Settings = normalizeSettings(undefined);
  /** The project config file's say (lsp/projectConfig.ts), applied on top of the user's settings. */
  private project?: (uri: string, settings: Settings) => Settings;

  constructor(
    private readonly connection: Connection,
    private readonly clientHasConfiguration: () => boolean,
  ) {}

  useProjectConfig(apply: (uri: string, settings: Settings) => Settings): void {
    this.project = apply;
  }

  get(uri: string): Promise<Settings> {
    const user = this.userSettings(uri);
    const project = this.project;
    return project ? user.then((settings) => project(uri, settings)) : user;
  }

  private userSettings(uri: string): Promise<Settings> {
    if (!this.clientHasConfiguration()) return Promise.resolve(this.fallback);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(normalizeSettings, (error: unknown) => {
          this.connection.console.error(`Could not read settings for ${uri}: ${String(error)}; using defaults.`);
          this.cache.delete(uri);
          return normalizeSettings(undefined);
        });
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: everything may have changed. */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    if (isObject(pushedSettings)) this.fallback = normalizeSettings(pushedSettings[SETTINGS_SECTION]);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
