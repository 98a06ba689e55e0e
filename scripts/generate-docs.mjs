// Writes docs/rules/<id>.md and the README's rules section from the rule metadata, and package.json's
// contributes.configuration from the options table (server/src/engine/config/optionTable.ts).
// Run after `tsc -b` (npm run docs does both). test/src/unit/meta.test.ts fails when these are stale.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { RULES } = require(join(root, 'server/out/engine/catalog/registry.js'));
const { renderRuleDoc, renderReadmeRules } = require(join(root, 'server/out/engine/catalog/docs.js'));
const { renderConfiguration, renderReadmeSettings } = require(join(root, 'server/out/engine/config/optionTable.js'));

const docsDir = join(root, 'docs/rules');
mkdirSync(docsDir, { recursive: true });
const wanted = new Set(RULES.map((rule) => `${rule.meta.id}.md`));
for (const file of readdirSync(docsDir)) {
  if (!wanted.has(file)) {
    rmSync(join(docsDir, file));
  }
}
for (const rule of RULES) {
  writeFileSync(join(docsDir, `${rule.meta.id}.md`), renderRuleDoc(rule.meta));
}

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) {
  throw new Error(`README.md needs the markers ${start} and ${end}`);
}
let updated = `${readme.slice(0, from + start.length)}\n${renderReadmeRules()}\n${readme.slice(to)}`;
const settingsStart = '<!-- settings:start -->';
const settingsEnd = '<!-- settings:end -->';
const sFrom = updated.indexOf(settingsStart);
const sTo = updated.indexOf(settingsEnd);
if (sFrom < 0 || sTo < sFrom) {
  throw new Error(`README.md needs the markers ${settingsStart} and ${settingsEnd}`);
}
updated = `${updated.slice(0, sFrom + settingsStart.length)}\n${renderReadmeSettings()}\n${updated.slice(sTo)}`;
writeFileSync(readmePath, updated);
console.log(`wrote ${RULES.length} rule pages and the README rules section`);

const packagePath = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(packagePath, 'utf8'));
pkg.contributes.configuration = renderConfiguration();
writeFileSync(packagePath, `${JSON.stringify(pkg, null, 2)}\n`);
console.log('wrote package.json contributes.configuration from the options table');
