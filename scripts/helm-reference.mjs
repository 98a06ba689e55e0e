#!/usr/bin/env node
// Installs the real Helm (the differential tests' reference) from the Go module proxy into the project's cache
// and prints the binary's path. Reused when present and built by this script's current recipe. Exit 1 with a
// message when Go is missing or the install fails.
//   node scripts/helm-reference.mjs              -> /abs/path/.cache/helm/v3.21.4/helm
//   node scripts/helm-reference.mjs --build-id   -> the recipe's id (no build): cached renders are keyed by it
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HELM_VERSION = 'v3.21.4';
const MODULE = 'helm.sh/helm/v3';
// What Helm's Makefile at v3.21.4 sets for a release build (`make build` on the tag): the version, empty build
// metadata, the tag's commit, a clean tree, and the Kubernetes version derived from its client-go (v0.36.2 ->
// 1.36), which is what `.Capabilities.KubeVersion` defaults to. `go install` alone leaves "v3.21" and the
// fallback Kubernetes version.
const K8S_MAJOR = '1';
const K8S_MINOR = '36';
function ldflags(commit) {
  return [
    '-w',
    '-s',
    `-X ${MODULE}/internal/version.version=${HELM_VERSION}`,
    `-X ${MODULE}/internal/version.metadata=`,
    `-X ${MODULE}/internal/version.gitCommit=${commit}`,
    `-X ${MODULE}/internal/version.gitTreeState=clean`,
    `-X ${MODULE}/pkg/lint/rules.k8sVersionMajor=${K8S_MAJOR}`,
    `-X ${MODULE}/pkg/lint/rules.k8sVersionMinor=${K8S_MINOR}`,
    `-X ${MODULE}/pkg/chartutil.k8sVersionMajor=${K8S_MAJOR}`,
    `-X ${MODULE}/pkg/chartutil.k8sVersionMinor=${K8S_MINOR}`,
  ].join(' ');
}
// Changes whenever the recipe does, so a binary (and the renders made with it) from an older recipe is replaced.
const BUILD_ID = createHash('sha256')
  .update(`${HELM_VERSION}\n${ldflags('<tag commit>')}\n-trimpath CGO_ENABLED=0`)
  .digest('hex')
  .slice(0, 16);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, '.cache', 'helm', HELM_VERSION);
const binary = path.join(binDir, 'helm');
const stamp = path.join(binDir, 'build-id');

function fail(message) {
  process.stderr.write(`helm-reference: ${message}\n`);
  process.exit(1);
}

function works(bin) {
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8').trim() !== BUILD_ID) return false;
  const r = spawnSync(bin, ['version', '--short'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().split('+')[0] === HELM_VERSION;
}

/** The commit the module proxy says the tag points at (Helm's release stamps it into `helm version`). */
function tagCommit() {
  const r = spawnSync('go', ['mod', 'download', '-json', `${MODULE}@${HELM_VERSION}`], { encoding: 'utf8' });
  if (r.status !== 0) fail(`go mod download ${MODULE}@${HELM_VERSION} failed: ${r.stderr || r.stdout}`);
  const hash = JSON.parse(r.stdout).Origin?.Hash;
  return typeof hash === 'string' && /^[0-9a-f]{40}$/.test(hash) ? hash : '';
}

if (process.argv.includes('--build-id')) {
  process.stdout.write(`${BUILD_ID}\n`);
  process.exit(0);
}

if (!(fs.existsSync(binary) && works(binary))) {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    fail(`Go is not installed (needed to build Helm ${HELM_VERSION} for the differential tests): ${go.error?.message ?? go.stderr}`);
  }
  fs.mkdirSync(binDir, { recursive: true });
  fs.rmSync(stamp, { force: true });
  process.stderr.write(`helm-reference: building helm ${HELM_VERSION} with ${go.stdout.trim()} (a few minutes the first time)\n`);
  const env = { ...process.env, GOBIN: binDir, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  try {
    execFileSync('go', ['install', '-trimpath', `-ldflags=${ldflags(tagCommit())}`, `${MODULE}/cmd/helm@${HELM_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
    });
  } catch (error) {
    fail(`go install ${MODULE}/cmd/helm@${HELM_VERSION} failed: ${error.message}`);
  }
  fs.writeFileSync(stamp, `${BUILD_ID}\n`);
  if (!works(binary)) fail(`${binary} was built but does not report ${HELM_VERSION}`);
}
process.stdout.write(`${binary}\n`);
