// Documents nested deeper than anything Kubernetes uses (issue 15, item 11). Before: "Maximum call stack size
// exceeded" reached the user (at a depth that depended on the caller's stack), and the parser built its whole
// syntax tree first, about a kilobyte per level: a deeply nested file took hundreds of megabytes. Now the
// depth is bounded when parsing, the same everywhere, and said in the product's words.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../../../server/out/engine';
import { MAX_NESTING_DEPTH } from '../../../server/out/engine/model/yamlParse';

const blockMaps = (depth: number) => `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`;

const SHAPES: [string, (depth: number) => string][] = [
  ['flow sequences', (d) => `${'['.repeat(d)}${']'.repeat(d)}\n`],
  ['flow maps', (d) => `${'{a: '.repeat(d)}1${'}'.repeat(d)}\n`],
  ['compact block sequences', (d) => `${'- '.repeat(d)}1\n`],
  ['block maps', blockMaps],
];

function notices(text: string) {
  const result = lintText(text);
  assert.deepEqual(result.internalErrors ?? [], []);
  return result.notices.map((n) => `${n.reason}: ${n.message}`);
}

describe('nesting depth', () => {
  for (const [shape, make] of SHAPES) {
    // 5,000 block maps (one more space per level) is 12.5 MB, near the 16 MB limit.
    for (const depth of [MAX_NESTING_DEPTH + 1, 2_000, 5_000]) {
      test(`${shape}, ${depth} deep: a notice in the product's words`, () => {
        assert.deepEqual(notices(make(depth)), [
          `yaml-error: Zero-downtime checks skipped for this YAML document: it does not parse (nested more than ${MAX_NESTING_DEPTH} levels deep, more than the parser follows).`,
        ]);
      });
    }
    test(`${shape}, ${MAX_NESTING_DEPTH} deep: parsed and checked`, () => {
      assert.deepEqual(notices(make(MAX_NESTING_DEPTH)), []);
    });
  }

  test('the notice points at where the depth runs out, and other documents of the file are checked', () => {
    const deep = `${'- '.repeat(10_000)}1\n`;
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n${deep}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          ports: [{containerPort: 80}]\n`;
    const result = lintText(text);
    assert.equal(result.notices.length, 1);
    const start = text.indexOf(deep);
    assert.ok(result.notices[0].start > start && result.notices[0].start < start + deep.length, String(result.notices[0].start));
    assert.ok(
      result.findings.some((f) => f.name === 'web'),
      'the Deployment after it is judged',
    );
  });
});

/** Lexical tokens the yaml package's parser is fed while the engine lints `text` (its work, and its memory). */
function parserSteps(text: string): number {
  const yamlIndex = require.resolve('yaml');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser } = require(path.join(path.dirname(yamlIndex), 'parse', 'parser.js')) as {
    Parser: { prototype: { next: (...args: unknown[]) => unknown } };
  };
  const original = Parser.prototype.next;
  let calls = 0;
  Parser.prototype.next = function (this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  };
  try {
    lintText(text);
  } finally {
    Parser.prototype.next = original;
  }
  return calls;
}

describe('nesting depth: the parser stops early', () => {
  test('10,000 or 100,000 levels: the same parser work (it grew with the depth, and so did its syntax tree)', () => {
    for (const [shape, make] of SHAPES.slice(0, 3)) {
      const ten = parserSteps(make(10_000));
      const hundred = parserSteps(make(100_000));
      assert.equal(hundred, ten, `${shape}: ${ten} tokens at 10k levels, ${hundred} at 100k`);
      assert.ok(ten < 20 * MAX_NESTING_DEPTH, `${shape}: ${ten} tokens`);
    }
  });
});
