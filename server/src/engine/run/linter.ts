// The linter of one file: the file model (model/fileModel.ts) plus the findings of each chunk, kept between
// versions. A chunk is checked again only when its text, the options, or the answers to the questions its rules
// asked about the rest of the project changed (facts/project.ts records them). Findings are plain data; fixes
// are asked for (`fixesFor`) and computed from the chunk's parse, made again if the memory budget released it.
import { getRule, RULES } from '../catalog/registry';
import type { Rule } from '../catalog/rule';
import { ProjectView, type Project } from '../facts/project';
import { indexOf, ProjectIndex } from '../facts/projectIndex';
import { emptyFacts, mergeFacts } from '../facts/collect';
import type { Facts } from '../facts/types';
import { DEFAULT_MAX_TEXT_LENGTH, FileModel, type DocumentSource, type PlacedChunk, type TextChange } from '../model/fileModel';
import type { YamlChunk } from '../model/yamlChunk';
import { UNUSED_SUPPRESSION } from '../suppression/directives';
import { ignoreFixes } from '../suppression/ignore';
import {
  DEFAULT_FIX_DEFAULTS,
  type Finding,
  type FindingWithFixes,
  type Fix,
  type LintOptions,
  type LintResult,
  type Severity,
  type SeveritySetting,
} from '../types';
import { AnalysisOutput } from './analysisOutput';
import { checkChunk, compareFindings, findingKey, type CheckInputs, type ChunkCheck } from './check';
import { chunkNotices, refusalNotice } from './notices';
import { placeFindings, placeFix } from './place';
import type { FixesThunk, RuleRun } from './runner';

/** A lint result whose findings carry their fixes. */
export type LintResultWithFixes = Omit<LintResult, 'findings'> & { findings: FindingWithFixes[] };

interface ChunkResult extends Omit<ChunkCheck, 'fixes'> {
  optionsGeneration: number;
  /** The project generation the findings were last confirmed against. */
  projectGeneration: number;
  /** The same findings rebased for the chunk's last place, reused while it does not move. */
  placed?: { start: number; docBase: number; source: DocumentSource; findings: Finding[] };
}

const SUPPRESSIBLE: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id).filter((id) => id !== UNUSED_SUPPRESSION));

/** A project of the facts given directly (fixtures, tests), made once per facts object. */
const givenProjects = new WeakMap<Partial<Facts>, ProjectIndex>();

export class Linter {
  readonly model: FileModel;
  private readonly results = new WeakMap<YamlChunk, ChunkResult>();
  private options: LintOptions = {};
  private optionsKey: string | undefined;
  private optionsGeneration = 0;
  private inputs: CheckInputs | undefined;
  /** The facts of the file's own chunks, one entry per chunk (`ids`: the entry of each, in document order). */
  private readonly own = { index: new ProjectIndex(), chunks: [] as readonly YamlChunk[], ids: [] as string[] };
  private view: { project: ProjectView; ownGeneration: number; others?: ProjectIndex; othersGeneration: number } | undefined;
  private projectGeneration = 0;
  /** The facts added or removed from one project generation to the next (undefined: not known); the last few. */
  private readonly changedAt = new Map<number, Facts | undefined>();
  /** The output of the last analysis, chunk by chunk (run/analysisOutput.ts). */
  private lastOutput: AnalysisOutput | undefined;

  constructor(model = new FileModel()) {
    this.model = model;
  }

  /** Parses ahead, a slice at a time (see FileModel.prepare). */
  prepare(text: string, shouldPause: () => boolean): boolean {
    return this.model.prepare(text, shouldPause);
  }

  /** Lints `text` (reusing the analysis of every chunk whose text is unchanged). */
  lint(text: string, options: LintOptions = {}): LintResult {
    this.model.setText(text, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH);
    return this.analyse(options);
  }

  /** Lints `text`, the previously linted text with `changes` applied in order (re-splitting only around them). */
  update(text: string, changes: readonly TextChange[], options: LintOptions = {}): LintResult {
    this.model.applyChanges(text, changes, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH);
    return this.analyse(options);
  }

  /** The file is listed as a Kustomize patch (the options of the last lint said so). */
  get isPatchFile(): boolean {
    return this.options.isPatchFile === true;
  }

  /** The project as the last lint saw it (the rollout timeline simulates with the same facts as the diagnostics). */
  project(): Project {
    return this.currentView().project;
  }

  /** The fixes of a finding of the last lint (offsets in the linted text; `file` set for a rendered source). */
  fixesFor(finding: Finding): Fix[] {
    return this.fixes(finding, this.model.source);
  }

  /** The fixes of a finding as edits of the linted text itself, before a rendered document's are carried to its sources. */
  fixesInText(finding: Finding): Fix[] {
    return this.fixes(finding, { kind: 'file' });
  }

  private fixes(finding: Finding, source: DocumentSource): Fix[] {
    const placed = this.model.chunkOfDocument(finding.docIndex);
    if (!placed) return [];
    const key = findingKey({
      ...finding,
      start: finding.start - placed.start,
      end: finding.end - placed.start,
      docIndex: finding.docIndex - placed.docBase,
    });
    let thunk = this.thunks(placed.chunk)?.get(key);
    if (!thunk) {
      // The parse was released since the check (or the finding is not from it): check the chunk again.
      this.thunksOf(placed.chunk, checkChunk(placed.chunk, this.inputs!, this.currentView().project).fixes);
      thunk = this.thunks(placed.chunk)?.get(key);
    }
    if (!thunk) return [];
    const fixes: Fix[] = [];
    for (const fix of thunk(this.currentView().project)) {
      const moved = placeFix(fix, placed, source);
      if (moved) fixes.push(moved);
    }
    return fixes;
  }

  /** Every finding of a lint with its fixes (fix-all, --fix, SARIF, tests). */
  withFixes(findings: readonly Finding[]): FindingWithFixes[] {
    return findings.map((finding) => ({ ...finding, fixes: this.fixesFor(finding) }));
  }

  /** "Ignore <rule> for this container/object" for a finding of the last lint. */
  ignoreFixesFor(finding: Finding): Fix[] {
    if (this.model.source.kind !== 'file') return [];
    const placed = this.model.chunkAt(finding.start);
    return placed ? ignoreFixes(placed, finding, this.options.isPatchFile === true, SUPPRESSIBLE) : [];
  }

  private analyse(options: LintOptions): LintResult {
    this.setOptions(options);
    const refused = this.model.refused;
    if (refused) return { findings: [], notices: [refusalNotice(refused, options.sizeLimitHint)], documentCount: 0 };
    const project = this.currentView();
    const stamp = this.model.beginUse();
    const source = this.model.source;
    const chunks = this.model.chunks;
    const output = new AnalysisOutput(this.optionsGeneration, this.projectGeneration, source);
    // With the options and the project's facts as they were, the chunks around the edited ones say what they said.
    const last = this.lastOutput;
    const reused =
      last?.optionsGeneration === this.optionsGeneration && last.projectGeneration === this.projectGeneration && last.source === source
        ? last.reusable(chunks)
        : { head: 0, tail: 0 };
    output.copy(last, 0, reused.head, chunks);
    for (let i = reused.head; i < chunks.length - reused.tail; i++) {
      const placed = chunks[i];
      const result = this.resultOf(placed, project.project, stamp);
      if (
        !result.placed ||
        result.placed.start !== placed.start ||
        result.placed.docBase !== placed.docBase ||
        result.placed.source !== source
      ) {
        // A rendered document's origins change with its sources even when its text does not.
        result.placed = {
          start: placed.start,
          docBase: placed.docBase,
          source,
          findings: placeFindings(result.findings, placed, source),
        };
      }
      output.add(
        placed,
        result.placed.findings,
        placed.chunk.helm || placed.chunk.hasError ? chunkNotices(placed) : [],
        result.internalErrors.map((error) => ({ ...error, docIndex: error.docIndex + placed.docBase })),
        result.suppressedCount,
      );
    }
    if (last && reused.tail > 0) {
      output.copy(last, last.chunkCount - reused.tail, last.chunkCount, chunks.slice(chunks.length - reused.tail));
    }
    this.lastOutput = output;
    this.model.releaseUnused(stamp);
    // Copies: the caller may keep or change its arrays; the output stays as the next analysis needs it.
    return {
      findings: output.findings.slice(),
      notices: output.notices.slice(),
      documentCount: this.model.documentCount,
      ...(output.internalErrors.length > 0 ? { internalErrors: output.internalErrors.slice() } : {}),
      ...(output.suppressedCount > 0 ? { suppressedCount: output.suppressedCount } : {}),
    };
  }

  /** The chunk's findings: cached, confirmed against the project, or checked now. */
  private resultOf(placed: PlacedChunk, project: Project, stamp: number): ChunkResult {
    const { chunk } = placed;
    const cached = this.results.get(chunk);
    if (cached && cached.optionsGeneration === this.optionsGeneration) {
      if (cached.projectGeneration === this.projectGeneration) return cached;
      if (cached.dependencies.unchangedIn(project, this.changedSince(cached.projectGeneration))) {
        cached.projectGeneration = this.projectGeneration;
        return cached;
      }
    }
    chunk.used = stamp;
    const { fixes, ...check } = checkChunk(chunk, this.inputs!, project);
    this.thunksOf(chunk, fixes);
    const result: ChunkResult = { ...check, optionsGeneration: this.optionsGeneration, projectGeneration: this.projectGeneration };
    this.results.set(chunk, result);
    return result;
  }

  /** Fix thunks hold YAML nodes: they live in the chunk's memo, so they go when its parse goes. */
  private thunksOf(chunk: YamlChunk, fixes: ChunkCheck['fixes']): void {
    const map = chunk.memo(this, () => new Map<string, FixesThunk>());
    map.clear();
    for (const [key, thunk] of fixes) map.set(key, thunk);
  }

  private thunks(chunk: YamlChunk): Map<string, FixesThunk> | undefined {
    return chunk.isParsed ? chunk.memo(this, () => new Map<string, FixesThunk>()) : undefined;
  }

  private setOptions(options: LintOptions): void {
    const others = options.project ?? givenProject(options.externalFacts);
    const key = JSON.stringify([
      options.rules ?? {},
      options.fixDefaults ?? {},
      options.ruleOptions ?? {},
      options.workspaceComplete === true,
      options.isPatchFile === true,
      options.deployableUnit === true,
      options.ownFactsInProject === true,
      options.fileName ?? null,
      others ? projectId(others) : 0,
    ]);
    this.options = options;
    if (key === this.optionsKey) return;
    this.optionsKey = key;
    this.optionsGeneration++;
    this.view = undefined;
    const runs: RuleRun[] = [];
    let unused: RuleRun | undefined;
    for (const rule of RULES) {
      const severity = effectiveSeverity(rule, options.rules?.[rule.meta.id]);
      if (!severity) continue;
      if (rule.meta.id === UNUSED_SUPPRESSION) unused = { rule, severity };
      else runs.push({ rule, severity });
    }
    this.inputs = {
      runs,
      ...(unused ? { unused } : {}),
      rule: getRule,
      isOff: (ruleId) => options.rules?.[ruleId] === 'off',
      suppressible: SUPPRESSIBLE,
      fixDefaults: { ...DEFAULT_FIX_DEFAULTS, ...options.fixDefaults },
      ruleOptions: options.ruleOptions ?? {},
      patchFile: options.isPatchFile === true,
    };
  }

  /** The project view for the current text and options; a new one (a new generation) when the facts changed. */
  private currentView(): NonNullable<Linter['view']> {
    this.updateOwnFacts();
    const options = this.options;
    const others = options.project ?? givenProject(options.externalFacts);
    const view = this.view;
    const ownGeneration = this.own.index.generation;
    if (view && view.ownGeneration === ownGeneration && view.others === others && view.othersGeneration === (others?.generation ?? 0)) {
      return view;
    }
    this.projectGeneration++;
    // What changed since the previous view: the own index's changes and the others' (the file's own entries
    // there left out: its answers never include them).
    let changed: Facts | undefined;
    if (view && view.others === others) {
      const own = this.own.index.changesSince(view.ownGeneration);
      const theirs = others ? others.changesSince(view.othersGeneration, options.fileName) : emptyFacts();
      if (own && theirs) {
        changed = own;
        mergeFacts(changed, theirs);
      }
    }
    this.changedAt.set(this.projectGeneration, changed);
    this.changedAt.delete(this.projectGeneration - KEPT_CHANGES);
    const scope = {
      crossFile: others !== undefined || options.workspaceComplete === true,
      complete: options.workspaceComplete === true,
      ...(options.deployableUnit === true ? { build: true } : {}),
    };
    this.view = {
      project: new ProjectView(this.own.index, others, options.fileName, scope),
      ownGeneration,
      ...(others ? { others } : {}),
      othersGeneration: others?.generation ?? 0,
    };
    return this.view;
  }

  /** The facts changed since `generation` (undefined when not known: every question is asked again). */
  private changedSince(generation: number): Facts | undefined {
    if (generation === this.projectGeneration - 1) return this.changedAt.get(this.projectGeneration);
    if (generation < this.projectGeneration - KEPT_CHANGES + 1) return undefined;
    const changed = emptyFacts();
    for (let g = generation + 1; g <= this.projectGeneration; g++) {
      const step = this.changedAt.get(g);
      if (!step) return undefined;
      mergeFacts(changed, step);
    }
    return changed;
  }

  /**
   * Brings the index of the file's own facts up to date with its chunks, touching only the chunks that changed
   * (an edit replaces one or a few): a 3,000-document file is not indexed again on every keystroke. Chunks whose
   * facts say the same as those they replace keep their entries (no change for the others to see).
   */
  private updateOwnFacts(): void {
    const own = this.own;
    // With its own facts already in the project (a Kustomize build's output), the file adds none of its own.
    const chunks = this.options.ownFactsInProject === true ? [] : this.model.chunks.map((placed) => placed.chunk);
    const before = own.chunks;
    let head = 0;
    while (head < before.length && head < chunks.length && before[head] === chunks[head]) head++;
    let tailBefore = before.length;
    let tailNow = chunks.length;
    while (tailBefore > head && tailNow > head && before[tailBefore - 1] === chunks[tailNow - 1]) {
      tailBefore--;
      tailNow--;
    }
    const removed = before.slice(head, tailBefore);
    const added = chunks.slice(head, tailNow);
    own.chunks = chunks;
    if (removed.length === added.length && removed.every((chunk, i) => chunk.factsKey === added[i].factsKey)) return;
    for (const id of own.ids.slice(head, tailBefore)) own.index.delete(id);
    const ids = added.map((chunk) => {
      const id = `#${nextChunkEntry++}`;
      own.index.set(id, chunk.facts);
      return id;
    });
    own.ids = [...own.ids.slice(0, head), ...ids, ...own.ids.slice(tailBefore)];
    own.index.reorder(own.ids);
  }
}

/** Project generations whose changes are kept (a check older than that asks all its questions again). */
const KEPT_CHANGES = 8;

/** Names of the entries of own-chunk facts (unique per linter and chunk version). */
let nextChunkEntry = 0;

function givenProject(facts: Partial<Facts> | undefined): ProjectIndex | undefined {
  if (!facts) return undefined;
  let index = givenProjects.get(facts);
  if (!index) {
    index = indexOf(facts, '\u0000given');
    givenProjects.set(facts, index);
  }
  return index;
}

const projectIds = new WeakMap<ProjectIndex, number>();
let nextProjectId = 1;

function projectId(index: ProjectIndex): number {
  let id = projectIds.get(index);
  if (id === undefined) {
    id = nextProjectId++;
    projectIds.set(index, id);
  }
  return id;
}

function effectiveSeverity(rule: Rule, setting: SeveritySetting | undefined): Severity | undefined {
  if (setting === 'off') return undefined;
  if (setting === undefined || setting === 'default') return rule.meta.severity;
  return setting;
}

/** Lints once, without caches. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  return new Linter().lint(text, options);
}

/** Lints once and computes every finding's fixes. */
export function lintWithFixes(text: string, options: LintOptions = {}): LintResultWithFixes {
  const linter = new Linter();
  const result = linter.lint(text, options);
  return { ...result, findings: linter.withFixes(result.findings) };
}

export { compareFindings };
