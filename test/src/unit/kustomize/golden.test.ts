// Every root of ../shared/kustomize built in-process and compared object for object with `kubectl kustomize`'s
// output (kustomize v5.5.0), as the corpus README says: keyed by apiVersion/kind/namespace/name, deep-equal,
// mapping key order and document order aside, sequence order kept. Roots kustomize fails on must fail.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, after } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../../../server/out/engine/render/kustomize';
import { directoryFiles } from './projectFiles';

const CORPUS = path.resolve(__dirname, '../../../../../shared/kustomize');

interface RootEntry {
  root: string;
  renders: boolean;
  expected?: string;
  kustomizeError?: string;
}

function objectsOf(text: string, order: string[] = []): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const doc of parseAllDocuments(text)) {
    assert.equal(doc.errors.length, 0, `YAML errors: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown> | null;
    if (value === null) continue;
    const metadata = (value.metadata ?? {}) as Record<string, unknown>;
    const key = `${String(value.apiVersion)}|${String(value.kind)}|${String(metadata.namespace ?? '')}|${String(metadata.name)}`;
    assert.ok(!result.has(key), `duplicate object ${key}`);
    result.set(key, value);
    order.push(key);
  }
  return result;
}

describe('kustomize golden corpus (kubectl kustomize, kustomize v5.5.0)', () => {
  if (!fs.existsSync(path.join(CORPUS, 'roots.json'))) {
    it('has the shared corpus beside the project', () => assert.fail(`missing ${CORPUS}/roots.json (../shared/kustomize)`));
    return;
  }
  const roots = JSON.parse(fs.readFileSync(path.join(CORPUS, 'roots.json'), 'utf8')) as RootEntry[];
  const files = directoryFiles(CORPUS);
  const table: string[] = [];

  after(() => {
    // The per-root table: root, objects expected/built, identical.
    process.stdout.write(`\n${'root'.padEnd(118)} expected built identical\n${table.join('\n')}\n`);
  });

  it('covers all 27 roots', () => assert.equal(roots.length, 27));

  for (const entry of roots) {
    it(entry.root, () => {
      const build = buildKustomization(files, entry.root);
      if (!entry.renders) {
        table.push(
          `${entry.root.padEnd(118)} ${'fails'.padStart(8)} ${(build.error ? 'fails' : 'built').padStart(5)} ${build.error ? 'yes' : 'NO'}`,
        );
        assert.ok(build.error, `kustomize fails on this root (${entry.kustomizeError ?? ''}), the build must fail too`);
        assert.equal(build.rendered, undefined);
        assert.equal(build.error.unsupported, false, 'kustomize reports this error too: it is not an unsupported feature');
        return;
      }
      assert.equal(build.error, undefined, build.error?.message);
      const expectedOrder: string[] = [];
      const builtOrder: string[] = [];
      const expected = objectsOf(fs.readFileSync(path.join(CORPUS, entry.expected as string), 'utf8'), expectedOrder);
      const built = objectsOf(build.rendered?.text ?? '', builtOrder);
      let identical = expected.size === built.size;
      for (const [key, object] of expected) {
        try {
          assert.deepStrictEqual(built.get(key), object, key);
        } catch {
          identical = false;
        }
      }
      table.push(
        `${entry.root.padEnd(118)} ${String(expected.size).padStart(8)} ${String(built.size).padStart(5)} ${identical ? 'yes' : 'NO'}`,
      );
      assert.deepEqual([...built.keys()].sort(), [...expected.keys()].sort(), 'the same objects');
      for (const [key, object] of expected) assert.deepStrictEqual(built.get(key), object, key);
      // Not required by the comparison, but the documents also come in kustomize's order.
      assert.deepEqual(builtOrder, expectedOrder, 'document order');
      assert.ok(build.inputs.length > 0, 'the inputs are listed');
    });
  }
});
