// Judging what Kustomize deploys. Each root kustomization (one no other kustomization includes) is a deployable
// unit: it is built (render/kustomize), its objects are linted together as one project, and each finding is
// reported at its origin (placement.ts) in a base, a patch or a kustomization, once however many roots reach it,
// naming the roots that deploy it that way. A root that cannot be built gets one notice on its kustomization and
// its files are judged alone, as are files no root builds. The judge keeps each root's build and linter, so after
// an edit only the roots that read the edited file are built and linted again (and only the documents of their
// output that changed are checked again).
import { buildKustomization, createKustomizeCache, kustomizeRoots, type KustomizeBuild, type KustomizeCache } from '../render/kustomize';
import { kustomizationFileIn } from '../render/kustomize/kustomization';
import { FileModel } from '../model/fileModel';
import type { ProjectFiles } from '../model/origin';
import { OriginMap } from '../model/originMap';
import { Linter } from '../run/linter';
import { UNUSED_SUPPRESSION } from '../suppression/directives';
import type { Finding, LintOptions, LintResult, Notice, RelatedLocation } from '../types';
import { placeBuildFinding, type Placement } from './placement';
import { BuildFacts, builtRange } from './buildFacts';
import { SourceModels } from './sources';
import { sourceSuppressions, type DirectiveRange } from './suppress';
import { describeRoots, relatedForRoot } from './words';

export interface KustomizeJudgeOptions {
  /** Rules, rule options and fix values, as for any file (the project options are the build's own). */
  lint?: LintOptions;
  /** How a path (a root, a file) is named in messages: relative to the workspace or the working directory. */
  label?: (path: string) => string;
}

/** A finding of one or more builds at its origin: `start`/`end`/`docIndex` are those of `file`. */
export interface KustomizeFinding extends Finding {
  file: string;
  /** The roots (as labelled) whose builds have it. */
  roots: string[];
}

/** A notice placed in a file of the project (a root that could not be built, on its kustomization). */
export interface KustomizeNotice extends Notice {
  file: string;
  root: string;
}

export interface RootSummary {
  root: string;
  label: string;
  /** The root's kustomization file. */
  file: string;
  built: boolean;
  /** Why it was not built. */
  error?: string;
  objects: number;
  /** Findings of its build (before they are merged with other roots' and placed). */
  findings: number;
}

export interface KustomizeVerdict {
  roots: RootSummary[];
  findings: KustomizeFinding[];
  notices: KustomizeNotice[];
  /** The files the built roots read: judged through their builds, not alone. */
  builtFiles: ReadonlySet<string>;
  /** Suppression comments of source files that silenced a finding of a build. */
  usedSuppressions: DirectiveRange[];
}

/** One root's build, its linter (kept between builds: unchanged documents are not checked again) and its findings placed. */
export interface RootState {
  root: string;
  label: string;
  file: string;
  build?: KustomizeBuild;
  linter: Linter;
  /** The facts of the build's documents (the project its lint sees), kept from build to build. */
  facts: BuildFacts;
  result?: LintResult;
  placed: PlacedFinding[];
  dirty: boolean;
}

export interface PlacedFinding {
  state: RootState;
  /** The finding in the built text. */
  finding: Finding;
  placement: Placement;
  /** The message with the built object's name replaced by its name in the source (prefixes differ per root). */
  message: string;
  name?: string;
  suppressedBy: DirectiveRange[];
  /** The related objects the rule named, placed in their source files. */
  related: RelatedLocation[];
}

export class KustomizeJudge {
  readonly sources: SourceModels;
  readonly cache: KustomizeCache = createKustomizeCache();
  private judgeOptions: KustomizeJudgeOptions;
  private states = new Map<string, RootState>();
  private verdictCache: KustomizeVerdict | undefined;
  private readonly members = new WeakMap<KustomizeFinding, PlacedFinding[]>();

  constructor(
    readonly files: ProjectFiles,
    options: KustomizeJudgeOptions = {},
  ) {
    this.judgeOptions = options;
    this.sources = new SourceModels(files);
  }

  get options(): KustomizeJudgeOptions {
    return this.judgeOptions;
  }

  label(path: string): string {
    return this.judgeOptions.label?.(path) ?? path;
  }

  /** New lint options (settings changed): every root is linted again (its build is kept). */
  setOptions(options: KustomizeJudgeOptions): void {
    this.judgeOptions = options;
    for (const state of this.states.values()) state.dirty = true;
    this.verdictCache = undefined;
  }

  get lintOptions(): LintOptions {
    const { project: _project, fileName: _fileName, isPatchFile: _patch, externalFacts: _facts, ...rest } = this.judgeOptions.lint ?? {};
    return { ...rest, workspaceComplete: true, deployableUnit: true };
  }

  /** The kustomization directories of the project: the roots are those no other one includes. */
  setKustomizations(dirs: readonly string[]): void {
    this.setRoots(kustomizeRoots(this.files, [...dirs]).roots);
  }

  /** Judge exactly these roots (the CLI's --kustomize-root). */
  setRoots(roots: readonly string[]): void {
    const next = new Map<string, RootState>();
    for (const root of roots) {
      const known = this.states.get(root);
      next.set(
        root,
        known ?? {
          root,
          label: this.label(root),
          file: kustomizationFileIn(this.files, root).file ?? `${root}/kustomization.yaml`,
          linter: new Linter(new FileModel({ kind: 'rendered', origins: new OriginMap([]) })),
          facts: new BuildFacts(),
          placed: [],
          dirty: true,
        },
      );
    }
    const same = next.size === this.states.size && [...next.keys()].every((root, i) => [...this.states.keys()][i] === root);
    this.states = next;
    if (!same) this.verdictCache = undefined;
  }

  get roots(): readonly RootState[] {
    return [...this.states.values()];
  }

  /** Files changed (edited, created, deleted): the roots that read them are built again. Returns those roots. */
  changed(files: readonly string[]): RootState[] {
    // A file created or deleted also touches its folder, which a build may have listed (a chart's templates/).
    const touched = new Set(files.flatMap((file) => [file, file.slice(0, Math.max(0, file.lastIndexOf('/')))]));
    const affected: RootState[] = [];
    for (const state of this.states.values()) {
      if (state.dirty || !state.build || state.build.inputs.some((input) => touched.has(input))) {
        state.dirty = true;
        affected.push(state);
      }
    }
    if (affected.length > 0) this.verdictCache = undefined;
    return affected;
  }

  /** The roots whose builds read the file. */
  rootsReading(file: string): RootState[] {
    return this.roots.filter((state) => state.build?.rendered !== undefined && state.build.inputs.includes(file));
  }

  /** Builds and lints what changed, and places every finding. */
  verdict(): KustomizeVerdict {
    for (const state of this.states.values()) if (state.dirty) this.judgeRoot(state);
    this.verdictCache ??= this.assemble();
    return this.verdictCache;
  }

  /** The build behind a finding of the verdict: each root's finding in its built text. */
  membersOf(finding: KustomizeFinding): readonly PlacedFinding[] {
    return this.members.get(finding) ?? [];
  }

  private judgeRoot(state: RootState): void {
    state.dirty = false;
    state.build = buildKustomization(this.files, state.root, { cache: this.cache });
    try {
      this.lintRoot(state);
    } catch (error) {
      // A bug of this tool must not take the other roots (or the files judged alone) with it: say so on the root.
      const message = `internal error while judging ${state.label}: ${error instanceof Error ? error.message : String(error)}`;
      state.build = {
        root: state.root,
        inputs: state.build.inputs,
        error: { message, file: state.file, start: 0, end: 0, unsupported: false },
      };
      state.placed = [];
      state.result = undefined;
      state.linter = new Linter(new FileModel({ kind: 'rendered', origins: new OriginMap([]) }));
      state.facts = new BuildFacts();
    }
  }

  private lintRoot(state: RootState): void {
    state.placed = [];
    state.result = undefined;
    const rendered = state.build?.rendered;
    if (!rendered) return;
    const origins = OriginMap.of(rendered);
    const model = state.linter.model;
    model.source = { kind: 'rendered', origins, sources: this.files };
    const options = this.lintOptions;
    model.setText(rendered.text, options.maxTextLength);
    const project = state.facts.update(model);
    state.result = state.linter.lint(rendered.text, { ...options, project, ownFactsInProject: true });
    for (const finding of state.result.findings) {
      const placement = placeBuildFinding(finding, model, origins, this.sources);
      if (!placement) continue;
      const related: RelatedLocation[] = [];
      for (const item of finding.related ?? []) {
        const range = builtRange(model, item.file, item.start, item.end);
        const placed = range && model.chunkAt(range[0]);
        if (!range || !placed) continue;
        const anchor = { ...finding, start: range[0], end: range[1], docIndex: placed.docBase, container: undefined };
        const at = placeBuildFinding(anchor, model, origins, this.sources)?.at;
        if (at) related.push({ file: at.file, start: at.start, end: at.end, message: item.message });
      }
      const source = placement.object ? this.sources.objectAt(placement.object.file, placement.object.start)?.object : undefined;
      const name = source?.name ?? finding.name;
      let message = finding.message;
      if (finding.name !== undefined && name !== undefined && name !== finding.name) {
        message = message.split(`"${finding.name}"`).join(`"${name}"`);
      }
      const suppressedBy = sourceSuppressions(finding.ruleId, placement, this.sources);
      state.placed.push({ state, finding, placement, message, ...(name !== undefined ? { name } : {}), suppressedBy, related });
    }
  }

  private assemble(): KustomizeVerdict {
    const roots: RootSummary[] = [];
    const notices: KustomizeNotice[] = [];
    const builtFiles = new Set<string>();
    const groups = new Map<string, PlacedFinding[]>();
    const usedSuppressions: DirectiveRange[] = [];
    for (const state of this.states.values()) {
      const build = state.build;
      const error = build?.error;
      roots.push({
        root: state.root,
        label: state.label,
        file: state.file,
        built: build?.rendered !== undefined,
        ...(error ? { error: error.message } : {}),
        objects: state.result?.documentCount ?? 0,
        findings: state.result?.findings.length ?? 0,
      });
      if (error || !build?.rendered) {
        notices.push(this.notBuiltNotice(state, error?.message ?? 'it could not be built'));
        continue;
      }
      for (const input of build.inputs) builtFiles.add(input);
      for (const placed of state.placed) {
        if (placed.suppressedBy.length > 0) {
          usedSuppressions.push(...placed.suppressedBy);
          continue;
        }
        const { at } = placed.placement;
        const key = [placed.finding.ruleId, at.file, at.start, at.end, placed.finding.severity, placed.message].join('\u0000');
        const group = groups.get(key);
        if (group) {
          if (!group.some((other) => other.state === state)) group.push(placed);
        } else groups.set(key, [placed]);
      }
    }
    const findings: KustomizeFinding[] = [];
    for (const group of groups.values()) {
      const first = group[0];
      const { at } = first.placement;
      // A suppression annotation is judged by every build that has it: unused only when unused in all of them.
      if (first.finding.ruleId === UNUSED_SUPPRESSION && group.length < this.rootsReading(at.file).length) continue;
      const labels = group.map((placed) => placed.state.label);
      const finding: KustomizeFinding = {
        ruleId: first.finding.ruleId,
        severity: first.finding.severity,
        message: `In ${describeRoots(labels)}: ${first.message}`,
        start: at.start,
        end: at.end,
        docIndex: this.sources.docIndexAt(at.file, at.start),
        file: at.file,
        roots: labels,
        related: [...first.related, ...group.map((placed) => relatedForRoot(placed, this.sources, (path) => this.label(path)))],
      };
      for (const field of ['kind', 'container'] as const) {
        const value = first.finding[field];
        if (value !== undefined) finding[field] = value;
      }
      if (first.name !== undefined) finding.name = first.name;
      this.members.set(finding, group);
      findings.push(finding);
    }
    findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.ruleId.localeCompare(b.ruleId)));
    return { roots, findings, notices, builtFiles, usedSuppressions };
  }

  private notBuiltNotice(state: RootState, why: string): KustomizeNotice {
    const error = state.build?.error;
    const text = this.files.readText(state.file) ?? '';
    let start = 0;
    let end: number;
    if (error && error.file === state.file && error.end > error.start) {
      start = error.start;
      end = error.end;
    } else {
      const newline = text.indexOf('\n');
      end = Math.min(newline < 0 ? text.length : newline, 200);
    }
    return {
      reason: 'kustomize-error',
      message: `Kustomize root ${state.label} was not built, so its files are judged alone: ${why}`,
      start,
      end,
      docIndex: -1,
      file: state.file,
      root: state.label,
    };
  }
}
