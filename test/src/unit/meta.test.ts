// Catalogue invariants: every rule is a complete, self-describing unit, and everything generated from the
// rules (docs pages, README section, VS Code settings) is current.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { RULES, RULE_IDS, docsUrl, getRule } from '../../../server/out/engine';
import { renderReadmeRules, renderRuleDoc } from '../../../server/out/engine/catalog/docs';
import { renderConfiguration, renderReadmeSettings } from '../../../server/out/engine/config/optionTable';

const root = path.resolve(__dirname, '../../..');

describe('rule catalogue', () => {
  test('ids are unique, kebab-case, and name the rule file', () => {
    assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
    for (const id of RULE_IDS) {
      assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/);
      assert.ok(fs.existsSync(path.join(root, 'server/src/engine/rules', `${id}.ts`)), `server/src/engine/rules/${id}.ts`);
      assert.equal(getRule(id)?.meta.id, id);
      assert.match(docsUrl(id), /^https:\/\/.+\/docs\/rules\/[a-z-]+\.md$/);
    }
    const files = fs.readdirSync(path.join(root, 'server/src/engine/rules')).map((f) => f.replace(/\.ts$/, ''));
    assert.deepEqual(files.sort(), [...RULE_IDS].sort(), 'every rule file is registered');
  });

  test('metadata is complete', () => {
    for (const { meta } of RULES) {
      assert.ok(['error', 'warning', 'info', 'hint'].includes(meta.severity), meta.id);
      for (const field of [
        meta.title,
        meta.rationale,
        meta.appliesTo,
        meta.docs.why,
        meta.docs.bad,
        meta.docs.good,
        meta.docs.howToFix,
        meta.docs.severityReason,
      ]) {
        assert.ok(field.trim().length > 0, `${meta.id}: empty metadata field`);
      }
      assert.match(meta.docs.howToFix, /[.)]$/, `${meta.id}: howToFix is a sentence`);
      assert.match(meta.rationale, /\.$/, `${meta.id}: rationale is a sentence`);
    }
  });

  test('docs pages are generated from the metadata and current (npm run docs)', () => {
    for (const { meta } of RULES) {
      const page = path.join(root, 'docs/rules', `${meta.id}.md`);
      assert.ok(fs.existsSync(page), `missing ${page}: run npm run docs`);
      assert.equal(fs.readFileSync(page, 'utf8'), renderRuleDoc(meta), `${page} is stale: run npm run docs`);
    }
    const pages = fs.readdirSync(path.join(root, 'docs/rules'));
    assert.deepEqual(pages.sort(), RULE_IDS.map((id) => `${id}.md`).sort());
  });

  test('the README rules section is current (npm run docs)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- rules:start -->') + '<!-- rules:start -->'.length,
      readme.indexOf('<!-- rules:end -->'),
    );
    assert.equal(section.trim(), renderReadmeRules().trim(), 'README rules section is stale: run npm run docs');
  });

  test('package.json contributes one severity setting per rule, and no stale ones', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const properties = pkg.contributes.configuration.properties as Record<string, { enum?: string[]; default?: string }>;
    const ruleSettings = Object.keys(properties)
      .filter((key) => key.startsWith('kubeZeroDowntime.rules.'))
      .map((key) => key.slice('kubeZeroDowntime.rules.'.length));
    assert.deepEqual(ruleSettings.sort(), [...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      assert.deepEqual(properties[`kubeZeroDowntime.rules.${id}`].enum, ['default', 'error', 'warning', 'information', 'hint', 'off']);
    }
  });

  test('the README settings section is current (npm run docs)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- settings:start -->') + '<!-- settings:start -->'.length,
      readme.indexOf('<!-- settings:end -->'),
    );
    assert.equal(section.trim(), renderReadmeSettings().trim(), 'README settings section is stale: run npm run docs');
  });

  test('package.json contributes.configuration is generated from the options table (npm run docs)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.configuration, renderConfiguration(), 'settings are stale: run npm run docs');
  });

  test('the engine stays editor- and host-independent', () => {
    const engineDir = path.join(root, 'server/src/engine');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          walk(full);
        } else if (entry.name.endsWith('.ts')) {
          files.push(full);
        }
      }
    };
    walk(engineDir);
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(
        source,
        /from '(vscode|vscode-languageserver[^']*|vscode-languageclient[^']*|node:[^']+|fs|path|child_process)'/,
        file,
      );
      assert.doesNotMatch(source, /\b(console|process)\./, file);
    }
  });
});
