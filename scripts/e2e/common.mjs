// Pieces shared by both launchers (run-headless.mjs, run-desktop.mjs): packaging the .vsix under test and
// judging a run from the summary the suite writes (test/src/e2e/index.ts).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageExtension } from '../package.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION_ID = 'kube-zero-downtime.kube-zero-downtime';
export const TESTS = path.join(ROOT, 'test', 'out', 'e2e', 'index.js');
export const FIXTURES = path.join(ROOT, 'test', 'e2e-workspace');

export function log(msg) {
  process.stderr.write(`[e2e] ${msg}\n`);
}

export function sh(cmd, args, timeoutMs = 180_000) {
  const show = (a) => (a.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, a) : a === process.execPath ? 'node' : a);
  log(`$ ${[cmd, ...args].map(show).join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: timeoutMs });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
}

/** The build the tests need: fails early with a hint instead of a confusing failure inside VS Code. */
export function checkBuilt() {
  for (const f of [TESTS, path.join(ROOT, 'dist', 'extension.js'), path.join(ROOT, 'dist', 'server.js')]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run \`npm run build\` first`);
  }
}

/**
 * Packages the extension as shipped (scripts/package.mjs: production bundles, .vscodeignore allowlist) into dir,
 * then rebuilds the development bundles so dist/ keeps its source maps for debugging.
 */
export function packageVsix(dir) {
  const out = path.join(dir, 'kube-zero-downtime.vsix');
  log(`packaging ${out} (scripts/package.mjs)`);
  try {
    packageExtension(out);
  } finally {
    sh(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs')]);
  }
  log(`packaged ${out} (${(fs.statSync(out).size / 1024).toFixed(1)} KiB)`);
  return out;
}

/**
 * Prints the suite's summary and says whether the run passed: exit code 0, at least one test passed, none
 * failed, and the suite ran in the expected mode.
 */
export function judge(mode, resultsFile, exitCode, seconds, launcher) {
  let summary;
  try {
    summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    summary = undefined;
  }
  console.log(`\n${mode}: integration tests in ${launcher}`);
  if (summary) {
    for (const line of summary.lines) console.log(line);
    console.log(
      `${mode}: ${summary.passes} passing, ${summary.failures} failing, ${summary.pending} pending (exit code ${exitCode}, ${seconds.toFixed(1)}s)`,
    );
  } else {
    console.log(`${mode}: the suite wrote no results (exit code ${exitCode}, ${seconds.toFixed(1)}s)`);
  }
  if (summary && summary.passes === 0 && summary.failures === 0) console.log(`${mode}: no test ran`);
  return exitCode === 0 && summary !== undefined && summary.failures === 0 && summary.passes > 0 && summary.mode === mode;
}
