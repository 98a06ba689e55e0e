// The project's questions (facts/project.ts over facts/projectIndex.ts) answer exactly what a scan of every fact
// would, and without looking at every fact: a question about one object costs about what its answer holds, not
// the size of the project (issue 15: a PDB asking for every workload of its namespace made big runs quadratic).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelSelectorMatches } from '../../../server/out/engine/facts/collect';
import { ProjectView } from '../../../server/out/engine/facts/project';
import { ProjectIndex, type KustomizationPaths } from '../../../server/out/engine/facts/projectIndex';
import type { Facts, PdbFact } from '../../../server/out/engine/facts/types';
import { sameNamespace } from '../../../server/out/engine/k8s/objects';
import { Linter } from '../../../server/out/engine';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function emptyFacts(): Facts {
  return { services: [], autoscalers: [], pdbs: [], workloads: [], namespaces: [], meshRoutes: [], opaque: [] };
}

/** Random facts over few labels and namespaces, so that selectors share entries and many questions match. */
function randomProject(seed: number, files: number): Map<string, Facts> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const namespaces = [undefined, 'a', 'b'];
  const labels = (): Record<string, string> => {
    const result: Record<string, string> = {};
    for (const key of ['app', 'tier', 'team']) if (random() < 0.6) result[key] = pick(['x', 'y', 'z']);
    return result;
  };
  const project = new Map<string, Facts>();
  for (let f = 0; f < files; f++) {
    const facts = emptyFacts();
    for (let i = 0; i < 3; i++) {
      if (random() < 0.7) {
        facts.workloads.push({
          kind: 'Deployment',
          name: `w${f}-${i}`,
          namespace: pick(namespaces),
          podLabels: labels(),
          fragment: random() < 0.1,
        });
      }
      const selector = labels();
      if (random() < 0.4 && Object.keys(selector).length > 0) {
        facts.services.push({ name: `s${f}-${i}`, namespace: pick(namespaces), selector, ports: [] });
      }
      if (random() < 0.4) {
        const shape = random();
        const pdb: PdbFact = { name: `p${f}-${i}`, namespace: pick(namespaces), emptySelectsAll: random() < 0.8 };
        if (shape < 0.7) pdb.selector = { matchLabels: labels() };
        else if (shape < 0.85) pdb.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['x', 'y'] }] };
        facts.pdbs.push(pdb);
      }
    }
    project.set(`file-${f}.yaml`, facts);
  }
  return project;
}

function viewOf(project: Map<string, Facts>, self: string): ProjectView {
  const others = new ProjectIndex();
  for (const [file, facts] of project) others.set(file, facts);
  return new ProjectView(new ProjectIndex(), others, self, { crossFile: true, complete: true });
}

describe('project questions', () => {
  it('answer as a scan of every fact would, in project order', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const project = randomProject(seed, 60);
      const self = 'file-7.yaml';
      const view = viewOf(project, self);
      const others = [...project].filter(([file]) => file !== self).map(([, facts]) => facts);
      const workloads = others.flatMap((facts) => facts.workloads);
      const allServices = others.flatMap((facts) => facts.services);
      const allPdbs = others.flatMap((facts) => facts.pdbs);
      for (const workload of workloads) {
        const services = allServices.filter(
          (service) =>
            sameNamespace(service.namespace, workload.namespace) &&
            Object.entries(service.selector).every(([key, value]) => workload.podLabels?.[key] === value),
        );
        assert.deepEqual(
          view.servicesSelecting(workload.podLabels, workload.namespace),
          services,
          `seed ${seed}: services of ${workload.name}`,
        );
        const pdbs = allPdbs.filter(
          (pdb) =>
            sameNamespace(pdb.namespace, workload.namespace) &&
            (pdb.selector === undefined || labelSelectorMatches(pdb.selector, workload.podLabels, pdb.emptySelectsAll)),
        );
        assert.deepEqual(view.pdbsSelecting(workload.podLabels, workload.namespace), pdbs, `seed ${seed}: PDBs of ${workload.name}`);
      }
      for (const pdb of allPdbs) {
        const selected = pdb.selector
          ? workloads.filter(
              (workload) =>
                sameNamespace(pdb.namespace, workload.namespace) &&
                labelSelectorMatches(pdb.selector!, workload.podLabels, pdb.emptySelectsAll),
            )
          : [];
        assert.deepEqual(view.workloadsSelectedBy(pdb), selected, `seed ${seed}: workloads of ${pdb.name}`);
        assert.equal(view.selectsAnyWorkload(pdb), selected.length > 0, `seed ${seed}: does ${pdb.name} select any`);
      }
      assert.equal(view.wholeWorkloadCount(), workloads.filter((workload) => !workload.fragment).length);
    }
  });

  it('files the Services of a label they all share under their other entries', () => {
    // Every Service selects `part-of: shop` first: a workload asking for its Services must not meet all of them.
    const index = new ProjectIndex();
    const count = 2000;
    const read = counter();
    for (let i = 0; i < count; i++) {
      const facts = emptyFacts();
      facts.services.push(read.watch({ name: `s${i}`, namespace: 'prod', selector: { 'part-of': 'shop', app: `app-${i}` }, ports: [] }));
      facts.workloads.push({
        kind: 'Deployment',
        name: `w${i}`,
        namespace: 'prod',
        podLabels: { 'part-of': 'shop', app: `app-${i}` },
        fragment: false,
      });
      index.set(`f${i}.yaml`, facts);
    }
    const view = new ProjectView(new ProjectIndex(), index, undefined, { crossFile: true, complete: true });
    read.reset();
    for (let i = 0; i < count; i++) {
      assert.equal(view.servicesSelecting({ 'part-of': 'shop', app: `app-${i}` }, 'prod').length, 1);
    }
    assert.ok(read.count < count * 4, `${read.count} reads of Service selectors for ${count} questions`);
  });

  it('a PDB that selects a workload finds it without reading the workloads of its namespace', () => {
    const linter = new Linter();
    const index = new ProjectIndex();
    const count = 2000;
    const read = counter();
    for (let i = 0; i < count; i++) {
      const facts = emptyFacts();
      facts.workloads.push(
        read.watch({ kind: 'Deployment', name: `w${i}`, namespace: 'prod', podLabels: { app: `app-${i}` }, fragment: false, replicas: 2 }),
      );
      index.set(`f${i}.yaml`, facts);
    }
    const pdbs = Array.from(
      { length: 50 },
      (_, i) =>
        `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: p${i}\n  namespace: prod\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: app-${i * 7}\n`,
    ).join('---\n');
    read.reset();
    const result = linter.lint(pdbs, { project: index, fileName: 'pdbs.yaml', workspaceComplete: true });
    assert.deepEqual(
      result.findings.filter((finding) => finding.ruleId === 'pdb-selects-nothing'),
      [],
    );
    assert.ok(read.count < 50 * 10, `${read.count} reads of workload labels for 50 PDBs among ${count} workloads`);
    // Asked again after the project changed (a file added), the questions stay as cheap.
    index.set('late.yaml', emptyFacts());
    read.reset();
    linter.lint(pdbs, { project: index, fileName: 'pdbs.yaml', workspaceComplete: true });
    assert.ok(read.count < 50 * 10, `${read.count} reads of workload labels when the answers were checked again`);
  });

  it("a PDB's suggested workloads come from the project as it is when the fix is asked for", () => {
    const deployment = (app: string): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: web\n          image: web:1\n`;
    const pdb = `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n`;
    const linter = new Linter();
    const options = { workspaceComplete: true };
    const selectsNothing = (text: string) =>
      linter.lint(text, options).findings.find((finding) => finding.ruleId === 'pdb-selects-nothing');
    assert.ok(selectsNothing(`${deployment('web-old')}---\n${pdb}`));
    // The Deployment's labels change and the PDB still selects nothing: its document's finding is kept as it was.
    const after = selectsNothing(`${deployment('web-new')}---\n${pdb}`);
    assert.ok(after);
    const titles = linter.fixesFor(after).map((fix) => fix.title);
    assert.deepEqual(titles, ['Select the pods of Deployment "web" (app: web-new)']);
  });
});

describe('answers kept between lints', () => {
  it('a linter whose project changes file by file gives what a fresh lint gives, every time', () => {
    // The linter asks again only the questions the changed facts could touch (facts/project.ts): any change of
    // the other files, however small, must still reach every finding that depends on it.
    const random = prng(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const apps = ['web', 'api', 'db'];
    const namespaces = ['shop', 'ops'];
    const documents: string[] = [];
    for (const app of apps) {
      for (const namespace of namespaces) {
        documents.push(
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  namespace: ${namespace}\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: ${app}\n          image: ${app}:1\n`,
          `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${app}-budget\n  namespace: ${namespace}\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels:\n      app: ${app === 'db' ? 'cache' : app}\n`,
        );
      }
    }
    const text = documents.join('---\n');
    const index = new ProjectIndex();
    const linter = new Linter();
    const options = { project: index, fileName: 'self.yaml', workspaceComplete: true };
    const randomFacts = (): Facts => {
      const facts = emptyFacts();
      const count = Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        const app = pick([...apps, 'cache']);
        const namespace = pick([...namespaces, undefined]);
        switch (pick(['workload', 'service', 'pdb', 'hpa', 'opaque'])) {
          case 'workload':
            facts.workloads.push({ kind: 'Deployment', name: app, namespace, podLabels: { app }, fragment: random() < 0.2, replicas: 2 });
            break;
          case 'service':
            facts.services.push({ name: app, namespace, selector: { app }, ports: [] });
            break;
          case 'pdb':
            facts.pdbs.push({
              name: `${app}-pdb`,
              namespace,
              selector: { matchLabels: { app } },
              emptySelectsAll: true,
              maxUnavailable: 1,
            });
            break;
          case 'hpa':
            facts.autoscalers.push({ name: app, namespace, targetKind: 'Deployment', targetName: app, minReplicas: 1, maxReplicas: 5 });
            break;
          default:
            if (random() < 0.2) facts.opaque.push({ reason: 'yaml-error' });
        }
      }
      return facts;
    };
    const files = ['a.yaml', 'b.yaml', 'c.yaml', 'sub/d.yaml', 'self.yaml'];
    // A kustomization building from a file or folder the project holds, or from one it does not: then the objects
    // of the build are unknown and a budget selecting nothing is not concluded (hasOpaque).
    const randomListing = (): KustomizationPaths | undefined =>
      random() < 0.3 ? { patches: [], sources: [pick(['a.yaml', 'sub', '../base', 'gone/'])], remote: random() < 0.1 } : undefined;
    const summary = (findings: readonly { ruleId: string; start: number; message: string }[]): string[] =>
      findings.map((finding) => `${finding.start} ${finding.ruleId}: ${finding.message}`);
    for (let step = 0; step < 150; step++) {
      const file = pick(files);
      if (random() < 0.25) index.delete(file);
      else index.set(file, randomFacts(), randomListing());
      const kept = linter.lint(text, options);
      const fresh = new Linter().lint(text, options);
      assert.deepEqual(summary(kept.findings), summary(fresh.findings), `step ${step}: ${file} changed`);
    }
  });
});

/** Counts the reads of `selector` and `podLabels` of the facts it watches. */
function counter(): { count: number; reset(): void; watch<T extends object>(fact: T): T } {
  const state = {
    count: 0,
    reset() {
      state.count = 0;
    },
    watch<T extends object>(fact: T): T {
      return new Proxy(fact, {
        get(target, key, receiver) {
          if (key === 'selector' || key === 'podLabels') state.count++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    },
  };
  return state;
}
