// What a rule may know about objects outside the YAML document it checks: the other documents of its file
// (their facts, without origins) and the other files of the project (with origins). Rules ask exact questions
// ("the PDBs selecting these pods"); each answer comes from the indexes (facts/projectIndex.ts) with the exact
// match applied, the file's own facts first. A RecordingProject remembers every question a check asked and the
// facts of each answer, so the linter knows what a document's findings depend on without a hand-kept list: when
// the facts change, the questions are asked again, and only documents whose answers changed are checked again.
import { sameNamespace, selectorMatches } from '../k8s/objects';
import { labelSelectorMatches } from './collect';
import { ProjectIndex } from './projectIndex';
import type { AutoscalerFact, PdbFact, ServiceFact, WorkloadFact } from './types';

/**
 * What the facts cover: the file alone, or the file plus other files (a workspace folder, the CLI's paths);
 * `complete` when every YAML file of the project was seen, so absence of an object may be concluded.
 */
export interface Scope {
  crossFile: boolean;
  complete: boolean;
  /** The text is the whole output of a build (a Kustomize root): "in the build" rather than "in the folder". */
  build?: boolean;
}

/** An object that may be scaled or selected: a workload (as an object of the document or as a fact). */
export interface ScaleTarget {
  kind: string;
  name?: string;
  namespace?: string;
}

export interface Project {
  readonly scope: Scope;
  /** Services of the namespace whose selector selects pods with these labels. */
  servicesSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): ServiceFact[];
  /** PDBs of the namespace that select pods with these labels (a selector that cannot be read counts: no false alarms). */
  pdbsSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): PdbFact[];
  /** Workloads (whole objects and patches) of the PDB's namespace whose pods it selects. */
  workloadsSelectedBy(pdb: PdbFact): WorkloadFact[];
  /** Workloads that may be in the namespace. */
  workloadsIn(namespace: string | undefined): WorkloadFact[];
  /** The HPA (or other autoscaler) whose scaleTargetRef names this object. */
  autoscalerOf(target: ScaleTarget): AutoscalerFact | undefined;
  /** Some document of the project could not be read (a Helm template, a YAML error): its objects are unknown. */
  hasOpaque(): boolean;
}

/** The project as one file sees it: its own facts, then the other files' (the file's own entries left out). */
export class ProjectView implements Project {
  constructor(
    /** The facts of the linted text (one entry per YAML chunk, in document order). */
    private readonly own: ProjectIndex,
    /** The facts of the other files, when there are any. */
    private readonly others: ProjectIndex | undefined,
    /** How the others index spells the linted file (its entries there are older than the text). */
    private readonly self: string | undefined,
    readonly scope: Scope,
  ) {}

  servicesSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): ServiceFact[] {
    return this.both((index, exclude) => index.servicesFor(labels, exclude)).filter(
      (service) => sameNamespace(service.namespace, namespace) && selectorMatches(service.selector, labels),
    );
  }

  pdbsSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): PdbFact[] {
    return this.both((index, exclude) => index.pdbsFor(labels, exclude)).filter(
      (pdb) =>
        sameNamespace(pdb.namespace, namespace) &&
        (pdb.selector === undefined || labelSelectorMatches(pdb.selector, labels, pdb.emptySelectsAll)),
    );
  }

  workloadsSelectedBy(pdb: PdbFact): WorkloadFact[] {
    const selector = pdb.selector;
    if (!selector) return [];
    return this.both((index, exclude) => index.workloadsFor(pdb, exclude)).filter(
      (workload) =>
        sameNamespace(pdb.namespace, workload.namespace) && labelSelectorMatches(selector, workload.podLabels, pdb.emptySelectsAll),
    );
  }

  workloadsIn(namespace: string | undefined): WorkloadFact[] {
    return this.both((index, exclude) => index.workloadsIn(namespace, exclude)).filter((workload) =>
      sameNamespace(namespace, workload.namespace),
    );
  }

  autoscalerOf(target: ScaleTarget): AutoscalerFact | undefined {
    return this.both((index, exclude) => index.autoscalersFor(target.name, exclude)).find(
      (hpa) =>
        hpa.targetKind === target.kind &&
        hpa.targetName !== undefined &&
        hpa.targetName === target.name &&
        sameNamespace(hpa.namespace, target.namespace),
    );
  }

  hasOpaque(): boolean {
    return this.own.hasOpaque() || (this.others?.hasOpaque(this.self) ?? false);
  }

  private both<T>(ask: (index: ProjectIndex, exclude: string | undefined) => T[]): T[] {
    const own = ask(this.own, undefined);
    return this.others ? [...own, ...ask(this.others, this.self)] : own;
  }
}

/** A project of nothing: an object judged alone. */
export function emptyProject(): Project {
  return new ProjectView(new ProjectIndex(), undefined, undefined, { crossFile: false, complete: false });
}

interface Question {
  ask(project: Project): unknown;
  answer: string;
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A stable number per fact object (the facts of an unchanged document are the same objects from lint to lint). */
function idOf(fact: object): number {
  let id = ids.get(fact);
  if (id === undefined) {
    id = nextId++;
    ids.set(fact, id);
  }
  return id;
}

function answerKey(answer: unknown): string {
  if (Array.isArray(answer)) return answer.map((fact: object) => idOf(fact)).join(',');
  if (answer !== null && typeof answer === 'object') return String(idOf(answer));
  return String(answer);
}

/** The questions one check asked, with their answers: what its findings depend on. */
export class Dependencies {
  constructor(private readonly questions: readonly Question[]) {}

  /** Would every question get the same answer from this project? */
  unchangedIn(project: Project): boolean {
    return this.questions.every((question) => answerKey(question.ask(project)) === question.answer);
  }
}

/** A project that remembers the questions asked of it. */
export class RecordingProject implements Project {
  private readonly questions: Question[] = [];

  constructor(private readonly project: Project) {}

  get scope(): Scope {
    return this.project.scope;
  }

  dependencies(): Dependencies {
    return new Dependencies([...this.questions]);
  }

  servicesSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): ServiceFact[] {
    return this.record((project) => project.servicesSelecting(labels, namespace));
  }

  pdbsSelecting(labels: Record<string, string> | undefined, namespace: string | undefined): PdbFact[] {
    return this.record((project) => project.pdbsSelecting(labels, namespace));
  }

  workloadsSelectedBy(pdb: PdbFact): WorkloadFact[] {
    return this.record((project) => project.workloadsSelectedBy(pdb));
  }

  workloadsIn(namespace: string | undefined): WorkloadFact[] {
    return this.record((project) => project.workloadsIn(namespace));
  }

  autoscalerOf(target: ScaleTarget): AutoscalerFact | undefined {
    const { kind, name, namespace } = target;
    return this.record((project) => project.autoscalerOf({ kind, name, namespace }));
  }

  hasOpaque(): boolean {
    return this.record((project) => project.hasOpaque());
  }

  private record<T>(ask: (project: Project) => T): T {
    const answer = ask(this.project);
    this.questions.push({ ask, answer: answerKey(answer) });
    return answer;
  }
}
