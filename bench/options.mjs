// The command line of bench/run.mjs, read once: every part of the benchmark imports its settings from here rather
// than reading process.argv itself (the options are listed in bench/run.mjs's header and bench/README.md).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS = join(ROOT, 'bench', 'results');

export const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
export const quick = flag('--quick');
export const sizeNames = opt('--sizes', quick ? '100,2k' : '100,2k,20k,200k')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
export const EDITS = Number(opt('--edits', quick ? 5 : 24));
export const GAP_MS = Number(opt('--gap', 50));
export const SEED = Number(opt('--seed', 42));
export const servers = opt('--servers', 'ours,theirs').split(',');
export const doEngine = !flag('--no-engine');
export const doLsp = !flag('--no-lsp');
export const doKustomize = !flag('--no-kustomize');
export const doScaling = !flag('--no-scaling');
export const doCharts = !flag('--no-charts');
export const serverCpuProf = flag('--server-cpu-prof');
export const baselineDir = opt('--baseline', undefined);
// Every server session and cold run is repeated and the median reported (a shared machine's noise).
export const REPEAT = Math.max(1, Number(opt('--repeat', quick ? 1 : 3)));
export const totalTimeoutMs = Number(opt('--total-timeout-min', 60)) * 60000;
