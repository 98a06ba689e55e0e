// The values sets a chart is judged under: the chart's own defaults; the user's values files and --set
// expressions (settings, the project config file, the command line), merged in order into one set as
// `helm template -f a -f b --set x=1` does; and, when asked, each values file of the chart-testing convention
// (`ci/*-values.yaml`), each on top of the defaults, as chart-testing installs them.
import type { ProjectFiles } from '../model/origin';

export interface ValuesSet {
  /** What the user reads: "default values", "ci/daemonset-values.yaml", "values-prod.yaml + --set replicas=3". */
  name: string;
  /** Project paths, in order (later files win). */
  valuesFiles: string[];
  set: string[];
  setString: string[];
}

export interface ChartValuesOptions {
  /**
   * The user's values files: project paths, or paths relative to the chart folder (settings and the config file
   * name them per chart: `values-prod.yaml`). A relative path the chart does not have is left out for that chart.
   */
  valuesFiles?: readonly string[];
  set?: readonly string[];
  setString?: readonly string[];
  /** Also judge each `ci/*-values.yaml` of the chart (chart-testing's values sets). */
  ciValues?: boolean;
  /** How a user's values file is named in a set's name (the CLI: relative to the current folder); default: relative to the chart. */
  label?: (file: string) => string;
}

export const DEFAULT_VALUES_SET = 'default values';

const CI_VALUES = /-values\.ya?ml$/;

export function valuesSetsOf(files: ProjectFiles, chartDir: string, options: ChartValuesOptions = {}): ValuesSet[] {
  const sets: ValuesSet[] = [{ name: DEFAULT_VALUES_SET, valuesFiles: [], set: [], setString: [] }];
  const user = (options.valuesFiles ?? []).map((file) => resolveValuesFile(files, chartDir, file)).filter((file) => file !== undefined);
  const set = [...(options.set ?? [])];
  const setString = [...(options.setString ?? [])];
  if (user.length + set.length + setString.length > 0) {
    const name = [
      ...user.map((file) => (options.label ?? ((f: string) => relativeTo(chartDir, f)))(file)),
      ...set.map((expression) => `--set ${expression}`),
      ...setString.map((expression) => `--set-string ${expression}`),
    ].join(' + ');
    sets.push({ name, valuesFiles: user, set, setString });
  }
  if (options.ciValues) {
    const ciDir = join(chartDir, 'ci');
    for (const entry of files.list(ciDir) ?? []) {
      if (entry.directory || !CI_VALUES.test(entry.name)) continue;
      const file = join(ciDir, entry.name);
      // The user's set may be this very file: judged once.
      if (sets.some((s) => s.valuesFiles.length === 1 && s.valuesFiles[0] === file && s.set.length + s.setString.length === 0)) continue;
      sets.push({ name: `ci/${entry.name}`, valuesFiles: [file], set: [], setString: [] });
    }
  }
  return sets;
}

/** A values file as the chart sees it: given as a project path (kept when it exists), or relative to the chart. */
function resolveValuesFile(files: ProjectFiles, chartDir: string, file: string): string | undefined {
  if (isAbsolute(file)) return file; // named for this run: a missing one is Helm's error, not skipped
  const inChart = join(chartDir, file);
  if (files.readText(inChart) !== undefined) return inChart;
  return files.readText(file) !== undefined ? file : undefined;
}

function isAbsolute(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);
}

export function relativeTo(dir: string, file: string): string {
  const prefix = dir === '' || dir === '.' ? '' : dir.endsWith('/') ? dir : `${dir}/`;
  return prefix !== '' && file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

function join(dir: string, name: string): string {
  if (dir === '' || dir === '.') return name;
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
