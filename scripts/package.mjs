#!/usr/bin/env node
// Packages the extension as it ships: production bundles, then vsce with the .vscodeignore allowlist.
// `npm run package` (after tsc -b) and the e2e launchers' vsix mode both package through here.
//
// vsce's flags, and why:
//   --no-dependencies            the bundles carry their dependencies; nothing from node_modules ships.
//   --no-rewrite-relative-links  the README's images and links point at files inside the .vsix, so VS Code's
//                                extension page shows them offline; vsce would rewrite them to a repository URL.
//   --allow-missing-repository   there is no public repository to name yet. A publisher who has one adds
//                                `repository` to package.json (then vsce stops asking).
// test/src/package/ checks what vsce skips with --no-rewrite-relative-links: every image in the packaged
// README is a PNG inside the .vsix, and every relative link resolves there.
//
//   node scripts/package.mjs [--out kube-zero-downtime.vsix]
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VSCE_FLAGS = ['--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository'];
export const DEFAULT_VSIX = path.join(ROOT, 'kube-zero-downtime.vsix');

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

/** Production bundles into dist/, then the .vsix at `out`. Leaves the production bundles in dist/. */
export function packageExtension(out = DEFAULT_VSIX) {
  run([path.join(ROOT, 'scripts', 'bundle.mjs'), '--production']);
  run([path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', ...VSCE_FLAGS, '-o', out]);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: DEFAULT_VSIX } } });
  try {
    packageExtension(path.resolve(values.out));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
