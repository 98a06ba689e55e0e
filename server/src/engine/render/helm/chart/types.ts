// The shapes the Helm renderer hands to the linter: options as `helm template` takes them, and per template the
// rendered text (with origins) or the error Helm would report for it.
import type { RenderedText } from '../../../model/origin';

export interface HelmRenderOptions {
  /** `.Release.Name`; `release-name`, as `helm template` uses when none is given. */
  releaseName?: string;
  /** `.Release.Namespace`; `default`. */
  namespace?: string;
  /** User values files, in order (project paths), as `--values`. */
  valuesFiles?: string[];
  /** `--set` expressions. */
  set?: string[];
  /** `--set-string` expressions. */
  setString?: string[];
  /** `--kube-version`; Helm's default (see DEFAULT_KUBE_VERSION) otherwise. */
  kubeVersion?: string;
  /** `--api-versions`, added to Helm's built-in list. */
  apiVersions?: string[];
  /** `--is-upgrade`. */
  isUpgrade?: boolean;
  /** `--skip-schema-validation`. */
  skipSchemaValidation?: boolean;
  /** `--include-crds`: the files under the `crds/` folders of the chart and its enabled subcharts, in `crds`. */
  includeCRDs?: boolean;
}

/** A file of a chart's `crds/` folder (Helm's chart.CRDObjects). */
export interface ChartCRD {
  /** Helm's name for it: `<chart>/crds/x.yaml`, `<chart>/charts/<sub>/crds/x.yaml`. */
  name: string;
  /** Project path. */
  file: string;
  text: string;
}

/** An error as Helm words it, placed in the file (project path) that caused it; offsets are UTF-16, end-exclusive. */
export interface ChartError {
  message: string;
  file: string;
  start: number;
  end: number;
}

export interface RenderedTemplate {
  /** Helm's name for it: `<chart>/templates/deployment.yaml`, `<chart>/charts/<sub>/templates/x.yaml`. */
  template: string;
  /** Project path of the template file. */
  file: string;
  rendered?: RenderedText;
  error?: ChartError;
}

export interface RenderedChart {
  /** The chart's name (Chart.yaml `name`), or the folder name when Chart.yaml cannot be read. */
  chart: string;
  /**
   * Templates in the order Helm executes them (deepest paths first, then by name descending). Partials (`_*`) appear
   * only with a parse error; NOTES.txt only with an error (it is rendered, as Helm does, but is no manifest).
   */
  templates: RenderedTemplate[];
  /** Chart-level errors: Chart.yaml, missing dependencies, values, schema, kubeVersion. Nothing renders with one. */
  errors: ChartError[];
  /** Helm's warnings (coalescing conflicts, non-boolean conditions), as it logs them. */
  warnings: string[];
  /** With `includeCRDs`: the CRD files Helm prints before the templates, in its order. */
  crds?: ChartCRD[];
  /** The values files that decided the result: the charts' values.yaml files and the user's, in precedence order. */
  valuesFiles: string[];
}
