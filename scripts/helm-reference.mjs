#!/usr/bin/env node
// Installs the real Helm (the differential tests' reference) from the Go module proxy into the project's cache
// and prints the binary's path. Reused when present. Exit 1 with a message when Go is missing or the install fails.
//   node scripts/helm-reference.mjs            -> /abs/path/.cache/helm/v3.21.4/helm
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HELM_VERSION = 'v3.21.4';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, '.cache', 'helm', HELM_VERSION);
const binary = path.join(binDir, 'helm');

function fail(message) {
  process.stderr.write(`helm-reference: ${message}\n`);
  process.exit(1);
}

function works(bin) {
  // `go install` builds without Helm's release ldflags, so the binary reports "v3.21" (major.minor) only.
  const r = spawnSync(bin, ['version', '--short'], { encoding: 'utf8' });
  return r.status === 0 && HELM_VERSION.startsWith(r.stdout.trim().split('+')[0]);
}

if (!(fs.existsSync(binary) && works(binary))) {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    fail(`Go is not installed (needed to build Helm ${HELM_VERSION} for the differential tests): ${go.error?.message ?? go.stderr}`);
  }
  fs.mkdirSync(binDir, { recursive: true });
  process.stderr.write(`helm-reference: building helm ${HELM_VERSION} with ${go.stdout.trim()} (a few minutes the first time)\n`);
  try {
    execFileSync('go', ['install', `helm.sh/helm/v3/cmd/helm@${HELM_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOBIN: binDir, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
    });
  } catch (error) {
    fail(`go install helm.sh/helm/v3/cmd/helm@${HELM_VERSION} failed: ${error.message}`);
  }
  if (!works(binary)) fail(`${binary} was built but does not report ${HELM_VERSION}`);
}
process.stdout.write(`${binary}\n`);
