// The build's entry points beyond rendering: finding kustomizations and roots, the inputs a build read, the
// features it refuses as unsupported (one clear error naming the root and the feature), errors with their file and
// range, the load restrictor, and bounds (cycles, alias bombs, runaway nesting).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import {
  buildKustomization,
  createKustomizeCache,
  findKustomizations,
  kustomizeRoots,
} from '../../../../server/out/engine/render/kustomize';
import { DiskFiles, projectPath } from '../../../../server/out/io/diskFiles';
import { memoryFiles } from './memoryFiles';
import { directoryFiles } from './projectFiles';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/kustomize');
const CORPUS = path.resolve(__dirname, '../../../../../shared/kustomize');

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';

describe('kustomize API', () => {
  it('finds kustomization directories recursively', () => {
    const found = findKustomizations(directoryFiles(FIXTURES), 'resources');
    assert.deepEqual(found, ['resources', 'resources/base', 'resources/base/nested']);
  });

  it('tells roots from included kustomizations (resources, bases, components)', () => {
    const files = directoryFiles(FIXTURES);
    const dirs = [
      ...findKustomizations(files, 'resources'),
      ...findKustomizations(files, 'components'),
      ...findKustomizations(files, 'bases'),
    ];
    const { roots, includes } = kustomizeRoots(files, dirs);
    assert.deepEqual(roots.sort(), ['bases', 'components', 'resources']);
    assert.deepEqual(includes.get('resources'), ['resources/base']);
    assert.deepEqual(includes.get('resources/base'), ['resources/base/nested']);
    assert.deepEqual(includes.get('components')?.sort(), ['components/base', 'components/probes']);
    assert.deepEqual(includes.get('bases'), ['bases/base']);
  });

  it('lists every file a build read', () => {
    const build = buildKustomization(directoryFiles(FIXTURES), 'generators');
    assert.equal(build.error, undefined);
    assert.deepEqual(build.inputs, [
      'generators/base/application.properties',
      'generators/base/deployment.yaml',
      'generators/base/extra.txt',
      'generators/base/kustomization.yaml',
      'generators/kustomization.yaml',
      'generators/legacy.env',
      'generators/overlay.env',
      'generators/tls.crt',
      'generators/tls.key',
    ]);
    const patched = buildKustomization(directoryFiles(FIXTURES), 'patches-smp');
    assert.ok(patched.inputs.includes('patches-smp/deployment-patch.yaml'));
    // A failed build still lists what it read and what it missed: creating or fixing either must rebuild.
    const missing = buildKustomization(directoryFiles(FIXTURES), 'error-missing-file');
    assert.deepEqual(missing.inputs, ['error-missing-file/kustomization.yaml', 'error-missing-file/missing.yaml']);
    const broken = buildKustomization(memoryFiles({ 'k/kustomization.yaml': 'resources: [\n' }), 'k');
    assert.ok(broken.error);
    assert.deepEqual(broken.inputs, ['k/kustomization.yaml']);
  });

  const unsupported: [string, string, RegExp][] = [
    ['a remote resource', 'resources:\n- https://github.com/org/repo//base?ref=v1\n', /remote/],
    ['a github.com base', 'resources:\n- github.com/org/repo/base\n', /remote/],
    ['a ?ref= component', 'components:\n- ../shared?ref=main\n', /remote/],
    ['a helmCharts chart to pull', 'helmCharts:\n- name: redis\n  repo: https://charts.example.com\n', /never reaches the network/],
    [
      'a helmChartInflationGenerator chart to pull',
      'helmChartInflationGenerator:\n- chartName: redis\n  chartRepoUrl: https://charts.example.com\n',
      /never reaches the network/,
    ],
    ['generator plugins', 'generators:\n- plugin.yaml\n', /generator plugins/],
    ['transformer plugins', 'transformers:\n- plugin.yaml\n', /transformer plugins/],
    ['validator plugins', 'validators:\n- plugin.yaml\n', /validator plugins/],
    ['OpenAPI schemas', 'openapi:\n  path: schema.json\n', /OpenAPI/],
  ];
  for (const [what, kustomization, message] of unsupported) {
    it(`refuses ${what} as unsupported, naming the root and pointing at the entry`, () => {
      const files = memoryFiles({ 'app/overlay/kustomization.yaml': kustomization, 'app/overlay/service.yaml': SERVICE });
      const build = buildKustomization(files, 'app/overlay');
      assert.ok(build.error, 'the build fails');
      assert.equal(build.rendered, undefined);
      assert.equal(build.error.unsupported, true);
      assert.match(build.error.message, message);
      assert.match(build.error.message, /app\/overlay/);
      assert.equal(build.error.file, 'app/overlay/kustomization.yaml');
      assert.ok(build.error.end > build.error.start, 'a range, not just a position');
      assert.ok(kustomization.slice(build.error.start, build.error.end).length > 0);
    });
  }

  it('reports errors kustomize also gives with their file and range (not as unsupported)', () => {
    const files = memoryFiles({
      'a/kustomization.yaml': 'resources:\n- service.yaml\nnamePrefx: typo-\n',
      'a/service.yaml': SERVICE,
      'b/kustomization.yaml': 'resources:\n- broken.yaml\n',
      'b/broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n',
      'c/kustomization.yaml': 'resources:\n- nameless.yaml\n',
      'c/nameless.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {}\n',
      'd/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamePrefix: x-\n',
    });
    const typo = buildKustomization(files, 'a');
    assert.equal(typo.error?.unsupported, false);
    assert.match(typo.error?.message ?? '', /unknown field "namePrefx"/);
    assert.equal(files.readText('a/kustomization.yaml')?.slice(typo.error?.start, typo.error?.end), 'namePrefx: typo-');
    const broken = buildKustomization(files, 'b');
    assert.equal(broken.error?.file, 'b/broken.yaml');
    const nameless = buildKustomization(files, 'c');
    assert.match(nameless.error?.message ?? '', /missing metadata\.name/);
    assert.equal(nameless.error?.file, 'c/nameless.yaml');
    assert.match(buildKustomization(files, 'd').error?.message ?? '', /Component/);
    assert.match(buildKustomization(files, 'nowhere').error?.message ?? '', /unable to find one of 'kustomization\.yaml'/);
  });

  it('refuses files outside the root by default and builds them with the restrictor off, like kubectl', () => {
    const corpus = directoryFiles(CORPUS);
    const root = 'argoproj__argo-rollouts/docs/features/kustomize/example';
    const restricted = buildKustomization(corpus, root);
    assert.match(restricted.error?.message ?? '', /is not in or below/);
    const open = buildKustomization(corpus, root, { loadRestrictor: 'none' });
    assert.equal(open.error, undefined, open.error?.message);
    const live = spawnSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', root], { cwd: CORPUS, encoding: 'utf8' });
    assert.equal(live.status, 0, `kubectl kustomize (needs kubectl on PATH): ${live.error?.message ?? live.stderr}`);
    const objects = (text: string): unknown[] => parseAllDocuments(text).map((doc) => doc.toJS() as unknown);
    assert.deepStrictEqual(objects(open.rendered?.text ?? ''), objects(live.stdout));
  });

  it('helmCharts entries it cannot build as kustomize would are refused as unsupported, naming the entry and why', () => {
    const chart = {
      'app/charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'app/charts/web/values.yaml': 'port: 80\n',
      'app/charts/web/templates/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports:\n  - port: {{ .Values.port }}\n',
    };
    const build = (entry: string) =>
      buildKustomization(memoryFiles({ ...chart, 'app/kustomization.yaml': `helmCharts:\n- name: web\n${entry}` }), 'app');
    const clock = build('');
    assert.equal(clock.error?.unsupported, true);
    assert.match(clock.error?.message ?? '', /helmCharts entry 'web' has no releaseName: .*--generate-name.*set releaseName/);
    const templated = build('  nameTemplate: "{{ randAlpha 5 }}"\n');
    assert.equal(templated.error?.unsupported, true);
    assert.match(templated.error?.message ?? '', /a nameTemplate with template actions is not built here/);
    const pulled = build('  releaseName: web\n  repo: https://charts.example.com\n  version: 1.2.3\n');
    assert.equal(pulled.error?.unsupported, true, pulled.error?.message);
    const built = build('  releaseName: shop\n  valuesInline:\n    port: 8080\n');
    assert.equal(built.error, undefined, built.error?.message);
    assert.match(built.rendered?.text ?? '', /name: shop\n[\s\S]*port: 8080/);
  });

  it('follows a symbolic link before the root-only check, as kubectl does: a link to a file outside is refused', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-link-')));
    try {
      fs.mkdirSync(path.join(dir, 'app'));
      fs.mkdirSync(path.join(dir, 'elsewhere'));
      fs.writeFileSync(path.join(dir, 'elsewhere', 'service.yaml'), SERVICE);
      fs.writeFileSync(path.join(dir, 'app', 'kustomization.yaml'), 'resources:\n  - service.yaml\n');
      fs.symlinkSync(path.join(dir, 'elsewhere', 'service.yaml'), path.join(dir, 'app', 'service.yaml'));
      const live = spawnSync('kubectl', ['kustomize', path.join(dir, 'app')], { encoding: 'utf8' });
      assert.notEqual(live.status, 0, 'kubectl kustomize refuses the link');
      assert.match(live.stderr, /is not in or below/);
      const root = projectPath(path.join(dir, 'app'));
      const refused = buildKustomization(new DiskFiles(), root);
      assert.match(refused.error?.message ?? '', /security; file '.*elsewhere\/service\.yaml' is not in or below '.*app'/);
      // A link that stays inside the root is followed.
      fs.rmSync(path.join(dir, 'app', 'service.yaml'));
      fs.copyFileSync(path.join(dir, 'elsewhere', 'service.yaml'), path.join(dir, 'app', 'real.yaml'));
      fs.symlinkSync(path.join(dir, 'app', 'real.yaml'), path.join(dir, 'app', 'service.yaml'));
      const built = buildKustomization(new DiskFiles(), root);
      assert.equal(built.error, undefined, built.error?.message);
      assert.equal(spawnSync('kubectl', ['kustomize', path.join(dir, 'app')], { encoding: 'utf8' }).status, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops a kustomization that includes itself, a cycle, an alias bomb and runaway nesting with a clear error', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    }
    const chain: Record<string, string> = {};
    for (let i = 0; i < 150; i++) chain[`deep/${i}/kustomization.yaml`] = `resources:\n- ../${i + 1}\n`;
    chain['deep/150/kustomization.yaml'] = 'resources: []\n';
    const files = memoryFiles({
      'self/kustomization.yaml': 'resources:\n- .\n',
      'cycle/a/kustomization.yaml': 'resources:\n- ../b\n',
      'cycle/b/kustomization.yaml': 'resources:\n- ../a\n',
      'bomb/kustomization.yaml': 'resources:\n- bomb.yaml\n',
      'bomb/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${bomb.join('\n  ')}\n`,
      ...chain,
    });
    assert.match(buildKustomization(files, 'self').error?.message ?? '', /cycle detected/);
    assert.match(buildKustomization(files, 'cycle/a').error?.message ?? '', /cycle detected/);
    assert.match(buildKustomization(files, 'bomb').error?.message ?? '', /too large/);
    assert.match(buildKustomization(files, 'deep/0').error?.message ?? '', /nest deeper/);
    const huge = memoryFiles({
      'big/kustomization.yaml': 'resources:\n- big.yaml\n',
      'big/big.yaml': `# ${'x'.repeat(33 * 1024 * 1024)}\n`,
    });
    assert.match(buildKustomization(huge, 'big').error?.message ?? '', /larger than 32 MB/);
  });

  it('reuses parsed inputs through a cache: same output, edits seen, no state leaking between builds', () => {
    const contents: Record<string, string> = {
      'app/base/kustomization.yaml': 'resources:\n- service.yaml\n',
      'app/base/service.yaml': SERVICE,
      'app/kustomization.yaml': 'resources:\n- base\nnamePrefix: p-\npatches:\n- path: patch.yaml\n',
      'app/patch.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n',
    };
    const files = memoryFiles(contents);
    const cache = createKustomizeCache();
    const plain = buildKustomization(files, 'app');
    const first = buildKustomization(files, 'app', { cache });
    const second = buildKustomization(files, 'app', { cache });
    assert.equal(first.rendered?.text, plain.rendered?.text);
    assert.equal(second.rendered?.text, plain.rendered?.text, 'a cached parse is not mutated by the first build');
    assert.deepEqual(second.rendered?.origins, plain.rendered?.origins);
    contents['app/base/service.yaml'] = SERVICE.replace('port: 80', 'port: 81');
    const edited = buildKustomization(files, 'app', { cache });
    assert.match(edited.rendered?.text ?? '', /port: 81/);
  });
});
