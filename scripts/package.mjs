#!/usr/bin/env node
// Packages the extension as it ships: production bundles, then vsce with the .vscodeignore allowlist.
// `npm run package` (after tsc -b) and the e2e launchers' vsix mode both package through here.
//
// The README in the .vsix is README.md with its PNG images inlined as data: URIs (dist/README.md, passed
// with --readme-path). VS Code's extension page loads README images only from https: and data: URLs (its
// Content-Security-Policy), so a relative image in a side-loaded .vsix never shows, and there is no public
// repository to serve them from; inlined, they show offline. README.md itself keeps relative links to
// the PNG files (docs/images/, images/), which a repository host renders and which vsce rewrites to
// absolute URLs when the package names a repository.
//
// vsce's flags, and why:
//   --no-dependencies            the bundles carry their dependencies; nothing from node_modules ships.
//   --no-rewrite-relative-links  there is no repository to rewrite links to (vsce would stop), and its
//                                image checks would refuse the data: images; test/src/package/ checks
//                                the packaged README instead (PNG only, links resolve inside the .vsix).
//   --allow-missing-repository   there is no public repository to name yet.
//
//   node scripts/package.mjs [--out kube-zero-downtime.vsix]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_VSIX = path.join(ROOT, 'kube-zero-downtime.vsix');
const PACKAGED_README = path.join('dist', 'README.md');
export const VSCE_FLAGS = [
  '--no-dependencies',
  '--no-rewrite-relative-links',
  '--allow-missing-repository',
  '--readme-path',
  PACKAGED_README,
];

const isRelative = (target) => !/^[a-z][\w+.-]*:/i.test(target) && !target.startsWith('#') && !target.startsWith('/');

/**
 * Markdown with every relative image (Markdown `![alt](src)` and HTML `<img src>`, outside fenced code)
 * replaced by a data: URI of the file. Relative images must be PNG files: anything else is an error.
 */
export function inlineImages(markdown, baseDir) {
  const dataUri = (target) => {
    const file = path.resolve(baseDir, decodeURI(target.split(/[?#]/)[0]));
    if (!/\.png$/i.test(file)) throw new Error(`README image ${target}: use PNG (the Marketplace refuses SVG; VS Code shows data: PNG)`);
    return `data:image/png;base64,${fs.readFileSync(file).toString('base64')}`;
  };
  let fence;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line);
      if (marker) {
        if (fence === undefined) fence = marker[1][0];
        else if (marker[1][0] === fence) fence = undefined;
        return line;
      }
      if (fence !== undefined) return line;
      return line
        .replace(/(!\[(?:[^\][]|\[[^\]]*\])*\]\(\s*)([^)\s]+)/g, (all, head, target) => (isRelative(target) ? head + dataUri(target) : all))
        .replace(/(<img\b[^>]*\bsrc\s*=\s*["'])([^"']+)/gi, (all, head, target) => (isRelative(target) ? head + dataUri(target) : all));
    })
    .join('\n');
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

/** Production bundles and the packaged README into dist/, then the .vsix at `out`. Leaves them in dist/. */
export function packageExtension(out = DEFAULT_VSIX) {
  run([path.join(ROOT, 'scripts', 'bundle.mjs'), '--production']);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  fs.writeFileSync(path.join(ROOT, PACKAGED_README), inlineImages(readme, ROOT));
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
