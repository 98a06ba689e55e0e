// Fuzz test (issue 15): mutants of the shared corpora (fuzz/mutate.ts) through the engine, every fix and the
// rollout simulation (fuzz/check.ts), in worker threads with a time bound per case (fuzz/pool.ts). Any
// exception, rule failure or hang fails the test with the seed, the case and a shrunk reproduction.
//
//   FUZZ_SEED=n       another deterministic run (default 15)
//   FUZZ_CASES=n      how many cases (default 2,000: about half a minute on 2 cores)
//   FUZZ_ONLY=i       only case i of the seed (to reproduce a failure)
//   FUZZ_BOUND_MS=n   the per-case bound (default 20,000 ms; a case needs a few ms)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadCorpus, makeCase, type Case } from './fuzz/mutate';
import { CasePool, shrink, signature, type PoolOutcome } from './fuzz/pool';

const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared');
const SEED = Number(process.env.FUZZ_SEED ?? 15);
const CASES = Number(process.env.FUZZ_CASES ?? 2_000);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const BOUND_MS = Number(process.env.FUZZ_BOUND_MS ?? 20_000);
/** Failures shrunk and reported at most (the run stops early after that many). */
const MAX_FAILURES = 3;
const SHRINK_ATTEMPTS = 100;
/** While shrinking a hang, candidates get a shorter bound: what still hangs overruns it too. */
const SHRINK_HANG_BOUND_MS = 3_000;

function report(seed: number, c: Case, outcome: PoolOutcome, reproduction: string): string {
  const error = outcome.ok ? '' : outcome.error;
  return [
    `case ${c.index} of seed ${seed} (FUZZ_SEED=${seed} FUZZ_ONLY=${c.index} npm test): ${error.split('\n').slice(0, 6).join('\n')}`,
    `  from ${c.source}, mutations: ${c.mutations.join('; ')}`,
    `  shrunk reproduction (${reproduction.split('\n').length} lines):`,
    '-----',
    reproduction,
    '-----',
  ].join('\n');
}

test(
  'fuzz: corpus mutants through lint, every fix and the rollout simulation, each case bounded',
  { skip: !fs.existsSync(path.join(SHARED, 'corpus')) && `${SHARED} not found: the shared corpora are needed` },
  async (t) => {
    const corpus = loadCorpus(SHARED);
    assert.ok(corpus.files.length > 1000, `${corpus.files.length} YAML files in ${SHARED}`);
    const pool = new CasePool(Math.max(1, Math.min(2, os.cpus().length)), BOUND_MS);
    const failures: { c: Case; outcome: PoolOutcome }[] = [];
    const totals = { cases: 0, findings: 0, fixes: 0, simulations: 0 };
    try {
      const indexes = ONLY !== undefined ? [ONLY] : Array.from({ length: CASES }, (_, i) => i);
      let next = 0;
      const lane = async () => {
        while (next < indexes.length && failures.length < MAX_FAILURES) {
          const c = makeCase(corpus, SEED, indexes[next++]);
          const outcome = await pool.run(c.text);
          totals.cases++;
          if (outcome.ok) {
            totals.findings += outcome.findings;
            totals.fixes += outcome.fixes;
            totals.simulations += outcome.simulations;
          } else {
            failures.push({ c, outcome });
          }
        }
      };
      await Promise.all([lane(), lane()]);
      t.diagnostic(
        `seed ${SEED}: ${totals.cases} cases, ${totals.findings} findings, ${totals.fixes} fixes applied and re-linted, ${totals.simulations} rollouts simulated and drawn`,
      );
      const reports: string[] = [];
      const shrunk = new Set<string>();
      for (const { c, outcome } of failures) {
        const failure = signature(outcome);
        // One reproduction per kind of failure: the others are listed by seed and case only.
        if (shrunk.has(failure)) {
          reports.push(report(SEED, c, outcome, c.text).replace(/ {2}shrunk reproduction[^]*$/, '  (same failure as above)'));
          continue;
        }
        shrunk.add(failure);
        const bound = failure === 'hang' ? SHRINK_HANG_BOUND_MS : BOUND_MS;
        reports.push(report(SEED, c, outcome, await shrink(pool, c.text, failure, SHRINK_ATTEMPTS, bound)));
      }
      assert.equal(reports.length, 0, `\n${reports.join('\n\n')}`);
    } finally {
      await pool.close();
    }
  },
);
