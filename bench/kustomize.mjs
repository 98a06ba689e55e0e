// The Kustomize rows of `npm run bench`: a generated root of 50 resources (a base of 20 Deployments with their
// Services and 10 PDBs, an overlay with a namespace, a prefix, common labels, an image and a strategic-merge
// patch per Deployment), judged in process (server/out/engine/kustomize) over in-memory files:
//   - build and lint the root from nothing (new judge: parse, build, lint, place every finding);
//   - after a one-character edit to a base Deployment: rebuild the root (parse cache kept) and re-lint (linter
//     kept), as the language server does on a keystroke; target under 20 ms.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The generated project: POSIX path -> text. */
export function kustomizeProject(deployments = 20) {
  const files = {};
  const resources = [];
  for (let i = 0; i < deployments; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    files[`base/${name}.yaml`] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0.${i}
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: 8080
`;
    resources.push(`${name}.yaml`);
  }
  for (let i = 0; i < deployments / 2; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    files[`base/pdb-${name}.yaml`] = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: ${name}
`;
    resources.push(`pdb-${name}.yaml`);
  }
  files['base/kustomization.yaml'] = `resources:\n${resources.map((r) => `  - ${r}\n`).join('')}`;
  const patches = [];
  for (let i = 0; i < deployments; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    files[`overlays/prod/${name}-patch.yaml`] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 4
  template:
    spec:
      containers:
        - name: app
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
`;
    patches.push(`${name}-patch.yaml`);
  }
  files['overlays/prod/kustomization.yaml'] = `namespace: prod
namePrefix: prod-
commonLabels:
  env: prod
images:
  - name: registry.example.com/svc-00
    newTag: 2.0.0
resources:
  - ../../base
patches:
${patches.map((p) => `  - path: ${p}\n`).join('')}`;
  return files;
}

function memoryFiles(contents) {
  const dirs = new Map();
  for (const file of Object.keys(contents)) {
    const parts = file.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = i === 0 ? '.' : parts.slice(0, i).join('/');
      const entries = dirs.get(dir) ?? new Map();
      entries.set(parts[i], i < parts.length - 1);
      dirs.set(dir, entries);
    }
  }
  return {
    readText: (p) => contents[p],
    readBytes: (p) => (contents[p] === undefined ? undefined : new TextEncoder().encode(contents[p])),
    list: (p) => {
      const entries = dirs.get(p === '' ? '.' : p);
      return entries
        ? [...entries].map(([name, directory]) => ({ name, directory })).sort((a, b) => (a.name < b.name ? -1 : 1))
        : undefined;
    },
  };
}

/** Runs the Kustomize rows with `timeIt` (stats.mjs: the warm-up and budget run.mjs uses); undefined when the engine is not built. */
export function benchKustomize(root, timeIt) {
  const entry = join(root, 'server', 'out', 'engine', 'kustomize', 'index.js');
  if (!existsSync(entry)) return undefined;
  const { KustomizeJudge } = require(entry);
  const contents = kustomizeProject();
  const files = memoryFiles(contents);
  const judgeOnce = () => {
    const judge = new KustomizeJudge(files, {});
    judge.setRoots(['overlays/prod']);
    return judge.verdict();
  };
  const first = judgeOnce();
  const root0 = first.roots[0];
  const full = timeIt(judgeOnce, { budgetMs: 4000, maxRuns: 40 });

  // One judge kept, as the language server keeps it; each run types one character into a base Deployment.
  const judge = new KustomizeJudge(files, {});
  judge.setRoots(['overlays/prod']);
  judge.verdict();
  const file = 'base/svc-07.yaml';
  const original = contents[file];
  let n = 0;
  const edit = () => {
    n++;
    contents[file] = original.replace(
      'image: registry.example.com/svc-07:1.0.7',
      `image: registry.example.com/svc-07:1.0.7${'x'.repeat(n % 5)}`,
    );
    judge.changed([file]);
    return judge.verdict();
  };
  const relint = timeIt(edit, { budgetMs: 4000, maxRuns: 200, minRuns: 20 });
  contents[file] = original;
  return {
    resources: root0?.objects,
    findings: first.findings.length,
    full,
    relint,
  };
}
