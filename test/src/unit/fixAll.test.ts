// The fix-all selection (engine/fix/fixAll.ts) and its passes (engine/fix/fixPasses.ts) that source.fixAll, "Fix all <rule> problems" and the CLI's --fix
// share: one fix per finding, non-overlapping, multi-edit fixes all or nothing. Synthetic findings, so every
// case is exact; one end-to-end case on a real manifest at the end.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { applicableFixes, applyEdits, chooseFix, overlaps } from '../../../server/out/engine/fix/fixAll';
import { fixAllText, wholeLineEdit } from '../../../server/out/engine/fix/fixPasses';
import { lintWithFixes, type FindingWithFixes, type Fix, type TextEdit } from '../../../server/out/engine';

function edit(offset: number, length: number, newText: string): TextEdit {
  return { offset, length, newText };
}

function fix(edits: TextEdit[], extra: Partial<Fix> = {}): Fix {
  return { title: extra.title ?? 'fix', edits, safe: extra.safe ?? true, ...(extra.preferred ? { preferred: true } : {}) };
}

function finding(ruleId: string, fixes: Fix[], start = 0): FindingWithFixes {
  return { ruleId, severity: 'warning', message: 'm', start, end: start + 1, docIndex: 0, fixes };
}

describe('applyEdits', () => {
  test('applies edits given in any order, against the original offsets', () => {
    assert.equal(applyEdits('abcdef', [edit(4, 1, 'E'), edit(0, 1, 'A'), edit(2, 0, '+')]), 'Ab+cdEf');
  });

  test('insertions at one offset keep their order, and come before a replacement starting there', () => {
    assert.equal(applyEdits('abc', [edit(1, 1, 'B'), edit(1, 0, '1'), edit(1, 0, '2')]), 'a12Bc');
  });

  test('rejects overlapping and out-of-range edits', () => {
    assert.throws(() => applyEdits('abcdef', [edit(0, 3, 'x'), edit(2, 2, 'y')]));
    assert.throws(() => applyEdits('abc', [edit(2, 5, 'x')]));
  });

  test('no edits: the same text', () => {
    assert.equal(applyEdits('abc', []), 'abc');
  });
});

describe('overlaps', () => {
  test('intersecting ranges overlap; touching ones and insertions at an edge do not', () => {
    assert.equal(overlaps(edit(0, 3, ''), edit(2, 2, '')), true);
    assert.equal(overlaps(edit(0, 3, ''), edit(3, 2, '')), false);
    assert.equal(overlaps(edit(0, 3, ''), edit(0, 0, 'x')), false);
    assert.equal(overlaps(edit(0, 3, ''), edit(3, 0, 'x')), false);
    assert.equal(overlaps(edit(0, 3, ''), edit(1, 0, 'x')), true, 'an insertion inside a replaced range');
  });

  test('two insertions at one offset conflict (which goes first decides where the second lands): the next pass applies it', () => {
    assert.equal(overlaps(edit(5, 0, 'a'), edit(5, 0, 'b')), true);
    assert.equal(overlaps(edit(5, 0, 'a'), edit(5, 0, 'a')), true);
    assert.equal(overlaps(edit(5, 0, 'a'), edit(4, 1, 'b')), false, 'an insertion at the edge of a replaced range');
  });
});

describe('chooseFix', () => {
  const unsafe = fix([edit(0, 0, 'u')], { safe: false, title: 'unsafe' });
  const preferred = fix([edit(0, 0, 'p')], { safe: false, preferred: true, title: 'preferred' });
  const safe = fix([edit(0, 0, 's')], { safe: true, title: 'safe' });

  test('the preferred fix, else the first', () => {
    assert.equal(chooseFix(finding('r', [unsafe, preferred, safe]), false)?.title, 'preferred');
    assert.equal(chooseFix(finding('r', [unsafe, safe]), false)?.title, 'unsafe');
  });

  test('safeOnly: the first safe fix, even when another is preferred', () => {
    assert.equal(chooseFix(finding('r', [unsafe, preferred, safe]), true)?.title, 'safe');
    assert.equal(chooseFix(finding('r', [unsafe, preferred]), true), undefined);
  });

  test('a fix without edits is never chosen', () => {
    assert.equal(chooseFix(finding('r', [fix([])]), false), undefined);
  });
});

describe('applicableFixes', () => {
  test('one fix per finding, sorted by offset', () => {
    const findings = [finding('a', [fix([edit(10, 2, 'X')]), fix([edit(10, 2, 'never')])]), finding('b', [fix([edit(0, 1, 'Y')])])];
    assert.deepEqual(applicableFixes(findings, { safeOnly: false }), [edit(0, 1, 'Y'), edit(10, 2, 'X')]);
  });

  test('an edit overlapping an earlier kept one is dropped (the earlier offset wins, then the shorter)', () => {
    const findings = [
      finding('a', [fix([edit(4, 4, 'late')])]),
      finding('b', [fix([edit(2, 4, 'early')])]),
      finding('c', [fix([edit(2, 2, 'short')])]),
    ];
    assert.deepEqual(applicableFixes(findings, { safeOnly: false }), [edit(2, 2, 'short'), edit(4, 4, 'late')]);
  });

  test('a multi-edit fix with one conflicting edit is dropped whole, never half-applied', () => {
    const first = finding('a', [fix([edit(0, 2, 'A')])]);
    const multi = finding('b', [fix([edit(1, 2, 'B1'), edit(20, 0, 'B2')])]);
    const later = finding('c', [fix([edit(20, 0, 'C')])]);
    const edits = applicableFixes([first, multi, later], { safeOnly: false });
    assert.deepEqual(edits, [edit(0, 2, 'A'), edit(20, 0, 'C')]);
    assert.ok(!edits.some((e) => e.newText === 'B2'), 'no part of the dropped fix');
  });

  test('the same fix offered by two findings is applied once', () => {
    const same = [edit(3, 0, 'maxSurge: 1\n')];
    const edits = applicableFixes([finding('a', [fix(same)]), finding('b', [fix(same)], 5)], { safeOnly: false });
    assert.deepEqual(edits, same);
  });

  test('a fix whose own edits overlap is skipped (a rule bug), the others still apply', () => {
    const broken = finding('a', [fix([edit(0, 5, 'x'), edit(3, 1, 'y')])]);
    const fine = finding('b', [fix([edit(10, 0, 'z')])]);
    assert.deepEqual(applicableFixes([broken, fine], { safeOnly: false }), [edit(10, 0, 'z')]);
  });

  test('ruleId: only that rule', () => {
    const findings = [finding('a', [fix([edit(0, 0, 'a')])]), finding('b', [fix([edit(1, 0, 'b')])])];
    assert.deepEqual(applicableFixes(findings, { ruleId: 'b', safeOnly: false }), [edit(1, 0, 'b')]);
  });

  test('safeOnly: findings with only unsafe fixes contribute nothing', () => {
    const findings = [
      finding('a', [fix([edit(0, 0, 'unsafe')], { safe: false, preferred: true }), fix([edit(0, 0, 'safe')])]),
      finding('b', [fix([edit(5, 0, 'never')], { safe: false })]),
    ];
    assert.deepEqual(applicableFixes(findings, { safeOnly: true }), [edit(0, 0, 'safe')]);
  });

  test('the result always applies cleanly', () => {
    const findings = [
      finding('a', [fix([edit(0, 3, 'A'), edit(8, 1, 'a')])]),
      finding('b', [fix([edit(2, 3, 'B')])]),
      finding('c', [fix([edit(3, 0, 'C'), edit(9, 0, 'c')])]),
      finding('d', [fix([edit(9, 0, 'D')])]),
    ];
    const edits = applicableFixes(findings, { safeOnly: false });
    // d inserts where c does: it waits for the next pass.
    assert.equal(applyEdits('0123456789', edits), 'AC34567ac9');
  });
});

describe('fix-all on a real manifest', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
        - name: metrics
          image: example/exporter:1.0
          ports:
            - containerPort: 9100
`;

  test('safe fixes apply in one pass, the result parses, and fixed findings are gone without new ones', () => {
    const before = lintWithFixes(text).findings;
    const edits = applicableFixes(before, { safeOnly: true });
    assert.ok(
      edits.length > 0,
      `some safe fixes exist: ${before.map((f) => `${f.ruleId}:${f.fixes.map((x) => `${x.title}${x.safe ? '(safe)' : ''}`).join('|')}`).join(', ')}`,
    );
    const fixed = applyEdits(text, edits);
    for (const doc of parseAllDocuments(fixed)) {
      assert.deepEqual(
        doc.errors.map((e) => e.message),
        [],
        fixed,
      );
    }
    const after = lintWithFixes(fixed).findings;
    assert.ok(after.length < before.length, `fewer findings after fix-all:\n${fixed}`);
    const key = (f: FindingWithFixes): string => `${f.ruleId}|${f.container ?? ''}`;
    const beforeKeys = new Set(before.map(key));
    for (const f of after) {
      assert.ok(beforeKeys.has(key(f)), `fix-all introduced ${key(f)}:\n${fixed}`);
    }
  });
});

describe('fix-all in passes', () => {
  // The pod-level spread constraint and the container's probes and preStop all insert at the end of the pod spec:
  // applied in one pass, the container fields would land inside the constraint's list item.
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

  test('each fix lands in the node it is for; what conflicted in one pass is applied by the next', () => {
    const outcome = fixAllText(text, {});
    assert.ok(outcome.passes >= 2, `passes: ${outcome.passes}`);
    const pod = (parse(outcome.text) as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
    const container = (pod.containers as Record<string, unknown>[])[0];
    for (const field of ['readinessProbe', 'livenessProbe', 'lifecycle']) assert.ok(container[field], `container.${field}`);
    const constraint = (pod.topologySpreadConstraints as Record<string, unknown>[])[0];
    assert.deepEqual(Object.keys(constraint).sort(), ['labelSelector', 'maxSkew', 'topologyKey', 'whenUnsatisfiable']);
    const left = outcome.result.findings.map((finding) => finding.ruleId);
    for (const fixed of ['readiness-probe-missing', 'liveness-probe-missing', 'prestop-hook-missing', 'replicas-not-spread']) {
      assert.ok(!left.includes(fixed), `${fixed} left: ${left.join(', ')}`);
    }
    assert.equal(fixAllText(outcome.text, {}).text, outcome.text, 'a second fix-all changes nothing');
  });

  test('wholeLineEdit: one edit of whole lines that gives the fixed text (random texts, CRLF and astral characters)', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['a', 'b: 1', '\n', '\r\n', '  ', '😀', 'x'];
    const randomText = (): string =>
      Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    for (let i = 0; i < 2000; i++) {
      const before = randomText();
      const after =
        random() < 0.5
          ? randomText()
          : before.slice(0, Math.floor(random() * before.length)) + randomText() + before.slice(Math.floor(random() * before.length));
      const edit = wholeLineEdit(before, after);
      if (before === after) {
        assert.equal(edit, undefined);
        continue;
      }
      assert.ok(edit);
      assert.equal(applyEdits(before, [edit]), after, JSON.stringify({ before, after, edit }));
      assert.ok(edit.offset === 0 || before[edit.offset - 1] === '\n', `starts a line: ${JSON.stringify({ before, after, edit })}`);
      const end = edit.offset + edit.length;
      assert.ok(end === before.length || before[end - 1] === '\n', `ends a line: ${JSON.stringify({ before, after, edit })}`);
    }
  });
});
