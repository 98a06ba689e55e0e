// Origins of built objects: nodes of the rendered text followed back, by range, to the base, the patch or the
// kustomization field that made them; and, over the corpus and the fixtures, every mapping entry and sequence item of the
// output has a span whose range is exactly the parsed node's.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { type OriginSpan, type ProjectFiles, type RenderedText } from '../../../../server/out/engine/model/origin';
import { buildKustomization } from '../../../../server/out/engine/render/kustomize';
import { directoryFiles } from './projectFiles';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/kustomize');
const CORPUS = path.resolve(__dirname, '../../../../../shared/kustomize');
const files = directoryFiles(FIXTURES);

function render(root: string): RenderedText {
  const build = buildKustomization(files, root);
  assert.equal(build.error, undefined, build.error?.message);
  return build.rendered as RenderedText;
}

/** The node at a path in the document whose kind/name match; `[name]` picks a list item by its name field. */
function nodeAt(rendered: RenderedText, kind: string, name: string, pathText: string): { node: YamlNode; pair?: YamlNode } {
  for (const doc of parseAllDocuments(rendered.text)) {
    const value = doc.toJS() as { kind?: string; metadata?: { name?: string } };
    if (value.kind !== kind || value.metadata?.name !== name) continue;
    let current: YamlNode = doc.contents as YamlNode;
    let pair: YamlNode | undefined;
    for (const part of pathText.split('.')) {
      const byName = /^\[(.+)\]$/.exec(part);
      if (byName && isSeq(current)) {
        current = current.items.find((item) => isMap(item) && item.get('name') === byName[1]) as YamlNode;
        pair = undefined;
      } else if (/^\d+$/.test(part) && isSeq(current)) {
        current = current.items[Number(part)] as YamlNode;
        pair = undefined;
      } else if (isMap(current)) {
        const found = current.items.find((item) => isScalar(item.key) && item.key.value === part);
        assert.ok(found, `no ${part} in ${pathText}`);
        pair = found as unknown as YamlNode;
        current = found.value as YamlNode;
      }
      assert.ok(current, `nothing at ${pathText}`);
    }
    return { node: current, pair };
  }
  return assert.fail(`no ${kind} ${name}`);
}

/** The innermost span containing a range. */
function originOf(rendered: RenderedText, start: number, end: number): OriginSpan {
  let best: OriginSpan | undefined;
  for (const span of rendered.origins) {
    if (span.start <= start && span.end >= end && (!best || span.end - span.start <= best.end - best.start)) best = span;
  }
  assert.ok(best, `no origin for [${start}, ${end})`);
  return best;
}

function sourceText(range: { file: string; start: number; end: number }, project: ProjectFiles = files): string {
  return (project.readText(range.file) ?? '').slice(range.start, range.end);
}

function originOfNode(rendered: RenderedText, node: YamlNode): OriginSpan {
  const range = node.range as [number, number, number];
  return originOf(rendered, range[0], range[1]);
}

describe('kustomize origins', () => {
  it('a base container points at the base', () => {
    const rendered = render('patches-smp');
    const { node } = nodeAt(rendered, 'Deployment', 'web', 'spec.template.spec.containers.[app]');
    const span = originOfNode(rendered, node);
    assert.equal(span.kind, 'node');
    assert.equal(span.source.file, 'patches-smp/base/deployment.yaml');
    assert.match(sourceText(span.source), /^name: app\n\s+image: nginx:1\.25/);
    const image = originOfNode(rendered, nodeAt(rendered, 'Deployment', 'web', 'spec.template.spec.containers.[app].image').node);
    assert.equal(sourceText(image.source), 'nginx:1.25');
  });

  it("a patch's maxUnavailable points at the patch, value and pair", () => {
    const rendered = render('patches-smp');
    const { node, pair } = nodeAt(rendered, 'Deployment', 'web', 'spec.strategy.rollingUpdate.maxUnavailable');
    const value = originOfNode(rendered, node);
    assert.equal(value.kind, 'node');
    assert.equal(value.source.file, 'patches-smp/deployment-patch.yaml');
    assert.equal(sourceText(value.source), '0');
    const keyRange = (pair as unknown as { key: YamlNode }).key.range as [number, number, number];
    const entry = originOf(rendered, keyRange[0], keyRange[1]);
    assert.equal(sourceText(entry.source), 'maxUnavailable: 0');
    // What the patch did not touch still points at the base.
    const replicas = originOfNode(rendered, nodeAt(rendered, 'Deployment', 'web', 'spec.template.spec.volumes.[data]').node);
    assert.equal(replicas.source.file, 'patches-smp/base/deployment.yaml');
  });

  it("an images entry's tag: produced by the kustomization's newTag, via the base image", () => {
    const rendered = render('images-replicas');
    const span = originOfNode(rendered, nodeAt(rendered, 'Deployment', 'web', 'spec.template.spec.containers.[app].image').node);
    assert.equal(span.kind, 'produced');
    assert.equal(span.source.file, 'images-replicas/kustomization.yaml');
    assert.equal(sourceText(span.source), '"1.27"');
    assert.equal(span.via?.length, 1);
    assert.equal(sourceText(span.via[0]), 'nginx:1.25');
    const digest = originOfNode(rendered, nodeAt(rendered, 'Rollout', 'canary', 'spec.template.spec.containers.[app].image').node);
    assert.equal(sourceText(digest.source), 'sha256:bbbb');
  });

  it('a replicas entry sets spec.replicas', () => {
    const rendered = render('images-replicas');
    const span = originOfNode(rendered, nodeAt(rendered, 'Deployment', 'web', 'spec.replicas').node);
    assert.equal(span.kind, 'produced');
    assert.equal(span.source.file, 'images-replicas/kustomization.yaml');
    assert.equal(sourceText(span.source), '4');
    assert.equal(sourceText(span.via?.[0] ?? span.source), '2');
  });

  it("a generated ConfigMap's name points at the generator's name, and its data at the literal, file or env line", () => {
    const rendered = render('name-references');
    const doc = parseAllDocuments(rendered.text).find((d) => (d.toJS() as { kind: string }).kind === 'ConfigMap');
    const name = (doc?.toJS() as { metadata: { name: string } }).metadata.name;
    assert.match(name, /^prod-settings-v2-[a-z0-9]{10}$/);
    const span = originOfNode(rendered, nodeAt(rendered, 'ConfigMap', name, 'metadata.name').node);
    assert.equal(span.kind, 'produced');
    assert.equal(span.source.file, 'name-references/base/kustomization.yaml');
    assert.equal(sourceText(span.source), 'settings');
    const literal = originOfNode(rendered, nodeAt(rendered, 'ConfigMap', name, 'data.LEVEL').node);
    assert.equal(sourceText(literal.source), 'LEVEL=debug');
    // The reference to it in the Deployment is rewritten, and says so.
    const ref = originOfNode(
      rendered,
      nodeAt(rendered, 'Deployment', 'prod-web-v2', 'spec.template.spec.volumes.[config].configMap.name').node,
    );
    assert.equal(ref.kind, 'produced');
    assert.equal(sourceText(ref.via?.[0] ?? ref.source), 'settings');
    const generated = render('generators');
    const envLines = generated.origins.filter((o) => o.source.file === 'generators/overlay.env').map((o) => sourceText(o.source));
    assert.ok(envLines.includes('FEATURE_X=on'), `an env file line is an origin: ${envLines.join(', ')}`);
  });

  it('namePrefix/nameSuffix, namespace and commonLabels are produced by their kustomization entries', () => {
    const names = render('name-references');
    const service = originOfNode(names, nodeAt(names, 'Service', 'prod-web-v2', 'metadata.name').node);
    assert.equal(service.kind, 'produced');
    assert.equal(sourceText(service.source), '-v2');
    assert.ok(service.via?.some((via) => via.file === 'name-references/base/resources.yaml' && sourceText(via) === 'web'));
    const hpa = originOfNode(names, nodeAt(names, 'HorizontalPodAutoscaler', 'prod-web-v2', 'spec.scaleTargetRef.name').node);
    assert.equal(hpa.kind, 'produced');
    const namespaced = render('namespace');
    const ns = originOfNode(namespaced, nodeAt(namespaced, 'Service', 'web', 'metadata.namespace').node);
    assert.equal(sourceText(ns.source), 'shop');
    const labels = render('labels');
    const selector = originOfNode(labels, nodeAt(labels, 'Deployment', 'web', 'spec.selector.matchLabels.team').node);
    assert.equal(selector.kind, 'produced');
    assert.equal(sourceText(selector.source), 'blue');
  });

  it('inline patches and JSON 6902 values point into the kustomization or the patch file', () => {
    const rendered = render('patches-target');
    const inline = originOfNode(rendered, nodeAt(rendered, 'Deployment', 'api-one', 'spec.minReadySeconds').node);
    assert.equal(inline.source.file, 'patches-target/kustomization.yaml');
    assert.equal(sourceText(inline.source), '10');
    const env = originOfNode(
      rendered,
      nodeAt(rendered, 'Deployment', 'api-one', 'spec.template.spec.containers.[app].env.[MODE].value').node,
    );
    assert.equal(sourceText(env.source), 'on');
    const json = originOfNode(rendered, nodeAt(rendered, 'StatefulSet', 'db', 'spec.replicas').node);
    assert.equal(json.source.file, 'patches-target/statefulset.json');
    assert.equal(sourceText(json.source), '3');
  });

  it('vars and replacements are produced by their declarations, via the field they read', () => {
    const vars = render('vars');
    const port = originOfNode(
      vars,
      nodeAt(vars, 'Deployment', 'dev-frontend', 'spec.template.spec.containers.[app].env.[BACKEND_PORT].value').node,
    );
    assert.equal(port.kind, 'produced');
    assert.equal(port.source.file, 'vars/kustomization.yaml');
    assert.equal(sourceText(port.via?.[0] ?? port.source), '8080');
    const replaced = render('replacements');
    const host = originOfNode(replaced, nodeAt(replaced, 'Deployment', 'web', 'spec.template.spec.containers.[app].env.[HOST].value').node);
    assert.equal(host.kind, 'produced');
    assert.equal(host.source.file, 'replacements/kustomization.yaml');
    assert.ok(host.via?.some((via) => sourceText(via) === 'db.internal'));
  });

  it('over the corpus and the fixtures, every entry and item has a span with its exact range, into a real input', () => {
    const corpusRoots = (
      JSON.parse(fs.readFileSync(path.join(CORPUS, 'roots.json'), 'utf8')) as { root: string; renders: boolean }[]
    ).filter((r) => r.renders);
    const builds = [
      ...corpusRoots.map(({ root }) => ({ root, corpus: directoryFiles(CORPUS) })),
      ...fs
        .readdirSync(FIXTURES)
        .filter((name) => !name.startsWith('error-'))
        .map((root) => ({ root, corpus: files })),
    ];
    let checked = 0;
    const texts = new Map<string, string>();
    for (const { root, corpus } of builds) {
      const build = buildKustomization(corpus, root);
      const rendered = build.rendered as RenderedText;
      const byStart = new Map<number, OriginSpan[]>();
      const inputs = new Set(build.inputs);
      let previous = -1;
      for (const span of rendered.origins) {
        assert.ok(span.start >= previous, `${root}: spans sorted by start`);
        previous = span.start;
        byStart.set(span.start, [...(byStart.get(span.start) ?? []), span]);
        const text = texts.get(span.source.file) ?? corpus.readText(span.source.file);
        if (text !== undefined) texts.set(span.source.file, text);
        assert.ok(
          text !== undefined && span.source.end <= text.length && span.source.start <= span.source.end,
          `${root}: a source range in ${span.source.file}`,
        );
        assert.ok(inputs.has(span.source.file), `${root}: ${span.source.file} is an input`);
      }
      const has = (start: number, end: number): boolean => (byStart.get(start) ?? []).some((span) => span.end === end);
      const visit = (node: unknown): void => {
        if (isMap(node)) {
          for (const pair of node.items) {
            if (!isPair(pair)) continue;
            const key = (pair.key as YamlNode).range as [number, number, number];
            const value = (pair.value as YamlNode | null)?.range ?? key;
            assert.ok(has(key[0], value[1]), `${root}: entry at ${key[0]}`);
            checked++;
            visit(pair.value);
          }
        } else if (isSeq(node)) {
          for (const item of node.items) {
            const range = (item as YamlNode).range as [number, number, number];
            assert.ok(has(range[0], range[1]), `${root}: item at ${range[0]}`);
            checked++;
            visit(item);
          }
        }
      };
      for (const doc of parseAllDocuments(rendered.text)) visit(doc.contents);
    }
    assert.ok(checked > 40_000, `checked ${checked} nodes`);
  });
});
