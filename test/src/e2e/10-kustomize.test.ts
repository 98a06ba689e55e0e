// Kustomize in a real VS Code: a base and two overlays written into the workspace (the file watcher tells the
// server), then the base and a patch opened. The base, whose readinessProbe, preStop and maxUnavailable: 0 come
// from the overlays' patches, shows nothing; the staging patch shows the one true finding, naming its root; the
// base's Deployment gets one rollout CodeLens per root.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, fixture, openFixture, waitForDiagnostics, DIAGNOSTICS_TIMEOUT_MS } from './helpers';

const ROOT = 'kustomize-e2e';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-e2e
spec:
  replicas: 4
  progressDeadlineSeconds: 180
  selector:
    matchLabels:
      app: shop-e2e
  template:
    metadata:
      labels:
        app: shop-e2e
    spec:
      containers:
        - name: web
          image: shop/web:1.8.2
          ports:
            - name: http
              containerPort: 8080
          livenessProbe:
            httpGet:
              path: /livez
              port: http
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              memory: 256Mi
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: shop-e2e
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: shop-e2e
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: shop-e2e
`;

function patch(maxUnavailable: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-e2e
spec:
  strategy:
    rollingUpdate:
      maxUnavailable: ${maxUnavailable}
  template:
    spec:
      containers:
        - name: web
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
          lifecycle:
            preStop:
              sleep:
                seconds: 10
`;
}

const overlay = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
patches:
  - path: rollout.yaml
`;

const FILES: Record<string, string> = {
  'base/deployment.yaml': DEPLOYMENT,
  'base/pdb.yaml': PDB,
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - pdb.yaml\n',
  'overlays/prod/rollout.yaml': patch('0'),
  'overlays/prod/kustomization.yaml': overlay,
  'overlays/staging/rollout.yaml': patch('50%'),
  'overlays/staging/kustomization.yaml': overlay,
};

describe('Kustomize: a base judged through its overlays', () => {
  before(async () => {
    for (const [name, text] of Object.entries(FILES)) {
      await vscode.workspace.fs.writeFile(fixture(`${ROOT}/${name}`), Buffer.from(text, 'utf8'));
    }
  });

  after(async () => {
    await vscode.workspace.fs.delete(fixture(ROOT), { recursive: true, useTrash: false });
  });

  it('the staging patch shows the true finding, naming its root; the base shows nothing false', async () => {
    const staging = await openFixture(`${ROOT}/overlays/staging/rollout.yaml`);
    const [finding] = await waitForDiagnostics(
      staging.uri,
      (ds) => ds.some((d) => codeOf(d) === 'rolling-update-unavailable' && d.message.startsWith(`In ${ROOT}/overlays/staging: `)),
      'rolling-update-unavailable from the staging build',
      DIAGNOSTICS_TIMEOUT_MS * 2,
    );
    assert.match(finding.message, /maxUnavailable: 50% lets 2 of the 4 replicas stop serving/, describeDiagnostics([finding]));
    assert.strictEqual(finding.range.start.line, 7, 'on the patch line that set it');
    const base = await openFixture(`${ROOT}/base/deployment.yaml`);
    const ds = await waitForDiagnostics(base.uri, (all) => all.length === 0, 'no finding on the base: both overlays supply the fields');
    assert.deepStrictEqual(ds, []);
  });

  it('the base Deployment gets one rollout CodeLens per root', async () => {
    // Both builds are judged once the budget's hint (its unhealthyPodEvictionPolicy is left unset) names both roots:
    // the files were written one by one, and a build of one root alone leaves the base's Deployment silent too.
    const pdb = await openFixture(`${ROOT}/base/pdb.yaml`);
    await waitForDiagnostics(
      pdb.uri,
      (all) =>
        all.some(
          (d) =>
            codeOf(d) === 'pdb-unhealthy-eviction-policy' &&
            d.message.startsWith(`In ${ROOT}/overlays/prod and ${ROOT}/overlays/staging: `),
        ),
      'the budget judged through both builds',
      DIAGNOSTICS_TIMEOUT_MS * 2,
    );
    const base = await openFixture(`${ROOT}/base/deployment.yaml`);
    await waitForDiagnostics(base.uri, (all) => all.length === 0, 'the base judged through its builds');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', base.uri, 10)) ?? [];
    const titles = lenses.map((lens) => lens.command?.title ?? '').filter((title) => title.startsWith('Rollout in '));
    assert.deepStrictEqual(titles.map((title) => title.replace(/:.*/, '')).sort(), [
      `Rollout in ${ROOT}/overlays/prod`,
      `Rollout in ${ROOT}/overlays/staging`,
    ]);
  });
});
