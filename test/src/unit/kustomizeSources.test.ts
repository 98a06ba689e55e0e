// A kustomization that builds from a folder or URL the project does not hold (an overlay checked without its
// ../base, a remote base) makes the project's objects incomplete: rules that conclude absence stay silent.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProjectModel } from '../../../server/out/engine/model/projectModel';
import { sourcesOf } from '../../../server/out/engine/facts/patchFiles';

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n';

describe('kustomization sources', () => {
  test('resources, bases and components are read; remote targets are told apart', () => {
    const sources = sourcesOf(
      'resources:\n  - deployment.yaml\n  - ../base\n  - github.com/org/repo//deploy?ref=v1\nbases: [../legacy]\ncomponents:\n  - ../../components/probes\n',
    );
    assert.deepEqual(sources.paths, ['deployment.yaml', '../base', '../legacy', '../../components/probes']);
    assert.equal(sources.remote, true);
    assert.equal(sourcesOf('resources:\n  - https://example.com/all.yaml\n').remote, true);
    assert.deepEqual(sourcesOf('resources: [a.yaml]\n'), { paths: ['a.yaml'], remote: false });
    assert.deepEqual(sourcesOf('{{ not yaml'), { paths: [], remote: false });
  });

  test('a folder source outside the project makes it incomplete until a file under that folder is indexed', () => {
    const project = new ProjectModel();
    project.setText('/repo/overlays/prod/pdb.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\n');
    assert.equal(project.index.hasOutsideSources(), false);
    project.setText('/repo/overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\n  - pdb.yaml\n');
    assert.equal(project.index.hasOutsideSources(), true, '../../base is not indexed');
    project.setText('/repo/base/deployment.yaml', DEPLOYMENT);
    assert.equal(project.index.hasOutsideSources(), false, 'a file under /repo/base is indexed');
    project.delete('/repo/base/deployment.yaml');
    assert.equal(project.index.hasOutsideSources(), true, 'and deleted again');
    project.setText('/repo/overlays/prod/kustomization.yaml', 'resources:\n  - pdb.yaml\n');
    assert.equal(project.index.hasOutsideSources(), false, 'the kustomization no longer lists the base');
  });

  test('a file source must be indexed itself; Windows paths fold the same way', () => {
    const project = new ProjectModel();
    project.setText('C:\\repo\\app\\kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    assert.equal(project.index.hasOutsideSources(), true);
    project.setText('C:\\repo\\app\\deployment.yaml', DEPLOYMENT);
    assert.equal(project.index.hasOutsideSources(), false);
  });

  test('a remote base is outside whatever the project holds', () => {
    const project = new ProjectModel();
    project.setText('/repo/app/kustomization.yaml', 'resources:\n  - git@github.com:org/repo.git//base?ref=main\n');
    assert.equal(project.index.hasOutsideSources(), true);
  });
});
