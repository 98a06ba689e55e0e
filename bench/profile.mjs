// Engine-only CPU profile: where does lintText spend its time on a generated manifest?
//
//   node bench/profile.mjs [--size 20k] [--runs 5] [--what lint|relint|parse] [--top 30]
//
// Re-runs itself under `node --cpu-prof`, writes the .cpuprofile to bench/results/profiles/ (open it in
// Chrome DevTools > Performance, or VS Code) and prints the hottest functions by self time.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateManifest } from './generate.mjs';
import { parseSize } from './generate.mjs';
import { newestProfile, summarizeProfile } from './profile-summary.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROFILES = join(ROOT, 'bench', 'results', 'profiles');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const size = opt('--size', '20k');
const runs = Number(opt('--runs', 5));
const what = opt('--what', 'lint');
const top = Number(opt('--top', 30));

if (!process.env.KZD_PROFILE_CHILD) {
  mkdirSync(PROFILES, { recursive: true });
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${PROFILES}`,
      `--cpu-prof-name=engine-${what}-${size}-${started}.cpuprofile`,
      fileURLToPath(import.meta.url),
      ...argv,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, KZD_PROFILE_CHILD: '1' },
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
  const prof = newestProfile(PROFILES, started);
  if (!prof) {
    console.error('no profile written');
    process.exit(1);
  }
  process.chdir(ROOT);
  console.log(`profile: ${prof}\n${summarizeProfile(prof, top)}`);
} else {
  const require = createRequire(import.meta.url);
  const enginePath = join(ROOT, 'server', 'out', 'engine', 'index.js');
  if (what !== 'parse' && !existsSync(enginePath)) {
    console.error(`${enginePath} not found: run \`npm run build\` first`);
    process.exit(2);
  }
  const { text, lines, documents } = generateManifest(parseSize(size), 42);
  const t0 = performance.now();
  if (what === 'parse') {
    const yaml = require('yaml');
    for (let i = 0; i < runs; i++) yaml.parseAllDocuments(text);
  } else if (what === 'relint') {
    const { Linter } = require(enginePath);
    const linter = new Linter();
    linter.lint(text);
    const ls = text.split('\n');
    const nameLines = ls.map((l, i) => (l.startsWith('  name: ') ? i : -1)).filter((i) => i >= 0);
    for (let i = 0; i < runs * 10; i++) {
      ls[nameLines[Math.floor((((i * 7919) % 1000) / 1000) * nameLines.length)]] += 'x';
      linter.lint(ls.join('\n'));
    }
  } else {
    const { lintText } = require(enginePath);
    for (let i = 0; i < runs; i++) lintText(text);
  }
  console.error(
    `${what} × ${what === 'relint' ? runs * 10 : runs} on ${size} (${lines} lines, ${documents} docs): ${(performance.now() - t0).toFixed(0)} ms`,
  );
}
