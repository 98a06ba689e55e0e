// Installs, once, what the headless launcher needs to run a real VS Code on a machine that reaches only
// the npm registry and Debian's packages: code-server (VS Code's server + web workbench, from npm) in a
// cache folder under the project, and Debian's Chromium as its window.
//
// code-server's own postinstall refuses root and downloads ripgrep from GitHub, so its steps are done here
// by hand: install with --ignore-scripts, build the native modules from source against the local Node
// headers, take ripgrep from Debian, and make the links the postinstall would make.
// A marker file records the version; once it matches, the cache is reused as is.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
// Bump when the recipe below changes, so existing caches are rebuilt.
const RECIPE = 1;

import { ROOT } from './common.mjs';
export { ROOT };
export const CACHE_DIR = path.join(ROOT, '.cache', 'code-server');
const MARKER = path.join(CACHE_DIR, '.installed');
const MARKER_TEXT = `code-server@${CODE_SERVER_VERSION} recipe ${RECIPE}\n`;

export const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = [
  ['chromium', CHROMIUM],
  ['ripgrep', '/usr/bin/rg'],
  ['libkrb5-dev', '/usr/include/krb5.h'],
  ['libx11-dev', '/usr/include/X11/Xlib.h'],
  ['libxkbfile-dev', '/usr/include/X11/extensions/XKBfile.h'],
  ['libsecret-1-dev', '/usr/include/libsecret-1/libsecret/secret.h'],
  ['pkg-config', '/usr/bin/pkg-config'],
];

// The native modules of VS Code's server that code-server loads; each is rebuilt with node-gyp.
const NATIVE_MODULES = ['kerberos', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'];

function log(msg) {
  process.stderr.write(`[e2e setup] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const started = Date.now();
  log(`${path.relative(ROOT, opts.cwd ?? ROOT) || '.'}$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    timeout: 600_000, // no step may hang the run (a stuck download, a prompt)
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    if (r.signal) throw new Error(`${cmd} ${args.join(' ')} was stopped (${r.signal}; timeout ${600}s)`);
    if (opts.quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
  }
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return r;
}

/** Node's headers for node-gyp, so it never tries to download them. */
function nodeDir() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(path.dirname(process.execPath), '..')];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, 'include', 'node', 'node.h'))) return dir;
  }
  throw new Error('Node.js headers not found (looked for include/node/node.h next to node); install them or set npm_config_nodedir');
}

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    '/usr/share/nodejs/node-gyp/bin/node-gyp.js',
  ];
  for (const file of candidates) if (file && fs.existsSync(file)) return file;
  throw new Error('node-gyp not found (looked for the copy bundled with npm)');
}

export function ensureAptPackages(packages = APT_PACKAGES) {
  if (process.platform !== 'linux') throw new Error('The headless launcher supports Linux (Debian) only');
  const missing = packages.filter(([, file]) => !fs.existsSync(file)).map(([name]) => name);
  if (missing.length === 0) return;
  if (!fs.existsSync('/usr/bin/apt-get')) throw new Error(`Missing packages ${missing.join(', ')} and no apt-get to install them`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => (sudo.length ? run('sudo', ['-E', 'apt-get', ...args], { env }) : run('apt-get', args, { env }));
  log(`installing Debian packages: ${missing.join(' ')}`);
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

/** Debian's Chromium alone (scripts/images.mjs renders SVG to PNG with it; no code-server needed). */
export function ensureChromium() {
  ensureAptPackages(APT_PACKAGES.filter(([name]) => name === 'chromium'));
  return CHROMIUM;
}

export function codeServerPaths() {
  const pkg = path.join(CACHE_DIR, 'node_modules', 'code-server');
  return {
    pkg,
    entry: path.join(pkg, 'out', 'node', 'entry.js'),
    vscode: path.join(pkg, 'lib', 'vscode'),
  };
}

export function ensureCodeServer() {
  ensureAptPackages();
  if (fs.existsSync(MARKER) && fs.readFileSync(MARKER, 'utf8') === MARKER_TEXT) return codeServerPaths();

  const started = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} into ${path.relative(ROOT, CACHE_DIR)} (first use; a few minutes)`);
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(CACHE_DIR, 'package.json'),
    JSON.stringify({ name: 'e2e-code-server-cache', private: true, description: 'Created by scripts/e2e/setup.mjs' }, null, 2),
  );

  const nodedir = nodeDir();
  const gyp = nodeGyp();
  const env = {
    npm_config_nodedir: nodedir,
    npm_config_node_gyp: gyp,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env });

  npm(['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], CACHE_DIR);
  const p = codeServerPaths();

  // argon2 (code-server's password hashing; loaded at startup even with --auth none).
  const argon2 = path.join(CACHE_DIR, 'node_modules', 'argon2');
  const preGyp = path.join(CACHE_DIR, 'node_modules', '@mapbox', 'node-pre-gyp', 'bin', 'node-pre-gyp');
  run(process.execPath, [preGyp, 'install', '--build-from-source', `--nodedir=${nodedir}`], { cwd: argon2, env, quiet: true });

  // VS Code's own dependencies, then its built-in extensions' dependencies.
  npm(['install', '--omit=dev', '--ignore-scripts'], p.vscode);
  npm(['install', '--omit=dev', '--ignore-scripts'], path.join(p.vscode, 'extensions'));

  for (const mod of NATIVE_MODULES) {
    const dir = path.join(p.vscode, 'node_modules', mod);
    if (!fs.existsSync(path.join(dir, 'binding.gyp'))) throw new Error(`${mod} has no binding.gyp in ${dir}`);
    run(process.execPath, [gyp, 'rebuild', `--nodedir=${nodedir}`, `--jobs=max`], { cwd: dir, env, quiet: true });
  }

  // ripgrep: take Debian's instead of the GitHub download.
  const rgDir = path.join(p.vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  fs.copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
  fs.chmodSync(path.join(rgDir, 'rg'), 0o755);

  // The links code-server's postinstall makes.
  const link = (target, at) => {
    fs.rmSync(at, { recursive: true, force: true });
    fs.symlinkSync(target, at);
  };
  link('node_modules', path.join(p.vscode, 'node_modules.asar'));
  link('code-linux.sh', path.join(p.vscode, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(p.vscode, 'bin', 'helpers', 'browser.sh'));

  fs.writeFileSync(MARKER, MARKER_TEXT);
  log(`code-server ready in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return p;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer();
}
