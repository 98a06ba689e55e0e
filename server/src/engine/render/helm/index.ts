// The Helm renderer's entry point for the linter: find the charts of a project, render one as `helm template`
// would, each template's output carrying its origins (template text, helpers, values-file nodes).
import type { ProjectFiles } from '../../model/origin';
import { join } from './chart/loader';

export { renderChart } from './chart/render';
export type { ChartCRD, ChartError, HelmRenderOptions, RenderedChart, RenderedTemplate } from './chart/types';
export { DEFAULT_KUBE_VERSION, DEFAULT_API_VERSIONS } from './chart/capabilities';

/** Folders that hold a chart (a Chart.yaml), not counting subcharts under a chart's `charts/`. Sorted. */
export function findCharts(files: ProjectFiles, dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string, depth: number): void => {
    const entries = files.list(path);
    if (!entries || depth > MAX_DEPTH) return;
    if (entries.some((e) => !e.directory && e.name === 'Chart.yaml')) {
      found.push(path);
      // A chart's own folders hold its subcharts and files, not other charts to render on their own.
      return;
    }
    for (const e of entries) {
      if (e.directory && !SKIPPED.has(e.name)) visit(join(path, e.name), depth + 1);
    }
  };
  visit(dir, 0);
  return found.sort();
}

const MAX_DEPTH = 32;
const SKIPPED = new Set(['node_modules', '.git']);
