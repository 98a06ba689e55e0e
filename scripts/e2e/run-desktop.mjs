#!/usr/bin/env node
// Runs the integration suite (test/out/e2e) in VS Code desktop through @vscode/test-electron, for machines
// that can download VS Code. Same suite, same modes as run-headless.mjs:
//
//   node scripts/e2e/run-desktop.mjs [--mode dev|vsix|both] [--vsix FILE] [--vscode-version stable|1.91.0|...] [--grep PATTERN]
//
// On Linux without a display it re-runs itself under xvfb-run (Debian/Ubuntu: apt-get install xvfb).
// Needs `npm run build` first. Exits 0 only if every mode ran at least one test and none failed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import testElectron from '@vscode/test-electron';
import { EXTENSION_ID, FIXTURES, ROOT, TESTS, checkBuilt, judge, log, packageVsix } from './common.mjs';

const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = testElectron;

const { values: opts } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    vsix: { type: 'string' },
    grep: { type: 'string' },
    'vscode-version': { type: 'string', default: 'stable' },
  },
});
if (!['dev', 'vsix', 'both'].includes(opts.mode)) {
  console.error(`--mode must be dev, vsix or both (got ${opts.mode})`);
  process.exit(2);
}

// VS Code desktop needs a display; provide a virtual one on a headless Linux machine.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !process.env.KZD_E2E_UNDER_XVFB) {
  const which = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.error('No display and no xvfb-run: install xvfb (apt-get install xvfb) or set DISPLAY.');
    process.exit(1);
  }
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1440x900x24', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, KZD_E2E_UNDER_XVFB: '1' },
  });
  process.exit(r.status ?? 1);
}

async function runMode(mode, vscodeExecutablePath) {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-e2e-desktop-'));
  try {
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(FIXTURES, workspace, { recursive: true });
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    const results = path.join(tmp, 'results.json');
    const env = { KZD_E2E_MODE: mode, KZD_E2E_RESULTS: results };
    if (opts.grep) env.KZD_E2E_GREP = opts.grep;

    let extensionDevelopmentPath;
    if (mode === 'dev') {
      extensionDevelopmentPath = ROOT;
      env.KZD_E2E_DEV_PATH = ROOT;
    } else {
      const vsix = opts.vsix ? path.resolve(opts.vsix) : packageVsix(tmp);
      const [cli] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
      const r = spawnSync(cli, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
        encoding: 'utf8',
        shell: process.platform === 'win32',
        timeout: 120_000,
      });
      if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}${r.stderr}`);
      if (!fs.readdirSync(extensionsDir).some((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`))) {
        throw new Error(`${EXTENSION_ID} not in ${extensionsDir} after install:\n${r.stdout}${r.stderr}`);
      }
      env.KZD_E2E_EXTENSIONS_DIR = extensionsDir;
      // VS Code runs extension tests only with a development path; an empty one shadows nothing, so the
      // installed copy is the one under test (00-extension.test checks it).
      extensionDevelopmentPath = path.join(tmp, 'no-development-extension');
      fs.mkdirSync(extensionDevelopmentPath);
    }

    let code = 0;
    try {
      code = await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath,
        extensionTestsPath: TESTS,
        extensionTestsEnv: env,
        launchArgs: [workspace, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry'],
      });
    } catch (err) {
      code = typeof err?.code === 'number' ? err.code : 1;
    }
    return judge(mode, results, code, (Date.now() - started) / 1000, `VS Code ${opts['vscode-version']} (desktop)`);
  } finally {
    if (!process.env.KZD_E2E_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  checkBuilt();
  const vscodeExecutablePath = await downloadAndUnzipVSCode(opts['vscode-version']);
  log(`VS Code ${opts['vscode-version']}: ${vscodeExecutablePath}`);
  const modes = opts.mode === 'both' ? ['dev', 'vsix'] : [opts.mode];
  let ok = true;
  for (const mode of modes) {
    try {
      if (!(await runMode(mode, vscodeExecutablePath))) ok = false;
    } catch (err) {
      console.log(`\n${mode}: FAILED: ${err?.stack ?? err}`);
      ok = false;
    }
  }
  return ok;
}

main().then(
  (ok) => {
    console.log(ok ? '\nintegration tests passed' : '\nintegration tests FAILED');
    process.exit(ok ? 0 : 1);
  },
  (err) => {
    console.error(`\nintegration tests FAILED: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
