// A loaded chart, shaped as Helm's chart.Chart: metadata (Chart.yaml), values, schema, templates, the other
// files (`.Files`) and the subcharts, each file knowing the project path it came from.
import type { GoMap, GoValue } from '../template/value';

/** A file of a chart. `name` is chart-relative (`templates/deployment.yaml`); `path` is where it lives. */
export interface ChartFile {
  name: string;
  /** Project path; inside an archive, `<archive path>!/<entry path>`. */
  path: string;
  bytes(): Uint8Array;
  text(): string;
}

/** chart.Dependency, with Go's field names in mind (`import-values` is `importValues`). */
export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  importValues: GoValue[];
  alias: string;
}

export interface Maintainer {
  name: string;
  email: string;
  url: string;
}

/** chart.Metadata. */
export interface Metadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: Maintainer[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Map<string, string>;
  kubeVersion: string;
  dependencies: Dependency[];
  type: string;
}

export interface Chart {
  metadata: Metadata;
  /** Project path of Chart.yaml (errors about the chart point there). */
  chartFile: string;
  /** Project path of the chart's folder (or archive). */
  dir: string;
  values: GoMap;
  /** Project path of values.yaml, when the chart has one. */
  valuesFile?: string;
  schema?: ChartFile;
  templates: ChartFile[];
  /** Everything else, as `.Files` sees it. */
  files: ChartFile[];
  dependencies: Chart[];
  parent?: Chart;
}

/** The chart's name as Helm prints it in paths: an alias has replaced the name by now. */
export function chartFullPath(chart: Chart): string {
  return chart.parent ? `${chartFullPath(chart.parent)}/charts/${chart.metadata.name}` : chart.metadata.name;
}

export function isLibraryChart(chart: Chart): boolean {
  return chart.metadata.type.toLowerCase() === 'library';
}

/** A shallow copy with its own metadata, as getAliasDependency makes for each (aliased) use of a subchart. */
export function copyChart(chart: Chart): Chart {
  return { ...chart, metadata: { ...chart.metadata } };
}
