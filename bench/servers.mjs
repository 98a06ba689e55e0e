// The language servers bench/run.mjs measures over stdio: ours (dist/server.js), the same server from another
// checkout (--baseline), and yaml-language-server; how each is started, and the settings it is given.
import { join } from 'node:path';
import { baselineDir, RESULTS, ROOT, serverCpuProf } from './options.mjs';

export const OURS = {
  key: 'ours',
  label: 'kube-zero-downtime',
  entry: join(ROOT, 'dist', 'server.js'),
  argv: () => [
    process.execPath,
    ...(serverCpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`] : []),
    join(ROOT, 'dist', 'server.js'),
    '--stdio',
  ],
  // VS Code answers workspace/configuration with the section's settings object; defaults => {}.
  configuration: () => ({}),
  settings: { kubeZeroDowntime: {} },
};
/** The same server from another checkout (--baseline): old build vs new build, side by side in one run. */
export const BASELINE = baselineDir && {
  ...OURS,
  key: 'baseline',
  label: `kube-zero-downtime (baseline ${baselineDir})`,
  entry: join(baselineDir, 'dist', 'server.js'),
  argv: () => [process.execPath, join(baselineDir, 'dist', 'server.js'), '--stdio'],
};
export const THEIRS = {
  key: 'theirs',
  label: 'yaml-language-server',
  entry: join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'),
  argv: () => [process.execPath, join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
  configuration: (item) => {
    if (item.section === 'yaml') return YLS_SETTINGS.yaml;
    if (item.section === 'http') return { proxy: '', proxyStrictSSL: false };
    if (item.section === 'editor') return { tabSize: 2, detectIndentation: true };
    return {}; // '[yaml]' and anything else: no overrides
  },
  settings: null, // set below
};
export const LABELS = { ours: OURS.label, baseline: 'baseline', theirs: THEIRS.label };
// Validation on, no network (no schema store), no schemas: syntax + structural validation of the YAML.
const YLS_SETTINGS = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: {},
    customTags: [],
    maxItemsComputed: 5000,
  },
  http: { proxy: '', proxyStrictSSL: false },
};
THEIRS.settings = YLS_SETTINGS;
