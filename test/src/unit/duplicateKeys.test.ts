// Duplicate mapping keys (issue 15, item 2): the `yaml` package compares each new key with every key before it,
// so a mapping of n keys costs n²/2 comparisons (200k keys never finished). The engine parses with that check
// off and runs its own, one hash lookup per key (engine/yamlParse.ts). These tests hold it to the package's own
// answers (same message, same position) and count the parser's steps as the input doubles.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { parseChunk } from '../../../server/out/engine/model/documents';
import { lintText } from '../../../server/out/engine';
import { parseConfig } from '../../../server/out/engine/config/projectConfig';
import { patchFilesOf } from '../../../server/out/engine/facts/patchFiles';
import { parseAllDocumentsLinear } from '../../../server/out/engine/model/yamlParse';

const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared');

/** Every error of every document: code, position and message. */
function errors(docs: readonly { errors: readonly { code: string; pos: [number, number]; message: string }[] }[]): string[][] {
  return docs.map((doc) => doc.errors.map((e) => `${e.code}@${e.pos[0]}-${e.pos[1]}: ${e.message}`));
}

/** What the package itself reports (its quadratic check on). */
function reference(text: string): string[][] {
  return errors(parseAllDocuments(text, { prettyErrors: false, merge: true }));
}

function linear(text: string): string[][] {
  return errors(parseAllDocumentsLinear(text, { merge: true }));
}

const CASES = [
  'a: 1\na: 2\n',
  'x:\n  a: 1\n  # c\n  a: 2\n',
  'x:\n  a: 1\n\n\n  a: 2\n',
  'a: 1\n!!str a: 2\n',
  'a: 1\n&x a: 2\n',
  '{a: 1, a: 2}',
  '{a: 1,\n  a: 2}',
  'x: {a: 1, !!str a: 2}',
  '- a: 1\n  a: 2\n',
  '? a\n: 1\n? a\n: 2\n',
  'a: 1\n"a": 2\n',
  '1: x\n0x1: y\n',
  'a: 1\r\na: 2\r\n',
  ': 1\n: 2\n',
  '? \n: 1\n? \n: 2\n',
  'x:\n  ? \n  : 1\n  ? \n  : 2\n',
  '?\n\n: 1\n?\n\n: 2\n',
  'a:\na: 2\n',
  'a:\n\na: 2\n',
  'a: # c\na: 2\n',
  'x:\n  a:\n  a: 2\n',
  'a:\n  b:\na: 2\n',
  'a: {b: 1, b: 2}\na: 3\n',
  'a:\n  b: 1\n  b: 2\nc: 1\nc: 2\n',
  '.nan: 1\n.nan: 2\n',
  '-0: 1\n0: 2\n',
  'null: 1\n~: 2\n',
  '<<: {a: 1}\n<<: {b: 2}\n',
  '[a: 1, a: 2]',
  '&a k: 1\n*a : 2\n',
  'a: 1\na: 2\n---\nb: 1\nb: 2\n',
  "'a': 1\na: 2\n",
  'a: 1\n\ta: 2\n',
  '!!binary aGk=: 1\n!!binary aGk=: 2\n',
  '%YAML 1.1\n---\n!!set {a, a}\n',
];

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Deterministic pseudo-random numbers (a fixed seed: the same mutants on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('duplicate keys: the linear check answers as the yaml package does', () => {
  test('hand-written cases: every error, same code, position and message', () => {
    for (const text of CASES) assert.deepEqual(linear(text), reference(text), JSON.stringify(text));
  });

  test('corpus files with a line copied elsewhere: the first error of every document is the same', () => {
    const next = random(15);
    const files = [...yamlFiles(path.join(SHARED, 'corpus', 'files')), ...yamlFiles(path.join(SHARED, 'kustomize'))];
    assert.ok(files.length > 100, `${files.length} shared files`);
    let duplicates = 0;
    for (const file of files) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      for (let k = 0; k < 4; k++) {
        const copy = lines.slice();
        copy.splice(Math.floor(next() * lines.length), 0, lines[Math.floor(next() * lines.length)]);
        const text = copy.join('\n');
        const expected = reference(text);
        const actual = linear(text);
        assert.deepEqual(
          actual.map((list) => list[0]),
          expected.map((list) => list[0]),
          `${file}, mutant ${k}`,
        );
        // Later errors may come in another order around a duplicate, never in another number.
        assert.deepEqual(
          actual.map((list) => list.length),
          expected.map((list) => list.length),
          `${file}, mutant ${k}`,
        );
        duplicates += expected.flat().filter((e) => e.startsWith('DUPLICATE_KEY')).length;
      }
    }
    assert.ok(duplicates > 100, `${duplicates} duplicate keys among the mutants`);
  });

  test('parseChunk reports the duplicate as before: the first line of the message, one character at the key', () => {
    const text = 'kind: ConfigMap\ndata:\n  a: "1"\n  a: "2"\n';
    const [doc] = parseChunk(text);
    const at = text.lastIndexOf('a:');
    assert.deepEqual(doc.error, { message: 'Map keys must be unique', start: at, end: at + 1 });
  });

  test('the linter, the config file and kustomizations still see duplicates', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n';
    const lint = lintText(text);
    assert.deepEqual(
      lint.notices.map((n) => [n.reason, n.start]),
      [['yaml-error', text.lastIndexOf('name:')]],
    );
    assert.match(lint.notices[0].message, /Map keys must be unique/);
    const config = parseConfig('rules:\n  single-replica: off\n  single-replica: error\n');
    assert.deepEqual(
      config.problems.map((p) => [p.message, p.line, p.column]),
      [['YAML syntax error: Map keys must be unique', 3, 3]],
    );
    assert.deepEqual(patchFilesOf('patches:\n  - path: a.yaml\npatches:\n  - path: b.yaml\n'), []);
    assert.deepEqual(patchFilesOf('patches:\n  - path: a.yaml\n'), ['a.yaml']);
  });
});

/**
 * Steps of the `yaml` package while parseChunk parses a ConfigMap of n keys: calls of its isScalar test, which
 * its pairwise duplicate-key check calls twice per comparison (so n² of them before the fix). Counted through
 * the package's own module object, which its code calls through at run time; the engine's imports hold their
 * own references and are not counted.
 */
function parseSteps(keys: number): number {
  // The package's exports map hides its internals: load the same file by its path (same module instance).
  const file = path.join(path.dirname(require.resolve('yaml')), 'nodes', 'identity.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const identity = require(file) as { isScalar: (node: unknown) => boolean };
  const original = identity.isScalar;
  let calls = 0;
  identity.isScalar = (node: unknown) => {
    calls++;
    return original(node);
  };
  try {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', 'data:'];
    for (let i = 0; i < keys; i++) lines.push(`  key${i}: value${i}`);
    const [doc] = parseChunk(`${lines.join('\n')}\n`);
    assert.equal(doc.error, undefined);
  } finally {
    identity.isScalar = original;
  }
  return calls;
}

describe('duplicate keys: linear in the size of a mapping', () => {
  test('doubling the keys of a ConfigMap at most doubles the parser steps (it quadrupled them)', () => {
    const half = parseSteps(3000);
    const full = parseSteps(6000);
    assert.ok(half > 0, 'the count sees the parser');
    assert.ok(full / half < 2.2, `${half} steps for 3000 keys, ${full} for 6000: x${(full / half).toFixed(2)}`);
  });
});
