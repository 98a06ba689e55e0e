#!/usr/bin/env node
// Runs the integration suite (test/out/e2e, mocha in the extension host) in a real VS Code without a
// desktop or a VS Code download: code-server + Debian Chromium (see workbench.mjs, setup.mjs).
//
//   node scripts/e2e/run-headless.mjs [--mode dev|vsix|both] [--vsix FILE] [--grep PATTERN] [--verbose]
//
//   dev   the extension from the development folder (extensionDevelopmentPath = project root)
//   vsix  the packaged extension: a production .vsix (built here with vsce, unless --vsix FILE is given) is
//         installed with `code-server --install-extension`, and the suite runs against that installed copy
//   both  (default) dev, then vsix
//
// Needs `npm run build` first (test/out/e2e and dist/). Exits 0 only if every mode ran at least one test and
// none failed. Environment: KZD_E2E_TIMEOUT (seconds per mode, default 300), KZD_E2E_KEEP_TMP=1 keeps the
// temp folders.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { FIXTURES, ROOT, TESTS, checkBuilt, judge, log, packageVsix } from './common.mjs';
import { Session, withTimeout } from './workbench.mjs';

const { values: opts } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    vsix: { type: 'string' },
    grep: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!['dev', 'vsix', 'both'].includes(opts.mode)) {
  console.error(`--mode must be dev, vsix or both (got ${opts.mode})`);
  process.exit(2);
}
const TIMEOUT_MS = Number(process.env.KZD_E2E_TIMEOUT ?? 300) * 1000;

const sessions = new Set();
async function disposeAll() {
  await Promise.allSettled([...sessions].map((s) => s.dispose()));
  sessions.clear();
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    disposeAll().finally(() => process.exit(130));
  });
}

async function runMode(mode) {
  const started = Date.now();
  const session = new Session({ verbose: opts.verbose });
  sessions.add(session);
  try {
    const workspace = session.copyWorkspace(FIXTURES);
    const results = path.join(session.tmp, 'results.json');
    const env = { KZD_E2E_MODE: mode, KZD_E2E_RESULTS: results };
    if (opts.grep) env.KZD_E2E_GREP = opts.grep;
    const payload = [];
    if (mode === 'dev') {
      env.KZD_E2E_DEV_PATH = ROOT;
      payload.push(['extensionDevelopmentPath', ROOT]);
    } else {
      const vsix = opts.vsix ? path.resolve(opts.vsix) : packageVsix(session.tmp);
      const installedAt = await session.installExtension(vsix);
      log(`installed ${path.basename(vsix)} -> ${installedAt}`);
      env.KZD_E2E_EXTENSIONS_DIR = session.extensionsDir;
      // VS Code runs extension tests only in extension development mode (it needs a development path); an
      // empty folder gives it one without shadowing the installed extension. 00-extension.test checks that
      // the extension under test is the installed copy.
      const empty = path.join(session.tmp, 'no-development-extension');
      fs.mkdirSync(empty);
      payload.push(['extensionDevelopmentPath', empty]);
    }
    payload.push(['extensionTestsPath', TESTS]);
    await session.startServer(workspace, env);
    const { exit } = await session.openWorkbench(workspace, payload);
    const code = await withTimeout(exit, TIMEOUT_MS, `the ${mode} test run (KZD_E2E_TIMEOUT)`);

    const ok = judge(mode, results, code, (Date.now() - started) / 1000, 'code-server');
    if (!ok && !opts.verbose) {
      const tail = session.serverLog.split('\n').slice(-30).join('\n');
      if (tail.trim()) console.log(`--- code-server log (last lines) ---\n${tail}`);
    }
    return ok;
  } finally {
    await session.dispose();
    sessions.delete(session);
  }
}

async function main() {
  checkBuilt();
  const modes = opts.mode === 'both' ? ['dev', 'vsix'] : [opts.mode];
  let ok = true;
  for (const mode of modes) {
    try {
      if (!(await runMode(mode))) ok = false;
    } catch (err) {
      console.log(`\n${mode}: FAILED: ${err?.stack ?? err}`);
      ok = false;
    }
  }
  return ok;
}

main().then(
  async (ok) => {
    await disposeAll();
    console.log(ok ? '\nintegration tests passed' : '\nintegration tests FAILED');
    process.exit(ok ? 0 : 1);
  },
  async (err) => {
    console.error(`\nintegration tests FAILED: ${err?.stack ?? err}`);
    await disposeAll();
    process.exit(1);
  },
);
