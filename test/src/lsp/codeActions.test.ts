// textDocument/codeAction against the built server: quick fixes linked to their diagnostic, fix-all for a rule,
// source.fixAll (safe fixes only), the Ignore-comment quick fix, stale versions, and clients without
// versioned edits. Edits are applied here, like an editor would, and sent back with didChange.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionKind,
  CodeActionRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintWithFixes } from '../../../server/out/engine';
import { fixAllText } from '../../../server/out/engine/fix/fixPasses';
import { DEFAULT_TIMEOUT_MS, TestServer, uriFor, withTimeout } from './harness';

const FIX_ALL_KIND = 'source.fixAll.kube-zero-downtime';

const TWO_CONTAINERS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 3
  strategy:
    rollingUpdate:
      maxUnavailable: 0
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
        - name: api
          image: example/api:1.0
          ports:
            - containerPort: 8080
`;

const RECREATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy
spec:
  replicas: 2
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: legacy
  template:
    metadata:
      labels:
        app: legacy
    spec:
      containers:
        - name: legacy
          image: example/legacy:1.0
          ports:
            - containerPort: 8080
`;

function byCode(params: PublishDiagnosticsParams, code: string): Diagnostic[] {
  return params.diagnostics.filter((d) => d.code === code);
}

function isAction(item: CodeAction | Command): item is CodeAction {
  return typeof (item as Command).command !== 'string';
}

async function codeActions(
  server: TestServer,
  uri: string,
  range: Range,
  diagnostics: Diagnostic[],
  only?: string[],
): Promise<CodeAction[]> {
  const result = await withTimeout(
    server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    }),
    DEFAULT_TIMEOUT_MS,
    'codeAction',
  );
  return (result ?? []).filter(isAction);
}

/** The edits of an action for `uri`, checking the versioned identifier when the edit is a documentChanges one. */
function editsOf(action: CodeAction, uri: string, version?: number): TextEdit[] {
  const edit = action.edit;
  assert.ok(edit, `${action.title}: has an edit`);
  if (version !== undefined) {
    assert.ok(edit.documentChanges, `${action.title}: documentChanges for a client that supports them`);
    assert.equal(edit.changes, undefined);
    assert.equal(edit.documentChanges.length, 1);
    const change = edit.documentChanges[0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version }, `${action.title}: versioned identifier`);
    return change.edits as TextEdit[];
  }
  assert.equal(edit.documentChanges, undefined);
  assert.ok(edit.changes?.[uri], `${action.title}: changes for ${uri}`);
  return edit.changes[uri];
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.yaml', 'yaml', 0, text), edits);
}

const whole = (text: string): Range => {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
};

describe('LSP code actions (client with versioned edits)', () => {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start({ capabilities: { workspace: { workspaceEdit: { documentChanges: true } } } });
  });

  after(async () => {
    try {
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });

  /** didChange with the whole new text; resolves with the publish for that version. */
  async function replaceText(uri: string, version: number, text: string): Promise<PublishDiagnosticsParams> {
    const published = server.waitFor(uri, (p) => p.version === version, { label: `for v${version}` });
    await server.change(uri, version, [{ text }]);
    return published;
  }

  it('declares the quick-fix and fix-all kinds', () => {
    const provider = server.initializeResult?.capabilities.codeActionProvider;
    assert.deepEqual(provider, { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false });
  });

  it('lists the quick fixes of a diagnostic (one preferred, versioned edit); applying one clears that diagnostic', async () => {
    const uri = uriFor('ca-quick-fix.yaml');
    const published = await server.open(uri, TWO_CONTAINERS, 3);
    const diagnostic = byCode(published, 'readiness-probe-missing').find((d) => d.range.start.line === 18);
    assert.ok(diagnostic, JSON.stringify(published.diagnostics.map((d) => [d.code, d.range.start.line])));

    const actions = await codeActions(server, uri, diagnostic.range, [diagnostic]);
    const finding = lintWithFixes(TWO_CONTAINERS).findings.find((f) => f.ruleId === 'readiness-probe-missing' && f.container === 'web');
    assert.ok(finding && finding.fixes.length > 0, 'the engine offers fixes for this finding');
    const fixes = actions.filter((a) => finding.fixes.some((f) => f.title === a.title));
    assert.deepEqual(
      fixes.map((a) => a.title),
      finding.fixes.map((f) => f.title),
      `one action per fix, in order; got ${actions.map((a) => a.title).join(' | ')}`,
    );
    for (const action of fixes) {
      assert.equal(action.kind, CodeActionKind.QuickFix);
      assert.deepEqual(action.diagnostics, [diagnostic], 'linked to its diagnostic');
    }
    assert.equal(fixes.filter((a) => a.isPreferred).length, 1, 'exactly one preferred');
    const preferred = fixes.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, finding.fixes.find((f) => f.preferred)?.title);

    const fixed = apply(TWO_CONTAINERS, editsOf(preferred, uri, 3));
    assert.match(fixed, /readinessProbe:/);
    const after = await replaceText(uri, 4, fixed);
    const remaining = byCode(after, 'readiness-probe-missing');
    assert.equal(remaining.length, 1, 'only the other container is left');
    assert.notEqual(remaining[0].range.start.line, 18);
    assert.ok(byCode(after, 'liveness-probe-missing').length === 2, 'other findings untouched');
  });

  it('offers "Fix all <rule> problems in this file" when more than one finding of the rule has a fix', async () => {
    const uri = uriFor('ca-fix-all-rule.yaml');
    const published = await server.open(uri, TWO_CONTAINERS, 1);
    const diagnostics = byCode(published, 'readiness-probe-missing');
    assert.equal(diagnostics.length, 2);
    const actions = await codeActions(server, uri, diagnostics[0].range, [diagnostics[0]]);
    const fixAll = actions.filter((a) => a.title === 'Fix all readiness-probe-missing problems in this file');
    assert.equal(fixAll.length, 1, actions.map((a) => a.title).join(' | '));
    assert.equal(fixAll[0].kind, CodeActionKind.QuickFix);
    assert.ok(!fixAll[0].isPreferred);
    const fixed = apply(TWO_CONTAINERS, editsOf(fixAll[0], uri, 1));
    const after = await replaceText(uri, 2, fixed);
    assert.deepEqual(byCode(after, 'readiness-probe-missing'), [], 'both fixed by one action');
    assert.equal(byCode(after, 'liveness-probe-missing').length, 2, 'other rules untouched');

    // A rule with a single fixable finding gets no fix-all.
    const single = await codeActions(
      server,
      uri,
      byCode(after, 'liveness-probe-missing')[0].range,
      byCode(after, 'liveness-probe-missing').slice(0, 1),
    );
    assert.ok(
      single.some((a) => a.title === 'Fix all liveness-probe-missing problems in this file'),
      'two liveness findings: offered',
    );
    const recreate = uriFor('ca-single.yaml');
    const one = await server.open(recreate, RECREATE, 1);
    const recreateDiagnostic = byCode(one, 'recreate-strategy')[0];
    const recreateActions = await codeActions(server, recreate, recreateDiagnostic.range, [recreateDiagnostic]);
    assert.ok(recreateActions.length > 0);
    assert.ok(!recreateActions.some((a) => a.title.startsWith('Fix all')), recreateActions.map((a) => a.title).join(' | '));
  });

  it('source.fixAll applies the safe fixes only, in one edit, and only when asked for by kind', async () => {
    const uri = uriFor('ca-source-fix-all.yaml');
    const text = `${TWO_CONTAINERS}---\n${RECREATE}`;
    const published = await server.open(uri, text, 5);
    assert.ok(byCode(published, 'recreate-strategy').length === 1);

    for (const only of [['source.fixAll'], [FIX_ALL_KIND], ['source']]) {
      const actions = await codeActions(server, uri, whole(text), [], only);
      assert.equal(actions.length, 1, `only ${only}: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(actions[0].kind, FIX_ALL_KIND);
    }
    assert.deepEqual(
      (await codeActions(server, uri, whole(text), [], [CodeActionKind.QuickFix])).filter((a) => a.kind === FIX_ALL_KIND),
      [],
    );
    assert.deepEqual(
      (await codeActions(server, uri, whole(text), [])).filter((a) => a.kind === FIX_ALL_KIND),
      [],
      'not in the light bulb',
    );

    const [action] = await codeActions(server, uri, whole(text), [], ['source.fixAll']);
    const fixed = apply(text, editsOf(action, uri, 5));
    const before = lintWithFixes(text).findings;
    const safe = before.filter((f) => f.fixes.some((fix) => fix.safe));
    const unsafeOnly = before.filter((f) => !f.fixes.some((fix) => fix.safe));
    assert.ok(safe.length > 0 && unsafeOnly.some((f) => f.ruleId === 'recreate-strategy'), 'the document has both kinds');

    const after = await replaceText(uri, 6, fixed);
    const afterCodes = after.diagnostics.map((d) => String(d.code));
    assert.ok(afterCodes.includes('recreate-strategy'), 'a finding without a safe fix stays');
    assert.ok(after.diagnostics.length < published.diagnostics.length, `fewer findings: ${afterCodes.join(', ')}`);
    for (const code of afterCodes) {
      assert.ok(
        before.some((f) => f.ruleId === code),
        `fix-all introduced ${code}`,
      );
    }
  });

  it('source.fixAll fixes in passes, as --fix does: fixes inserting at one place each land in their own node', async () => {
    // The spread constraint (pod spec) and the probes and preStop (container) all insert at the end of the pod spec.
    const uri = uriFor('ca-fix-all-passes.yaml');
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n`;
    const published = await server.open(uri, text, 1);
    for (const code of ['readiness-probe-missing', 'replicas-not-spread']) assert.equal(byCode(published, code).length, 1, code);
    const [action] = await codeActions(server, uri, whole(text), [], [FIX_ALL_KIND]);
    const edits = editsOf(action, uri, 1);
    assert.equal(edits.length, 1, 'one edit of the lines that changed');
    const fixed = apply(text, edits);
    assert.equal(fixed, fixAllText(text, {}).text, 'the text --fix writes');
    const after = (await replaceText(uri, 2, fixed)).diagnostics.map((d) => String(d.code));
    for (const code of ['readiness-probe-missing', 'liveness-probe-missing', 'prestop-hook-missing', 'replicas-not-spread']) {
      assert.ok(!after.includes(code), `${code} left: ${after.join(', ')}`);
    }
  });

  it('source.fixAll right after an edit answers for the new text (on save, before the analysis ran)', async () => {
    const uri = uriFor('ca-fix-all-after-edit.yaml');
    await server.open(uri, RECREATE, 1);
    // The same notification stream as an editor saving right after typing: change, then the request.
    await server.change(uri, 2, [{ text: TWO_CONTAINERS }]);
    const actions = await codeActions(server, uri, whole(TWO_CONTAINERS), [], [FIX_ALL_KIND]);
    assert.equal(actions.length, 1);
    const fixed = apply(TWO_CONTAINERS, editsOf(actions[0], uri, 2));
    assert.notEqual(fixed, TWO_CONTAINERS);
  });

  it('"Ignore <rule> for this container" inserts a kzd-ignore comment; the finding is gone afterwards', async () => {
    const uri = uriFor('ca-ignore.yaml');
    const published = await server.open(uri, TWO_CONTAINERS, 1);
    const diagnostic = byCode(published, 'readiness-probe-missing').find((d) => d.range.start.line === 23);
    assert.ok(diagnostic);
    const actions = await codeActions(server, uri, diagnostic.range, [diagnostic]);
    const ignore = actions.find((a) => a.title === 'Ignore readiness-probe-missing for this container');
    assert.ok(ignore, actions.map((a) => a.title).join(' | '));
    assert.ok(actions.some((a) => a.title === 'Ignore readiness-probe-missing for this object'));
    assert.equal(ignore.kind, CodeActionKind.QuickFix);
    assert.ok(!ignore.isPreferred);
    assert.deepEqual(ignore.diagnostics, [diagnostic]);
    const fixed = apply(TWO_CONTAINERS, editsOf(ignore, uri, 1));
    assert.ok(fixed.includes('        # kzd-ignore readiness-probe-missing\n        - name: api\n'), fixed);
    const after = await replaceText(uri, 2, fixed);
    const left = byCode(after, 'readiness-probe-missing');
    assert.equal(left.length, 1, 'the other container still reported');
    assert.equal(left[0].range.start.line, 18);
    assert.deepEqual(byCode(after, 'unused-suppression'), []);
  });

  it('a diagnostic from an older version gets no actions; the current one does', async () => {
    const uri = uriFor('ca-stale.yaml');
    const published = await server.open(uri, TWO_CONTAINERS, 1);
    const old = byCode(published, 'readiness-probe-missing')[0];
    // An edit below the finding: its range is unchanged, but the version moved on, and edits computed for
    // version 1 could land anywhere now. The request follows the change, as in an editor.
    const lines = TWO_CONTAINERS.split('\n').length - 1;
    const next = server.waitFor(uri, (p) => p.version === 2);
    await server.change(uri, 2, [
      { range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: '# edited\n' },
    ]);
    assert.deepEqual(await codeActions(server, uri, old.range, [old]), [], 'nothing for a stale diagnostic');
    const current = byCode(await next, 'readiness-probe-missing')[0];
    assert.deepEqual(current.range, old.range, 'same range, newer version');
    const actions = await codeActions(server, uri, current.range, [current]);
    assert.ok(actions.length > 0, 'the current diagnostic has actions');
    assert.equal((actions[0].edit?.documentChanges?.[0] as TextDocumentEdit).textDocument.version, 2);
  });

  it('ignores diagnostics of other sources and ones it cannot find again', async () => {
    const uri = uriFor('ca-foreign.yaml');
    const published = await server.open(uri, TWO_CONTAINERS, 1);
    const ours = byCode(published, 'readiness-probe-missing')[0];
    const foreign: Diagnostic = { ...ours, source: 'yaml', data: undefined };
    assert.deepEqual(await codeActions(server, uri, ours.range, [foreign]), []);
    const moved: Diagnostic = { ...ours, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } };
    assert.deepEqual(await codeActions(server, uri, moved.range, [moved]), [], 'same rule, other range: not the finding');
    const sameMessageOtherRule: Diagnostic = {
      ...ours,
      code: 'liveness-probe-missing',
      data: { ...(ours.data as object), ruleId: 'liveness-probe-missing' },
    };
    const actions = await codeActions(server, uri, ours.range, [sameMessageOtherRule]);
    assert.ok(
      actions.every((a) => !a.title.includes('readiness')),
      'found by rule id, not by message',
    );
  });

  it('an unused suppression offers its removal, which source.fixAll applies (safe)', async () => {
    const uri = uriFor('ca-unused.yaml');
    const text = RECREATE.replace('        - name: legacy', '        # kzd-ignore grace-period-too-short -- old\n        - name: legacy');
    const published = await server.open(uri, text, 1);
    const unused = byCode(published, 'unused-suppression');
    assert.equal(unused.length, 1, JSON.stringify(published.diagnostics.map((d) => d.code)));
    assert.equal(unused[0].severity, 4, 'hint');
    const actions = await codeActions(server, uri, unused[0].range, unused);
    const remove = actions.find((a) => a.title === 'Remove the unused kzd-ignore comment');
    assert.ok(remove?.isPreferred, actions.map((a) => a.title).join(' | '));
    assert.ok(!actions.some((a) => a.title.startsWith('Ignore')), 'suppressions are not themselves suppressible');
    const [fixAll] = await codeActions(server, uri, whole(text), [], ['source.fixAll']);
    assert.ok(!apply(text, editsOf(fixAll, uri, 1)).includes('kzd-ignore'));
  });
});

describe('LSP code actions (client without versioned edits)', () => {
  let server: TestServer;

  before(async () => {
    server = await TestServer.start();
  });

  after(async () => {
    try {
      assert.equal(await server.stop(), 0);
    } finally {
      server.kill();
    }
  });

  it('uses WorkspaceEdit.changes', async () => {
    const uri = uriFor('ca-changes.yaml');
    const published = await server.open(uri, TWO_CONTAINERS, 1);
    const diagnostic = byCode(published, 'readiness-probe-missing')[0];
    const actions = await codeActions(server, uri, diagnostic.range, [diagnostic]);
    assert.ok(actions.length > 0);
    for (const action of actions) {
      assert.ok(editsOf(action, uri).length > 0);
    }
  });
});
