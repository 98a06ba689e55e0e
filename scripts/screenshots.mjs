#!/usr/bin/env node
// Regenerates the README's screenshots from a real VS Code (code-server + headless Chromium, the headless
// e2e launcher's machinery): an example manifest with its squiggles and the Problems panel open
// (docs/images/diagnostics.png), the Quick Fix menu open on a finding (docs/images/quick-fix.png), its inlay
// hints (docs/images/inlay-hints.png), the hover on its replicas (docs/images/hover.png), and the rollout
// timeline panel of that manifest's Deployment (docs/images/rollout-timeline.png).
// The extension-host half is test/src/e2e/screenshots.ts; it sets the scene, this script takes the picture.
//
//   npm run screenshots            (builds first)
//   node scripts/screenshots.mjs [--file web-deployment.yaml] [--finding readiness-probe-missing] [--verbose]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, checkBuilt, log } from './e2e/common.mjs';
import { Session, withTimeout } from './e2e/workbench.mjs';

const { values: opts } = parseArgs({
  options: {
    file: { type: 'string', default: 'web-deployment.yaml' },
    finding: { type: 'string', default: 'readiness-probe-missing' },
    out: { type: 'string', default: path.join(ROOT, 'docs', 'images') },
    verbose: { type: 'boolean', default: false },
  },
});
const DRIVER = path.join(ROOT, 'test', 'out', 'e2e', 'screenshots.js');
const STEP_TIMEOUT_MS = 90_000;

function waitForFile(file) {
  return withTimeout(
    new Promise((resolve) => {
      const watcher = fs.watch(path.dirname(file), () => check());
      const check = () => {
        if (!fs.existsSync(file)) return;
        watcher.close();
        resolve(JSON.parse(fs.readFileSync(file, 'utf8') || '{}'));
      };
      check();
    }),
    STEP_TIMEOUT_MS,
    `the workbench to reach ${path.basename(file, '.ready')}`,
  );
}

async function shoot(page, name) {
  const file = path.join(opts.out, `${name}.png`);
  // Let the caret stop blinking into a half state and fonts settle: wait for two animation frames.
  await page.evaluate(() => new Promise((r) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(r))));
  // Below the title bar: in code-server it says "[Extension Development Host] … - code-server", which is
  // not what a user's VS Code shows.
  const title = await page.locator('.part.titlebar').boundingBox();
  const top = title ? Math.ceil(title.y + title.height) : 0;
  const { width, height } = page.viewportSize();
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide', clip: { x: 0, y: top, width, height: height - top } });
  log(`wrote ${path.relative(ROOT, file)}`);
}

async function main() {
  checkBuilt();
  if (!fs.existsSync(DRIVER)) throw new Error(`${path.relative(ROOT, DRIVER)} is missing: run \`npm run build\` first`);
  fs.mkdirSync(opts.out, { recursive: true });
  const session = new Session({ verbose: opts.verbose });
  const stop = () => session.dispose().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const workspace = session.copyWorkspace(path.join(ROOT, 'examples'), 'examples');
    const shots = path.join(session.tmp, 'shots');
    fs.mkdirSync(shots);
    await session.startServer(workspace, { KZD_SHOT_DIR: shots, KZD_SHOT_FILE: opts.file, KZD_SHOT_FINDING: opts.finding });
    const { page, exit } = await session.openWorkbench(
      workspace,
      [
        ['extensionDevelopmentPath', ROOT],
        ['extensionTestsPath', DRIVER],
      ],
      { viewport: { width: 1280, height: 800 } },
    );
    const failed = exit.then((code) => {
      throw new Error(`the workbench driver ended early (exit code ${code}); run with --verbose`);
    });
    const ready = (name) => Promise.race([waitForFile(path.join(shots, `${name}.ready`)), failed]);
    const done = (name) => fs.writeFileSync(path.join(shots, `${name}.done`), '');

    await ready('diagnostics');
    await page
      .locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error')
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    await shoot(page, 'diagnostics');
    done('diagnostics');

    const info = await ready('quick-fix');
    if (info.skip) {
      log(`no quick-fix screenshot: ${info.skip}`);
    } else {
      await page.locator('.action-widget').first().waitFor({ state: 'visible', timeout: 30_000 });
      await shoot(page, 'quick-fix');
      await page.keyboard.press('Escape');
      await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 30_000 });
    }
    done('quick-fix');

    const hints = await ready('inlay-hints');
    if (hints.skip) {
      log(`no inlay hints screenshot: ${hints.skip}`);
    } else {
      // Inlay hints are text injected into the editor's lines.
      await page.locator('.monaco-editor .view-lines', { hasText: hints.label }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await shoot(page, 'inlay-hints');
    }
    done('inlay-hints');

    const hover = await ready('hover');
    if (hover.skip) {
      log(`no hover screenshot: ${hover.skip}`);
    } else {
      await page.locator('.monaco-hover', { hasText: 'Rolling update' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await shoot(page, 'hover');
    }
    done('hover');

    const timeline = await ready('rollout-timeline');
    if (timeline.skip) {
      log(`no rollout timeline screenshot: ${timeline.skip}`);
    } else {
      // The webview's page sits two frames deep (the workbench's webview frame, then its active frame).
      const view = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
      await view.locator('svg.kzd-timeline').waitFor({ state: 'visible', timeout: 30_000 });
      await shoot(page, 'rollout-timeline');
    }
    done('rollout-timeline');
    const code = await withTimeout(exit, 60_000, 'the workbench driver to finish');
    if (code !== 0) throw new Error(`the workbench driver failed (exit code ${code})`);
  } finally {
    await session.dispose();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`screenshots FAILED: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
