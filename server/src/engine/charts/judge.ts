// Judging a Helm chart: render it under each values set (valuesSets.ts), lint every rendered template as a
// document with its origin map, all the chart's rendered documents forming one project (cross-object facts
// across the chart), and report each finding once, at its place in the template, helper or values file
// (placement.ts), with the values sets under which it appears. What Helm refuses is a notice at the place it
// names (errors.ts); the rest of the chart is still judged. The judge keeps a linter per rendered template and
// values set, so a re-render after an edit re-checks only the documents whose text or facts changed.
import { renderChart, type HelmRenderOptions, type RenderedChart } from '../render/helm';
import { FileModel, DEFAULT_MAX_TEXT_LENGTH } from '../model/fileModel';
import type { ProjectFiles } from '../model/origin';
import { OriginMap } from '../model/originMap';
import { ProjectModel } from '../model/projectModel';
import { Linter } from '../run/linter';
import type { Finding, Fix, LintOptions, LintResult } from '../types';
import { chartErrorNotice, templateErrorNotices, visible, type ChartNotice } from './errors';
import { addedField, chartFixes, type FixContext, type Identified } from './fixes';
import { guardingValues, hasGuardsAfter } from './valuesGuards';
import { spacedMarkers } from './markers';
import { withoutOpenActionHang } from './openAction';
import { placeFinding } from './placement';
import { valuesSetsOf, type ChartValuesOptions, type ValuesSet } from './valuesSets';

export type { ChartNotice } from './errors';

export type ChartRenderOptions = Pick<HelmRenderOptions, 'releaseName' | 'namespace' | 'kubeVersion' | 'apiVersions' | 'isUpgrade'>;

export interface ChartJudgeOptions {
  /** Rules, rule options, fix values (as for any file; project options are the chart's own). */
  lint?: LintOptions;
  values?: ChartValuesOptions;
  render?: ChartRenderOptions;
}

/** A finding of a chart, at its place in a file of the chart: `start`/`end` are offsets of `file`. */
export interface ChartFinding extends Finding {
  file: string;
  /** Helm's name of the template it was rendered from (`web/templates/deployment.yaml`). */
  template: string;
  valuesSets: string[];
}

export interface JudgedNotice extends ChartNotice {
  valuesSets: string[];
}

/** A rendered template of the default values set, counted (the per-chart tables). */
export interface TemplateSummary {
  template: string;
  file: string;
  documents: number;
  objects: number;
}

export interface ChartVerdict {
  chartDir: string;
  chart: string;
  valuesSets: string[];
  findings: ChartFinding[];
  notices: JudgedNotice[];
  /** Templates the default values set rendered (errors included, with 0 documents). */
  templates: TemplateSummary[];
  /** Every file a finding or notice may be placed in: templates, helpers, values files, Chart.yaml. */
  files: string[];
}

/** The rendered output of one template under one values set, with the findings on it (rendered offsets). */
export interface RenderedView {
  template: string;
  valuesSet: string;
  text: string;
  findings: Finding[];
}

interface SetState {
  set: ValuesSet;
  /** The chart's rendered documents as one project, kept across renders (so unchanged documents stay checked). */
  project: ProjectModel;
  linters: Map<string, Linter>;
  results: Map<string, TemplateLint>;
  valuesFiles: string[];
  /** What a fix must not add to: the findings and notices of this set. */
  identified: Identified[];
  notices: ChartNotice[];
  uses?: UsesIndex;
}

interface TemplateLint {
  template: string;
  file: string;
  text: string;
  linter: Linter;
  origins: OriginMap;
  result: LintResult;
}

interface FindingRef {
  generation: number;
  set: string;
  template: string;
  rendered: Finding;
}

interface SetResult {
  state: SetState;
  rendered: RenderedChart;
  lints: TemplateLint[];
}

export class ChartJudge {
  private readonly states = new Map<string, SetState>();
  private readonly refs = new WeakMap<ChartFinding, FindingRef>();
  private generation = 0;
  private last?: { files: ProjectFiles; options: ChartJudgeOptions };
  /** A second judge for proving fixes: its renders never disturb this one's. */
  private scratch?: ChartJudge;

  constructor(readonly chartDir: string) {}

  judge(files: ProjectFiles, options: ChartJudgeOptions = {}): ChartVerdict {
    const generation = ++this.generation;
    const sets = valuesSetsOf(files, this.chartDir, options.values);
    /** By rule, place, kind and container: the same finding under another values set may name its object otherwise. */
    const findings = new Map<string, ChartFinding[]>();
    const notices = new Map<string, JudgedNotice>();
    /** Per template file: the sets under which it rendered (findings absent from one of them are "only with"). */
    const renderedUnder = new Map<string, Set<string>>();
    const involved = new Set<string>([`${this.chartDir === '' ? '' : `${this.chartDir.replace(/\/+$/, '')}/`}Chart.yaml`]);
    let chart = baseName(this.chartDir);
    let templates: TemplateSummary[] = [];
    const addNotice = (notice: ChartNotice, set: string): void => {
      involved.add(notice.file);
      const key = [notice.reason, notice.file, notice.start, notice.end, notice.message].join('\u0000');
      const known = notices.get(key);
      if (known) known.valuesSets.push(set);
      else notices.set(key, { ...notice, valuesSets: [set] });
    };

    for (const set of sets) {
      const { state, rendered, lints } = this.judgeSet(files, set, options);
      chart = rendered.chart;
      for (const file of rendered.valuesFiles) involved.add(file);
      for (const notice of state.notices) addNotice(notice, set.name);
      const valuesFiles = new Set(rendered.valuesFiles);
      for (const template of rendered.templates) involved.add(template.file);
      for (const { template, file, origins, result, linter } of lints) {
        involved.add(file);
        let under = renderedUnder.get(template);
        if (!under) renderedUnder.set(template, (under = new Set()));
        under.add(set.name);
        for (const span of origins.spansTouching(0, Infinity)) involved.add(span.source.file);
        const context = {
          origins,
          templateFile: file,
          valuesFiles,
          files,
          originsOf: (name: string) => state.results.get(name)?.origins,
        };
        for (const finding of result.findings) {
          const { origin, related } = placeFinding(finding, context);
          const key = [finding.ruleId, origin.file, origin.start, origin.end, finding.kind, finding.container].join('\u0000');
          const same = findings.get(key) ?? [];
          // Objects of one set stay apart (a helper rendering several); another set's first match is the same finding.
          const known =
            same.find((f) => !f.valuesSets.includes(set.name) && f.name === finding.name && f.namespace === finding.namespace) ??
            same.find((f) => !f.valuesSets.includes(set.name));
          if (known) {
            known.valuesSets.push(set.name);
            continue;
          }
          const placed: ChartFinding = {
            ...finding,
            start: origin.start,
            end: origin.end,
            origin,
            file: origin.file,
            template,
            valuesSets: [set.name],
          };
          if (!valuesFiles.has(origin.file) && hasGuardsAfter(files, origin.file, origin.start)) {
            const field = addedField(linter, finding);
            const guard = field && guardingValues(files, origin.file, origin.start, field, rendered.valuesFiles);
            if (guard && !related.some((r) => r.file === guard.file && r.start === guard.start)) related.push(guard);
          }
          if (related.length > 0) placed.related = related;
          else delete placed.related;
          findings.set(key, [...same, placed]);
          this.refs.set(placed, { generation, set: set.name, template, rendered: finding });
        }
      }
      if (set === sets[0]) templates = summaries(rendered, lints);
    }
    this.last = { files, options };

    const names = sets.map((set) => set.name);
    const all = [...findings.values()].flat().map((finding) => {
      const under = [...(renderedUnder.get(finding.template) ?? [])];
      finding.message += setsNote(finding.valuesSets, under, 'only with');
      return finding;
    });
    const allNotices = [...notices.values()].map((notice) => {
      notice.message += setsNote(notice.valuesSets, names, 'with');
      return notice;
    });
    return {
      chartDir: this.chartDir,
      chart,
      valuesSets: names,
      findings: all.sort(compareByPlace),
      notices: allNotices.sort(compareByPlace),
      templates,
      files: [...involved].sort(),
    };
  }

  /**
   * The fixes of a finding of the latest verdict, every edit in a file of the chart (`TextEdit.file`): the rule's
   * fixes carried to the template or values file, and the values entry the chart takes a missing field from
   * (fixes.ts). Fixes that are not faithful by construction are proven by rendering the chart again.
   */
  fixesFor(finding: ChartFinding): Fix[] {
    const ref = this.refs.get(finding);
    const state = ref && this.states.get(ref.set);
    const lint = state?.results.get(ref!.template);
    if (!ref || ref.generation !== this.generation || !state || !lint || !this.last) return [];
    const { files, options } = this.last;
    const context: FixContext = {
      files,
      renderedText: lint.text,
      origins: lint.origins,
      template: ref.template,
      valuesFiles: state.valuesFiles,
      uses: (file, start, end) => (state.uses ??= usesIndex(state)).count(file, start, end),
      before: { findings: state.identified, notices: state.notices },
      rejudge: (changed) => {
        this.scratch ??= new ChartJudge(this.chartDir);
        const { state: again } = this.scratch.judgeSet(changed, state.set, options);
        return { findings: again.identified, notices: again.notices };
      },
    };
    return chartFixes(lint.linter, ref.rendered, { ...ref.rendered, template: ref.template }, context);
  }

  /** The rendered output of the template file under a values set (the first, the defaults, when not named). */
  rendered(file: string, valuesSet?: string): RenderedView | undefined {
    const state = valuesSet === undefined ? this.states.values().next().value : this.states.get(valuesSet);
    if (!state) return undefined;
    for (const [template, entry] of state.results) {
      if (entry.file === file) return { template, valuesSet: state.set.name, text: entry.text, findings: entry.result.findings };
    }
    return undefined;
  }

  private stateOf(set: ValuesSet): SetState {
    let state = this.states.get(set.name);
    if (!state || JSON.stringify(state.set) !== JSON.stringify(set)) {
      state = { set, project: new ProjectModel(), linters: new Map(), results: new Map(), valuesFiles: [], identified: [], notices: [] };
      this.states.set(set.name, state);
    }
    return state;
  }

  /** Renders the chart under one values set and lints each rendered template, the chart's documents forming the project. */
  private judgeSet(files: ProjectFiles, set: ValuesSet, options: ChartJudgeOptions): SetResult {
    try {
      return this.judgeSetOrThrow(files, set, options);
    } catch (error) {
      // A fault of this tool: the chart gets one notice saying so, the caller goes on.
      const state = this.stateOf(set);
      const file = `${this.chartDir === '' ? '' : `${this.chartDir.replace(/\/+$/, '')}/`}Chart.yaml`;
      const message = `internal error judging the chart: ${error instanceof Error ? error.message : String(error)}`;
      Object.assign(state, { linters: new Map(), results: new Map(), identified: [], uses: undefined });
      state.notices = [{ reason: 'chart-error', message, file, start: 0, end: 0, docIndex: -1 }];
      return { state, rendered: { chart: baseName(this.chartDir), templates: [], errors: [], warnings: [], valuesFiles: [] }, lints: [] };
    }
  }

  private judgeSetOrThrow(files: ProjectFiles, set: ValuesSet, options: ChartJudgeOptions): SetResult {
    const state = this.stateOf(set);
    const rendered = renderChart(withoutOpenActionHang(files), this.chartDir, {
      ...options.render,
      valuesFiles: set.valuesFiles,
      set: set.set,
      setString: set.setString,
    });
    const lint = options.lint ?? {};
    const project = state.project;
    const maxLength = lint.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    const prepared: Omit<TemplateLint, 'result'>[] = [];
    const linters = new Map<string, Linter>();
    const notices: ChartNotice[] = rendered.errors.map((error) => chartErrorNotice(error, files));
    for (const template of rendered.templates) {
      notices.push(...templateErrorNotices(template, files));
      if (!template.rendered) continue;
      const output = spacedMarkers(template.rendered);
      const origins = OriginMap.of(output);
      const linter = state.linters.get(template.template) ?? new Linter(new FileModel({ kind: 'rendered', origins }));
      linter.model.source = { kind: 'rendered', origins, sources: files };
      linter.model.setText(output.text, maxLength);
      project.setModel(template.template, linter.model);
      linters.set(template.template, linter);
      prepared.push({ template: template.template, file: template.file, linter, origins, text: output.text });
    }
    for (const gone of state.linters.keys()) if (!linters.has(gone)) project.delete(gone);
    state.linters = linters;
    state.results = new Map();
    state.valuesFiles = rendered.valuesFiles;
    state.identified = [];
    state.uses = undefined;
    const lints: TemplateLint[] = [];
    for (const entry of prepared) {
      // Not complete: pods an operator creates from the chart's custom resources are not in the render.
      const result = entry.linter.lint(entry.text, { ...lint, ...project.lintOptionsFor(entry.template, false) });
      const done = { ...entry, result };
      state.results.set(entry.template, done);
      lints.push(done);
      for (const finding of result.findings) state.identified.push({ ...finding, template: entry.template });
      for (const notice of result.notices) {
        const located = entry.origins.locate(notice.start, notice.start) ?? { file: entry.file, start: 0, end: 0 };
        const [start, end] = visible(files.readText(located.file) ?? '', located.start, located.start);
        const at = { file: located.file, start, end };
        const message = notice.message.replace(
          /^Zero-downtime checks skipped for this YAML document/,
          `The output of ${entry.template} is not YAML`,
        );
        notices.push({ ...notice, message, file: at.file, start: at.start, end: at.end });
      }
    }
    state.notices = notices;
    return { state, rendered, lints };
  }
}

/** Where the rendered output of a values set came from: how often each source range was copied or printed. */
interface UsesIndex {
  count(file: string, start: number, end: number): number;
}

function usesIndex(state: SetState): UsesIndex {
  const byFile = new Map<string, [number, number][]>();
  for (const { origins } of state.results.values()) {
    for (const span of origins.spansTouching(0, Infinity)) {
      const sources = span.kind === 'produced' ? (span.via ?? []) : [span.source];
      for (const source of sources) {
        let list = byFile.get(source.file);
        if (!list) byFile.set(source.file, (list = []));
        list.push([source.start, source.end]);
      }
    }
  }
  return {
    count(file, start, end) {
      const list = byFile.get(file) ?? [];
      if (start < end) return list.filter(([from, to]) => from <= start && end <= to).length;
      // An insertion at the seam of two pieces of one copied text (indent splits them per line) is counted once.
      const at = list.filter(([from, to]) => from <= start && start < to).length;
      return at > 0 ? at : list.filter(([, to]) => to === start).length;
    },
  };
}

function summaries(rendered: RenderedChart, lints: { template: string; linter: Linter }[]): TemplateSummary[] {
  return rendered.templates.map((template) => {
    const linter = lints.find((l) => l.template === template.template)?.linter;
    let objects = 0;
    for (const { chunk } of linter?.model.chunks ?? []) for (const document of chunk.documents(false)) objects += document.objects.length;
    return { template: template.template, file: template.file, documents: linter?.model.documentCount ?? 0, objects };
  });
}

/** "(only with A, B)" for a finding of some sets; "(not with C)" when that is shorter; nothing for all of them. */
function setsNote(present: readonly string[], all: readonly string[], lead: string): string {
  if (present.length >= all.length) return '';
  const missing = all.filter((name) => !present.includes(name));
  return missing.length < present.length ? ` (not with ${missing.join(', ')})` : ` (${lead} ${present.join(', ')})`;
}

function compareByPlace(a: { file: string; start: number; end: number }, b: { file: string; start: number; end: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.end - b.end;
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
