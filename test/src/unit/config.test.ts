// The project config file: validation with positions, ignore globs, precedence, lookup on disk, and the JSON
// schema editors use (current, and agreeing with the parser).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { compileGlob, compileIgnore } from '../../../server/out/engine/config/globs';
import { mergeWithProjectConfig } from '../../../server/out/engine/config/merge';
import { parseConfig, type ProjectConfig } from '../../../server/out/engine/config/projectConfig';
import { renderConfigSchema } from '../../../server/out/engine/config/schema';
import { ConfigResolver, isIgnoredBy, loadConfigFile } from '../../../server/out/io/projectConfig';
import { lintText, RULES } from '../../../server/out/engine';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCHEMA_FILE = path.join(ROOT, 'schemas', 'kube-zero-downtime.schema.json');

function where(text: string): string[] {
  return parseConfig(text).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('config file: validation', () => {
  test('a full valid config', () => {
    const { config, problems } = parseConfig(`# team defaults
rules:
  liveness-probe-missing: off
  readiness-probe-missing: error
  probes-identical: information
  recreate-strategy: info
  prestop-hook-missing: default
options:
  requireCpuLimit: true
ignore:
  - vendor/
  - "*.generated.yaml"
fixes:
  readinessPath: /ready
  livenessPath: /live
  readinessPeriodSeconds: 3
  livenessPeriodSeconds: 20
  livenessInitialDelaySeconds: 0
  preStopSleepSeconds: 15
helm:
  valuesFiles: [values-prod.yaml]
  ciValues: true
`);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      rules: {
        'liveness-probe-missing': 'off',
        'readiness-probe-missing': 'error',
        'probes-identical': 'info',
        'recreate-strategy': 'info',
        'prestop-hook-missing': 'default',
      },
      options: { requireCpuLimit: true },
      ignore: ['vendor/', '*.generated.yaml'],
      fixes: {
        readinessPath: '/ready',
        livenessPath: '/live',
        readinessPeriodSeconds: 3,
        livenessPeriodSeconds: 20,
        livenessInitialDelaySeconds: 0,
        preStopSleepSeconds: 15,
      },
      helm: { valuesFiles: ['values-prod.yaml'], ciValues: true },
    });
  });

  test('empty file, comments only, and empty sections are valid and change nothing', () => {
    for (const text of ['', '# nothing yet\n', 'rules:\nignore:\nfixes:\noptions:\nhelm:\n', '---\n']) {
      assert.deepEqual(
        parseConfig(text),
        { config: { rules: {}, options: {}, ignore: [], fixes: {}, helm: {} }, problems: [] },
        JSON.stringify(text),
      );
    }
  });

  test('unknown rule id (with a suggestion), bad severity, wrong types: line:col of the offending node', () => {
    const text = `rules:
  readiness-probe-misssing: error
  liveness-probe-missing: loud
  probes-identical: 3
options:
  requireCpuLimit: "yes"
  cpuLimit: true
ignore: vendor/
fixes:
  readinessPath: ready
  preStopSleepSeconds: 0
  livenessPeriodSeconds: 2.5
  sleep: 3
extends: base
`;
    assert.deepEqual(where(text), [
      '2:3 unknown rule id "readiness-probe-misssing" (did you mean "readiness-probe-missing"?)',
      '3:27 bad severity "loud" for rule "liveness-probe-missing": use error, warning, information, hint, off or default',
      '4:21 bad severity 3 for rule "probes-identical": use error, warning, information, hint, off or default',
      '6:20 option "requireCpuLimit" must be true or false, not "yes"',
      '7:3 unknown option "cpuLimit"; known options: appShutdownSeconds, requireCpuLimit',
      '8:9 "ignore" must be a list of glob patterns, e.g. ["vendor/**", "*.generated.yaml"]',
      '10:18 "readinessPath" must be an absolute HTTP path such as /readyz, not "ready"',
      '11:24 "preStopSleepSeconds" must be a whole number of seconds in 1..3600, not 0',
      '12:26 "livenessPeriodSeconds" must be a whole number of seconds in 1..3600, not 2.5',
      '13:3 unknown fix value "sleep"; known: readinessPath, livenessPath, readinessPeriodSeconds, livenessPeriodSeconds, livenessInitialDelaySeconds, preStopSleepSeconds',
      '14:1 unknown key "extends"; a config has rules, options, ignore, fixes and helm',
    ]);
    // The valid rest still applies.
    assert.deepEqual(parseConfig(text).config.rules, {});
    assert.deepEqual(parseConfig('rules:\n  nope: off\n  recreate-strategy: off\n').config.rules, { 'recreate-strategy': 'off' });
  });

  test('YAML syntax errors, duplicate keys, a non-mapping root, bad sections and patterns never throw', () => {
    assert.match(where('rules:\n  a: [unclosed\n')[0], /^\d+:\d+ YAML syntax error: /);
    assert.match(where('rules:\n  recreate-strategy: off\n  recreate-strategy: error\n')[0], /^3:3 YAML syntax error: .*unique/i);
    assert.deepEqual(where('- rules\n'), ['1:1 the config must be a mapping with the keys rules, options, ignore, fixes and helm']);
    assert.deepEqual(where('rules: [a, b]\n'), ['1:8 "rules" must be a mapping (key: value lines), not a list']);
    assert.deepEqual(where('ignore:\n  - ""\n  - 3\n  - "a{b"\n  - "x\\\\y"\n'), [
      '2:5 ignore patterns must be non-empty strings, not ""',
      '3:5 ignore patterns must be non-empty strings, not 3',
      '4:5 bad ignore pattern "a{b": unbalanced {',
      '5:5 bad ignore pattern "x\\y": use / as the path separator (backslashes are not supported)',
    ]);
    for (const junk of ['\u0000\u0001', '{{ .Values }}', '*alias', '!!binary x', 'a: &x\n  b: *x\n', ':', '[', 'rules: *nope']) {
      assert.doesNotThrow(() => parseConfig(junk), junk);
    }
  });

  test('columns count UTF-16 code units, lines are 1-based', () => {
    assert.deepEqual(where('# é𝄞\nrules:\n  "𝄞": off\n'), ['3:3 unknown rule id "𝄞"']);
    assert.deepEqual(where('rules: {recreate-strategy: off, "x𝄞": warning}'), ['1:33 unknown rule id "x𝄞"']);
  });
});

describe('config file: ignore globs', () => {
  const ignored = (patterns: string[], file: string): boolean => compileIgnore(patterns)(file);

  test('a pattern without a slash matches a name at any depth; with a slash it is anchored', () => {
    assert.ok(ignored(['*.generated.yaml'], 'a.generated.yaml'));
    assert.ok(ignored(['*.generated.yaml'], 'deep/er/a.generated.yaml'));
    assert.ok(!ignored(['*.generated.yaml'], 'a.yaml'));
    assert.ok(ignored(['vendor'], 'x/vendor/a.yaml'), 'a folder name ignores what is in it');
    assert.ok(ignored(['deploy/legacy/**'], 'deploy/legacy/a/b.yaml'));
    assert.ok(!ignored(['deploy/legacy/**'], 'other/deploy/legacy/b.yaml'));
    assert.ok(ignored(['/top.yaml'], 'top.yaml'));
    assert.ok(!ignored(['/top.yaml'], 'sub/top.yaml'));
  });

  test('trailing slash: folders only; **, ?, {a,b} and [..]', () => {
    assert.ok(ignored(['vendor/'], 'vendor/a.yaml'));
    assert.ok(!ignored(['vendor/'], 'vendor'), 'a file named vendor is not a folder');
    assert.ok(ignored(['**/tmp/*.yaml'], 'a/b/tmp/x.yaml'));
    assert.ok(ignored(['**/tmp/*.yaml'], 'tmp/x.yaml'));
    assert.ok(!ignored(['**/tmp/*.yaml'], 'tmp/deeper/x.yaml'));
    assert.ok(ignored(['app?.yaml'], 'app1.yaml') && !ignored(['app?.yaml'], 'app10.yaml'));
    assert.ok(ignored(['*.{yml,json}'], 'a.yml') && ignored(['*.{yml,json}'], 'a.json') && !ignored(['*.{yml,json}'], 'a.yaml'));
    assert.ok(ignored(['env-[ab].yaml'], 'env-a.yaml') && !ignored(['env-[ab].yaml'], 'env-c.yaml'));
    assert.ok(ignored(['env-[!ab].yaml'], 'env-c.yaml') && !ignored(['env-[!ab].yaml'], 'env-a.yaml'));
    assert.ok(ignored(['a.b+c(d).yaml'], 'a.b+c(d).yaml') && !ignored(['a.b+c(d).yaml'], 'aXb+c(d).yaml'), 'regex characters are literal');
  });

  test('nothing outside the config folder is ignored', () => {
    assert.ok(!ignored(['**'], '../elsewhere/a.yaml'));
    assert.ok(!ignored(['*.yaml'], ''));
  });

  test('patterns that make a regular expression backtrack exponentially match in linear steps', { timeout: 10_000 }, () => {
    // With the former regex translation, 12 stars took 2 s on a 28-character path and each star doubled it.
    const stars = `${'*a'.repeat(40)}*b`;
    const path = 'a'.repeat(200);
    assert.equal(compileIgnore([stars])(path), false);
    assert.equal(compileGlob(stars)(path), false);
    assert.equal(compileGlob(stars)(`${path}b`), true);
    assert.equal(compileIgnore(['{a,b}{c,d}{e,f}/**'])('bdf/x/y.yaml'), true);
  });

  test('command-line globs match whole paths', () => {
    assert.ok(compileGlob('deploy/**/*.yaml')('deploy/a/b/c.yaml'));
    assert.ok(compileGlob('deploy/**/*.yaml')('deploy/c.yaml'));
    assert.ok(!compileGlob('deploy/*.yaml')('deploy/a/c.yaml'));
    assert.ok(compileGlob('./*.yaml')('c.yaml'));
  });
});

describe('config file: precedence (config first, then the user)', () => {
  const config = (rules: ProjectConfig['rules'], extra: Partial<ProjectConfig> = {}): ProjectConfig => ({
    rules,
    options: {},
    ignore: [],
    fixes: {},
    helm: {},
    ...extra,
  });

  test('the config sets what the user did not; the user keeps rules the config does not mention', () => {
    const { options, ignoredLoosenings } = mergeWithProjectConfig(
      { rules: { 'recreate-strategy': 'hint' } },
      config({ 'liveness-probe-missing': 'off' }),
      false,
    );
    assert.deepEqual(options.rules, { 'recreate-strategy': 'hint', 'liveness-probe-missing': 'off' });
    assert.deepEqual(ignoredLoosenings, []);
  });

  test('a user setting may tighten (or turn a rule back on) but not loosen, unless override', () => {
    const project = config({ 'readiness-probe-missing': 'warning', 'liveness-probe-missing': 'off', 'recreate-strategy': 'error' });
    const user = {
      rules: { 'readiness-probe-missing': 'off', 'liveness-probe-missing': 'warning', 'recreate-strategy': 'default' } as const,
    };
    const strict = mergeWithProjectConfig(user, project, false);
    assert.deepEqual(strict.options.rules, {
      'readiness-probe-missing': 'warning',
      'liveness-probe-missing': 'warning',
      'recreate-strategy': 'error',
    });
    assert.deepEqual(strict.ignoredLoosenings, [{ ruleId: 'readiness-probe-missing', user: 'off', project: 'warning' }]);
    const overridden = mergeWithProjectConfig(user, project, true);
    assert.deepEqual(overridden.options.rules, {
      'readiness-probe-missing': 'off',
      'liveness-probe-missing': 'warning',
      'recreate-strategy': 'error',
    });
    assert.deepEqual(overridden.ignoredLoosenings, []);
  });

  test("'default' compares as the rule's own severity", () => {
    const merged = mergeWithProjectConfig(
      { rules: { 'grace-period-too-short': 'warning' } },
      config({ 'grace-period-too-short': 'default' }),
      false,
    );
    assert.deepEqual(
      merged.options.rules,
      { 'grace-period-too-short': 'warning' },
      "a config 'default' is the same as not mentioning the rule",
    );
    const lowered = mergeWithProjectConfig(
      { rules: { 'liveness-probe-missing': 'default' } },
      config({ 'liveness-probe-missing': 'hint' }),
      false,
    );
    assert.deepEqual(lowered.options.rules, { 'liveness-probe-missing': 'hint' }, "an unset ('default') user setting takes the config's");
  });

  test('helm: the config wins; with override, the user values that differ from the defaults', () => {
    const project = config({}, { helm: { valuesFiles: ['values-prod.yaml'], ciValues: true } });
    const user = { helm: { valuesFiles: ['values-dev.yaml'], ciValues: false, enable: true } };
    assert.deepEqual(mergeWithProjectConfig(user, project, false).options.helm, {
      valuesFiles: ['values-prod.yaml'],
      ciValues: true,
      enable: true,
    });
    assert.deepEqual(mergeWithProjectConfig(user, project, true).options.helm, {
      valuesFiles: ['values-dev.yaml'],
      ciValues: true,
      enable: true,
    });
    assert.equal(mergeWithProjectConfig({}, config({}), false).options.helm, undefined);
  });

  test('fix values and rule options: the config wins; with override, the user values that differ from the defaults', () => {
    const project = config({}, { fixes: { readinessPath: '/ready', preStopSleepSeconds: 20 }, options: { requireCpuLimit: true } });
    const user = {
      fixDefaults: { readinessPath: '/readyz', livenessPath: '/alive', preStopSleepSeconds: 5 },
      ruleOptions: { requireCpuLimit: false },
    };
    const strict = mergeWithProjectConfig(user, project, false).options;
    assert.deepEqual(strict.fixDefaults, { readinessPath: '/ready', livenessPath: '/alive', preStopSleepSeconds: 20 });
    assert.deepEqual((strict as { ruleOptions?: unknown }).ruleOptions, { requireCpuLimit: true });
    const overridden = mergeWithProjectConfig(user, project, true).options;
    assert.deepEqual(
      overridden.fixDefaults,
      { readinessPath: '/ready', livenessPath: '/alive', preStopSleepSeconds: 5 },
      '/readyz is the built-in default: not a user choice',
    );
    assert.deepEqual((overridden as { ruleOptions?: unknown }).ruleOptions, { requireCpuLimit: false });
  });

  test('the merged options drive the engine', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'web-deployment.yaml'), 'utf8');
    const before = lintText(text).findings.map((f) => f.ruleId);
    assert.ok(before.includes('readiness-probe-missing'));
    const merged = mergeWithProjectConfig(
      {},
      parseConfig('rules:\n  readiness-probe-missing: off\n  prestop-hook-missing: error\n').config,
      false,
    );
    const after = lintText(text, merged.options).findings;
    assert.ok(!after.some((f) => f.ruleId === 'readiness-probe-missing'));
    assert.ok(after.filter((f) => f.ruleId === 'prestop-hook-missing').every((f) => f.severity === 'error'));
  });
});

describe('config file: lookup on disk', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const tree = (files: Record<string, string>): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-config-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };

  test('the nearest config upwards wins; .yaml before .yml; the walk stops at .git and at workspace roots', () => {
    const dir = tree({
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/.kube-zero-downtime.yml': 'rules: {recreate-strategy: off}\n',
      'repo/.kube-zero-downtime.yaml': 'rules: {recreate-strategy: error}\n',
      'repo/apps/web/deploy.yaml': '',
      'repo/apps/api/.kube-zero-downtime.yml': 'rules: {recreate-strategy: hint}\n',
      'repo/apps/api/deep/deploy.yaml': '',
      'outer/.kube-zero-downtime.yaml': 'rules: {recreate-strategy: warning}\n',
      'outer/ws/inner/deploy.yaml': '',
      'outer/repo2/.git/HEAD': '',
      'outer/repo2/deploy.yaml': '',
    });
    const resolver = new ConfigResolver({ roots: [path.join(dir, 'outer', 'ws')] });
    assert.equal(resolver.forFile(path.join(dir, 'repo/apps/web/deploy.yaml'))?.file, path.join(dir, 'repo/.kube-zero-downtime.yaml'));
    assert.equal(resolver.forFile(path.join(dir, 'repo/apps/api/deep/deploy.yaml'))?.config.rules['recreate-strategy'], 'hint');
    assert.equal(resolver.forFile(path.join(dir, 'outer/ws/inner/deploy.yaml')), undefined, 'stops at the workspace folder');
    assert.equal(resolver.forFile(path.join(dir, 'outer/repo2/deploy.yaml')), undefined, 'stops at the repository root');
    assert.equal(
      new ConfigResolver().forFile(path.join(dir, 'outer/ws/inner/deploy.yaml'))?.config.rules['recreate-strategy'],
      'warning',
      'no workspace root: up to the file system root',
    );
  });

  test('cached per folder until cleared', () => {
    const dir = tree({ '.git/HEAD': '', 'a/x.yaml': '' });
    const resolver = new ConfigResolver();
    assert.equal(resolver.forFile(path.join(dir, 'a/x.yaml')), undefined);
    fs.writeFileSync(path.join(dir, '.kube-zero-downtime.yaml'), 'rules: {recreate-strategy: off}\n');
    assert.equal(resolver.forFile(path.join(dir, 'a/x.yaml')), undefined, 'cached');
    resolver.clear();
    assert.equal(resolver.forFile(path.join(dir, 'a/x.yaml'))?.config.rules['recreate-strategy'], 'off');
  });

  test('ignore patterns are relative to the config file; a missing file is a problem, not a crash', () => {
    const dir = tree({ '.kube-zero-downtime.yaml': 'ignore: [legacy/, "*.gen.yaml"]\n' });
    const loaded = loadConfigFile(path.join(dir, '.kube-zero-downtime.yaml'));
    assert.ok(isIgnoredBy(loaded, path.join(dir, 'legacy', 'a.yaml')));
    assert.ok(isIgnoredBy(loaded, path.join(dir, 'x', 'b.gen.yaml')));
    assert.ok(!isIgnoredBy(loaded, path.join(dir, 'x', 'b.yaml')));
    assert.ok(!isIgnoredBy(loaded, path.join(path.dirname(dir), 'legacy', 'a.yaml')));
    const missing = loadConfigFile(path.join(dir, 'nope.yaml'));
    assert.deepEqual(
      missing.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      ['1:1 cannot read the config file: no such file'],
    );
  });
});

describe('config file: JSON schema', () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

  test('schemas/kube-zero-downtime.schema.json is current (npm run docs)', () => {
    assert.deepEqual(schema, renderConfigSchema(), 'schema is stale: run npm run docs');
  });

  test('lists every rule id', () => {
    const rules = (schema.properties as { rules: { properties: Record<string, unknown> } }).rules.properties;
    assert.deepEqual(Object.keys(rules).sort(), RULES.map((rule) => rule.meta.id).sort());
  });

  test('accepts what the parser accepts and rejects what it rejects', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const samples = [
      '',
      'rules:\n  liveness-probe-missing: off\n  readiness-probe-missing: information\n',
      'rules:\n  nope: off\n',
      'rules:\n  liveness-probe-missing: loud\n',
      'options:\n  requireCpuLimit: true\n',
      'options:\n  requireCpuLimit: 1\n',
      'options:\n  other: true\n',
      'ignore: [vendor/, "*.gen.yaml"]\n',
      'ignore: vendor/\n',
      'ignore: [""]\n',
      'fixes:\n  readinessPath: /ready\n  preStopSleepSeconds: 15\n',
      'fixes:\n  readinessPath: ready\n',
      'fixes:\n  preStopSleepSeconds: 0\n',
      'fixes:\n  preStopSleepSeconds: 1.5\n',
      'fixes:\n  nope: 1\n',
      'extends: x\n',
      'rules:\n',
    ];
    for (const text of samples) {
      const { problems } = parseConfig(text);
      const data = parseDocument(text).toJS() ?? null;
      assert.equal(
        validate(data),
        problems.length === 0,
        `${JSON.stringify(text)}: schema ${JSON.stringify(validate.errors)} vs parser ${JSON.stringify(problems)}`,
      );
    }
  });

  test('package.json associates the schema with the config file names; the .vsix ships it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { yamlValidation: { fileMatch: string[]; url: string }[] };
    };
    assert.deepEqual(pkg.contributes.yamlValidation, [
      { fileMatch: ['.kube-zero-downtime.yaml', '.kube-zero-downtime.yml'], url: './schemas/kube-zero-downtime.schema.json' },
    ]);
    const vscodeignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(vscodeignore.includes('!schemas/**'), '.vscodeignore allowlists schemas/');
  });
});
