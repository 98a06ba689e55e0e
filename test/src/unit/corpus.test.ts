// Real manifests from public repositories (../shared/corpus beside the project): the engine must never crash
// on them, and what it reports is pinned in a snapshot so a change in findings is a reviewed decision.
// Skipped, and says so, when the corpus is not there (e.g. a clone outside this workplace).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../../../server/out/engine';
import { decodeText } from '../../../server/out/cli/files';

const corpusDir = path.resolve(__dirname, '../../../../shared/corpus/files');
const snapshotPath = path.resolve(__dirname, '../../fixtures/corpus-findings.snap');
const present = fs.existsSync(corpusDir);

describe('real-world corpus', { skip: present ? false : `no corpus at ${corpusDir}` }, () => {
  test('every file is analysed without internal errors, and the findings match the reviewed snapshot', () => {
    const files = fs
      .readdirSync(corpusDir)
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort();
    assert.ok(files.length > 0);
    const lines: string[] = [];
    for (const file of files) {
      const text = decodeText(fs.readFileSync(path.join(corpusDir, file)));
      const result = lintText(text);
      assert.deepEqual(result.internalErrors ?? [], [], `${file}: a rule threw`);
      const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
      const entries = [
        ...result.findings.map((f) => `${f.ruleId}@${lineOf(f.start)} ${f.severity}`),
        ...result.notices.map((n) => `notice:${n.reason}@${lineOf(n.start)}`),
      ];
      lines.push(`${file}: ${entries.length === 0 ? '(none)' : entries.join(', ')}`);
    }
    const rendered = `${lines.join('\n')}\n`;
    if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(snapshotPath)) {
      fs.writeFileSync(snapshotPath, rendered);
    }
    assert.equal(rendered, fs.readFileSync(snapshotPath, 'utf8'));
  });
});
