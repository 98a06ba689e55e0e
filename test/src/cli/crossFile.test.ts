// Cross-file analysis in the CLI (issue 6): the files given are judged together, as the language server judges
// a workspace folder. examples/multi-file/ is a Kustomize base split over deployment.yaml, service.yaml,
// pdb.yaml, hpa.yaml and a patch listed in kustomization.yaml.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { after, describe, it } from 'node:test';
import { cli, DEPLOYMENT, removeTrees, ROOT, tree } from './helpers';

const PROJECT = 'examples/multi-file';

interface Record {
  file: string;
  rule: string;
  message: string;
  name?: string;
}

function run(args: string[], cwd = ROOT): Record[] {
  const result = cli(['--format', 'json', ...args], { cwd });
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record[];
}

const summary = (records: Record[]): string[] =>
  records.map((r) => `${path.basename(r.file)} ${r.rule}${r.name ? ` ${r.name}` : ''}`).sort();

describe('CLI: cross-file analysis', () => {
  after(removeTrees);

  it('judges the files of a directory together: Service, PDB and HPA in other files count', () => {
    const records = run([`${PROJECT}/`]);
    assert.deepEqual(summary(records), [
      'deployment.yaml hpa-target-missing-requests shop',
      'deployment.yaml readiness-probe-missing shop',
      'deployment.yaml replicas-with-autoscaler shop',
      'deployment.yaml resources-missing shop',
      'pdb.yaml pdb-selects-nothing shop-worker',
    ]);
    const reset = records.find((r) => r.rule === 'replicas-with-autoscaler');
    assert.match(reset!.message, /HorizontalPodAutoscaler "shop" scales/);
    const readiness = records.find((r) => r.rule === 'readiness-probe-missing');
    assert.match(readiness!.message, /Service "shop" sends its port 80 to this container's port "http"/);
    const hpa = records.find((r) => r.rule === 'hpa-target-missing-requests');
    assert.match(hpa!.message, /HorizontalPodAutoscaler "shop" scales Deployment "shop" on cpu utilization/);
    assert.doesNotMatch(hpa!.message, /in this file/);
    const orphan = records.find((r) => r.rule === 'pdb-selects-nothing');
    assert.match(orphan!.message, /\(1 workload\)/, 'the patch listed in kustomization.yaml is a fragment, not a second workload');
  });

  it('a file given alone is judged alone, and says so where another file would change the verdict', () => {
    const records = run([`${PROJECT}/deployment.yaml`]);
    const rules = summary(records);
    const readiness = records.find((r) => r.rule === 'readiness-probe-missing');
    assert.match(readiness!.message, /it declares containerPort 8080/, 'no Service seen: the declared port is what makes it serve');
    assert.ok(!rules.some((r) => r.includes('hpa-target-missing-requests')), 'no HPA seen');
    const pdb = records.find((r) => r.rule === 'pdb-missing');
    assert.ok(pdb, `pdb.yaml not given: ${rules.join(', ')}`);
    assert.match(pdb.message, /only this file was checked/);
  });

  it('files given by name are judged together, but absence is concluded only for directories', () => {
    const records = run([`${PROJECT}/deployment.yaml`, `${PROJECT}/service.yaml`, `${PROJECT}/pdb.yaml`]);
    const rules = summary(records);
    assert.ok(rules.includes('deployment.yaml readiness-probe-missing shop'), rules.join(', '));
    assert.ok(!rules.some((r) => r.includes('pdb-missing')), 'the PDB in pdb.yaml protects the Deployment');
    assert.ok(!rules.some((r) => r.includes('pdb-selects-nothing')), 'files given by name: the folder was not seen whole');
    const pdbMissing = run([`${PROJECT}/deployment.yaml`, `${PROJECT}/service.yaml`]).find((r) => r.rule === 'pdb-missing');
    assert.ok(pdbMissing);
    assert.match(pdbMissing.message, /in the files checked/);
    assert.doesNotMatch(pdbMissing.message, /only this file/);
  });

  it('files a kustomization lists as patches are judged as patches', () => {
    const alone = summary(run([`${PROJECT}/patch-image.yaml`]));
    assert.ok(alone.length > 0, 'on its own the patch looks like a complete Deployment and gets findings');
    const together = run([`${PROJECT}/`]).filter((r) => r.file.endsWith('patch-image.yaml'));
    assert.deepEqual(together, [], 'with its kustomization it is a fragment');
  });

  it('runs from another working directory and with relative patch paths in nested kustomizations', () => {
    const files: { [name: string]: string } = {};
    for (const name of fs.readdirSync(path.join(ROOT, PROJECT))) {
      files[`base/${name}`] = fs.readFileSync(path.join(ROOT, PROJECT, name), 'utf8');
    }
    files['overlays/prod/kustomization.yaml'] = 'resources:\n  - ../../base\npatchesStrategicMerge:\n  - replicas.yaml\n';
    files['overlays/prod/replicas.yaml'] =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: shop\n          image: ghcr.io/example/shop:2.1.0\n';
    const dir = tree(files);
    const records = run(['.'], dir);
    const overlay = records.filter((r) => r.file.includes('overlays'));
    // The overlay patch pins one replica: nothing is "missing" from it, and the HPA in base/hpa.yaml scales it, so
    // single-replica stays quiet; but every apply of the overlay resets the HPA's count to that one replica.
    assert.deepEqual(summary(overlay), ['replicas.yaml replicas-with-autoscaler shop']);
    assert.ok(summary(records).includes('pdb.yaml pdb-selects-nothing shop-worker'));
  });

  it('an overlay folder whose workloads come from ../base: absence is not concluded, the whole tree is judged whole', () => {
    const files: { [name: string]: string } = {};
    for (const name of fs.readdirSync(path.join(ROOT, PROJECT))) {
      files[`base/${name}`] = fs.readFileSync(path.join(ROOT, PROJECT, name), 'utf8');
    }
    files['overlays/prod/kustomization.yaml'] = 'resources:\n  - ../../base\n  - pdb.yaml\n  - hpa.yaml\n';
    files['overlays/prod/pdb.yaml'] =
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: shop-prod\nspec:\n  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n  selector:\n    matchLabels:\n      app: shop\n';
    files['overlays/prod/hpa.yaml'] =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: shop-prod\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: shop}\n  minReplicas: 2\n  maxReplicas: 4\n';
    files['overlays/remote/kustomization.yaml'] = 'resources:\n  - github.com/example/shop//deploy?ref=v2\n  - pdb.yaml\n';
    files['overlays/remote/pdb.yaml'] = files['overlays/prod/pdb.yaml'];
    const dir = tree(files);
    // The overlay alone is a root: built with its ../../base, its budget and autoscaler find the shop; the base's
    // worker budget, which selects nothing in the build either, is reported in the base.
    const overlay = summary(run(['overlays/prod'], dir));
    assert.ok(!overlay.some((r) => r.includes('shop-prod') || r.includes('autoscaler-target-missing')), overlay.join(', '));
    assert.ok(overlay.includes('pdb.yaml pdb-selects-nothing shop-worker'), overlay.join(', '));
    // Judged file by file (--kustomize=off), the Deployment is outside what was given: absence is not concluded.
    const alone = summary(run(['overlays/prod', '--kustomize', 'off'], dir));
    assert.ok(!alone.some((r) => r.includes('pdb-selects-nothing') || r.includes('autoscaler-target-missing')), alone.join(', '));
    const remote = summary(run(['overlays/remote'], dir));
    assert.ok(!remote.some((r) => r.includes('pdb-selects-nothing')), remote.join(', '));
    // The whole tree: the base is indexed, the overlay's budget and autoscaler find the shop.
    const all = summary(run(['.'], dir));
    assert.ok(!all.some((r) => r.startsWith('pdb.yaml pdb-selects-nothing shop-prod')), all.join(', '));
    assert.ok(!all.some((r) => r.includes('autoscaler-target-missing')), all.join(', '));
    // Control: a budget that selects nothing in a folder without outside sources is still reported.
    const control = tree({ 'app/pdb.yaml': files['overlays/prod/pdb.yaml'].replace('app: shop', 'app: nothing') });
    assert.deepEqual(
      summary(run(['app'], control)).filter((r) => r.includes('pdb-selects-nothing')),
      ['pdb.yaml pdb-selects-nothing shop-prod'],
    );
  });

  it('a file checked before the files it depends on is judged with all of them (each file is parsed once)', () => {
    // Every file is read, parsed and checked once, against the files seen so far, then confirmed against all:
    // the PDB in a.yaml selects the Deployment of b.yaml, and b.yaml's PDB protects a.yaml's Deployment.
    const deployment = (name: string): string => DEPLOYMENT.replace(/\bweb\b/g, name);
    const pdb = (name: string, app: string): string =>
      `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: ${app}\n`;
    const dir = tree({
      'a.yaml': `${deployment('api')}---\n${pdb('for-web', 'web')}`,
      'b.yaml': `${deployment('web')}---\n${pdb('for-api', 'api')}`,
    });
    const rules = summary(run(['.'], dir));
    assert.ok(!rules.some((r) => r.includes('pdb-selects-nothing') || r.includes('pdb-missing')), rules.join(', '));
    const expected = [
      'liveness-probe-missing',
      'prestop-hook-missing',
      'progress-deadline-default',
      'readiness-probe-missing',
      'replicas-not-spread',
      'resources-missing',
      'rolling-update-unavailable',
    ];
    const ofWorkloads = rules.filter((r) => !r.includes('pdb-unhealthy-eviction-policy'));
    assert.deepEqual(ofWorkloads, [...expected.map((rule) => `a.yaml ${rule} api`), ...expected.map((rule) => `b.yaml ${rule} web`)]);
  });

  it('a symbolic link to a file outside the paths given is not read: its PDB does not hide pdb-missing', () => {
    const pdb = `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n`;
    const dir = tree({ 'app/deploy.yaml': DEPLOYMENT, 'elsewhere/pdb.yaml': pdb });
    fs.symlinkSync('../elsewhere/pdb.yaml', path.join(dir, 'app', 'pdb.yaml'));
    const alone = cli(['app'], { cwd: dir });
    assert.match(alone.stdout, /^app[/\\]deploy\.yaml:\d+:\d+ warning pdb-missing /m, alone.stdout);
    assert.match(alone.stdout, /Checked 1 file: /, 'the link is not a file of the run');
    assert.doesNotMatch(alone.stdout, /pdb\.yaml/);
    // Given as well, the folder the link points into is part of the run: the link is followed.
    const given = summary(run(['app', 'elsewhere'], dir));
    assert.ok(!given.some((r) => r.includes('pdb-missing')), given.join(', '));
    // So is the file named by itself.
    const named = summary(run(['app/deploy.yaml', 'app/pdb.yaml'], dir));
    assert.ok(!named.some((r) => r.includes('pdb-missing')), named.join(', '));
  });
});
