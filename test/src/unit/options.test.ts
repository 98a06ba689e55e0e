// The one table of options (engine/config/options.ts, optionTable.ts): the VS Code settings, the config file and
// the command line accept exactly the same values, Kubernetes' own minimums hold everywhere, and keys that are
// names of JavaScript built-ins are ordinary (unknown) keys.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allOptions } from '../../../server/out/engine/config/optionTable';
import { parseOptionText, validOption } from '../../../server/out/engine/config/options';
import { parseConfig } from '../../../server/out/engine/config/projectConfig';
import { normalizeSettings } from '../../../server/out/lsp/settings';

/** Values to try on every option: a sample of right and wrong ones for each type. */
const TRIES: unknown[] = [true, false, 0, 1, 2.5, -3, 16, 3600, 3601, '/ready', 'ready', '/with space', '', 'warning', 'loud', null];

describe('options table', () => {
  it('periodSeconds of an added probe is at least 1 everywhere (Kubernetes rejects 0)', () => {
    assert.equal(normalizeSettings({ fixes: { readinessPeriodSeconds: 0 } }).fixes.readinessPeriodSeconds, undefined);
    assert.equal(normalizeSettings({ fixes: { readinessPeriodSeconds: 1 } }).fixes.readinessPeriodSeconds, 1);
    assert.match(parseConfig('fixes:\n  readinessPeriodSeconds: 0\n').problems[0]?.message ?? '', /whole number of seconds in 1\.\.3600/);
  });

  it('settings and the config file accept the same values for every fix value and rule option', () => {
    for (const option of allOptions().filter((o) => o.config?.startsWith('fixes.') || o.config?.startsWith('options.'))) {
      const [section, name] = option.config!.split('.');
      for (const value of TRIES) {
        const settings: Record<string, unknown> = {};
        let at = settings;
        const parts = option.key.split('.');
        parts.slice(0, -1).forEach((part) => (at = (at[part] = {}) as Record<string, unknown>));
        at[parts[parts.length - 1]] = value;
        const normalized = normalizeSettings(settings);
        const fromSettings = section === 'fixes' ? (normalized.fixes as Record<string, unknown>)[name] : normalized.ruleOptions?.[name];
        const config = parseConfig(`${section}:\n  ${name}: ${JSON.stringify(value)}\n`);
        const fromConfig = section === 'fixes' ? (config.config.fixes as Record<string, unknown>)[name] : config.config.options[name];
        assert.equal(fromSettings, fromConfig, `${option.key} = ${JSON.stringify(value)}: settings and config disagree`);
        assert.equal(fromSettings, validOption(option, value));
      }
    }
  });

  it('the command line reads values as the table says', () => {
    const requireCpuLimit = allOptions().find((o) => o.config === 'options.requireCpuLimit')!;
    assert.equal(parseOptionText(requireCpuLimit, 'true'), true);
    assert.equal(parseOptionText(requireCpuLimit, 'yes'), undefined);
    const period = allOptions().find((o) => o.key === 'fixes.readinessPeriodSeconds')!;
    assert.equal(parseOptionText(period, '15'), 15);
    assert.equal(parseOptionText(period, '0'), undefined);
  });

  it('keys named like JavaScript built-ins are unknown keys, never inherited properties', () => {
    const { problems, config } = parseConfig(
      'rules:\n  constructor: off\n  __proto__: off\noptions:\n  toString: true\n  constructor: true\nfixes:\n  constructor: 1\n  hasOwnProperty: 2\n',
    );
    assert.deepEqual(
      problems.map((p) => p.message.replace(/ \(did you mean.*\)/, '').replace(/;.*/, '')),
      [
        'unknown rule id "constructor"',
        'unknown rule id "__proto__"',
        'unknown option "toString"',
        'unknown option "constructor"',
        'unknown fix value "constructor"',
        'unknown fix value "hasOwnProperty"',
      ],
    );
    assert.deepEqual([Object.keys(config.rules), Object.keys(config.options), Object.keys(config.fixes)], [[], [], []]);
    const settings = normalizeSettings({ fixes: { constructor: 1 }, rules: { constructor: 'off' }, resources: { constructor: true } });
    assert.deepEqual([settings.fixes, settings.rules, settings.ruleOptions], [{}, {}, undefined]);
  });
});
