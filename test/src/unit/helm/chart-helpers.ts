// Small charts written in a test, rendered in memory.
import { renderChart, type HelmRenderOptions, type RenderedChart } from '../../../../server/out/engine/render/helm';
import { memoryFiles } from './chart-files';

/** `Chart.yaml` of an application chart named `name`, plus extra lines. */
export function chartYaml(name: string, extra = ''): string {
  return `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n${extra}`;
}

/** Renders the chart at `dir` among `files`; Helm's defaults plus `--kube-version 1.29`. */
export function render(files: Record<string, string | Uint8Array>, options: HelmRenderOptions = {}, dir = 'c'): RenderedChart {
  return renderChart(memoryFiles(files), dir, { kubeVersion: '1.29', ...options });
}

/** Rendered text per template name; a template that failed maps to `ERROR: <message>`. */
export function outputs(result: RenderedChart): Record<string, string> {
  return Object.fromEntries(result.templates.map((t) => [t.template, t.rendered ? t.rendered.text : `ERROR: ${t.error?.message ?? ''}`]));
}

/** The chart-level error messages. */
export function errors(result: RenderedChart): string[] {
  return result.errors.map((e) => e.message);
}
