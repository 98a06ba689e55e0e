// The fix invariants on documents written in different styles: 4-space and unindented sequences, CRLF,
// flow collections, comments and anchors next to insertion points, block scalars, single quotes, List items.
// Every fix of every finding (all rules on) must pass checkFix; the fixed text of each is pinned in a snapshot.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lintWithFixes } from '../../../server/out/engine';
import { applyEdits, checkFix, lineDiff } from './fixHarness';

const dir = path.resolve(__dirname, '../../fixtures/fixes');
const update = process.env.UPDATE_SNAPSHOTS === '1';

describe('fixes keep the style of the document', () => {
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    test(file, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const findings = lintWithFixes(text).findings;
      assert.ok(findings.length > 0, `${file} exercises some rules`);
      const out: string[] = [];
      for (const finding of findings) {
        assert.ok(finding.fixes.length > 0, `${finding.ruleId} offers a fix`);
        for (const fix of finding.fixes) {
          const fixed = checkFix(text, finding, fix);
          out.push(
            `${finding.ruleId}: ${fix.title}${fix.preferred ? ' (preferred)' : ''}${fix.safe ? ' (safe)' : ''}`,
            lineDiff(text, fixed),
            '',
          );
        }
      }
      const rendered = out.join('\n');
      const snap = path.join(dir, `${file}.snap`);
      if (update || !fs.existsSync(snap)) {
        fs.writeFileSync(snap, rendered);
      }
      assert.equal(rendered, fs.readFileSync(snap, 'utf8'));
      void applyEdits;
    });
  }
});
