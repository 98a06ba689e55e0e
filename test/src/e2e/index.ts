// Entry point of the integration suite, loaded by VS Code's extension host (extensionTestsPath), the
// @vscode/test-electron convention: run() resolves when every test passed, rejects otherwise. Both launchers
// (scripts/e2e/run-headless.mjs, scripts/e2e/run-desktop.mjs) load this same module.
//
// Besides mocha's exit status, a summary is written to $KZD_E2E_RESULTS (when set) so the launcher can check
// the counts itself: a run in which no test ran is a failure.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

interface Summary {
  mode: string | undefined;
  passes: number;
  failures: number;
  pending: number;
  lines: string[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const grep = process.env.KZD_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const summary: Summary = { mode: process.env.KZD_E2E_MODE, passes: 0, failures: 0, pending: 0, lines: [] };
  const write = () => {
    const file = process.env.KZD_E2E_RESULTS;
    if (file) fs.writeFileSync(file, JSON.stringify(summary, null, 2));
  };

  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      summary.failures = failures;
      write();
      const ran = summary.passes + summary.failures;
      if (failures > 0) reject(new Error(`${failures} of ${ran} integration tests failed`));
      else if (ran === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
    const title = (t: Mocha.Runnable) => t.titlePath().join(' > ');
    runner.on('pass', (t) => {
      summary.passes++;
      summary.lines.push(`  ✓ ${title(t)} (${t.duration ?? 0}ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      summary.lines.push(
        `  ✗ ${title(t)}\n      ${String(err?.stack ?? err)
          .split('\n')
          .join('\n      ')}`,
      );
    });
    runner.on('pending', (t) => {
      summary.pending++;
      summary.lines.push(`  - ${title(t)} (pending)`);
    });
  });
}
