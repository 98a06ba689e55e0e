// --format sarif: valid SARIF 2.1.0 (checked against the OASIS schema shipped in @microsoft/jest-sarif, with
// ajv), rule metadata, the same regions as the JSON output, and fixes that are the engine's edits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { docsUrl, lintWithFixes, RULES } from '../../../server/out/engine';
import { applyEdits, chooseFix } from '../../../server/out/engine/fix/fixAll';
import { cli, DEPLOYMENT, removeTrees, ROOT, sarifValidator, tree } from './helpers';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Location {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Location[];
  partialFingerprints: Record<string, string>;
  fixes?: {
    description: { text: string };
    artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent?: { text: string } }[] }[];
  }[];
}
interface Sarif {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          helpUri: string;
          defaultConfiguration: { level: string };
        }[];
      };
    };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { descriptor?: { id: string }; message: { text: string }; locations?: Location[] }[];
    }[];
    columnKind: string;
    results: Result[];
  }[];
}

/** 1-based line/column (UTF-16) -> offset. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

const EMOJI_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: "rocket-\u{1F680}", namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: rocket}}
  template:
    metadata: {labels: {app: rocket}}
    spec:
      containers:
        - {image: "nginx:1.27-\u{1F680}\u{1F680}", name: web, ports: [{containerPort: 80}]}
`;

describe('CLI --format sarif', () => {
  after(removeTrees);
  const validate = sarifValidator();

  it('the schema check itself rejects broken SARIF', () => {
    assert.equal(validate({ version: '2.1.0', runs: [] }), undefined);
    assert.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), 'driver without name');
    assert.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, columnKind: 'bytes' }] }), 'bad columnKind');
  });

  it('validates against the SARIF 2.1.0 schema, with rule metadata, help URIs and UTF-16 columns', () => {
    const dir = tree({
      'examples/web.yaml': fs.readFileSync(path.join(ROOT, 'examples', 'web-deployment.yaml'), 'utf8'),
      'examples/canary.yaml': fs.readFileSync(path.join(ROOT, 'examples', 'canary-istio.yaml'), 'utf8'),
      'examples/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n',
      'examples/rocket.yaml': EMOJI_DEPLOYMENT,
    });
    const run = cli(['--format', 'sarif', 'examples'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const sarif = JSON.parse(run.stdout) as Sarif;
    assert.equal(validate(sarif), undefined);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    const [runObject] = sarif.runs;
    assert.equal(runObject.columnKind, 'utf16CodeUnits');
    const driver = runObject.tool.driver;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(driver.name, 'kube-zero-downtime');
    assert.equal(driver.version, pkg.version);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((r) => [r.id, r.helpUri, r.shortDescription.text, r.fullDescription.text, r.defaultConfiguration.level]),
      RULES.map(({ meta }) => [
        meta.id,
        docsUrl(meta.id),
        meta.title,
        meta.rationale,
        { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[meta.severity],
      ]),
    );
    for (const result of runObject.results) {
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      const { artifactLocation } = result.locations[0].physicalLocation;
      assert.match(artifactLocation.uri, /^examples\/[a-z]+\.yaml$/, 'relative to the working directory');
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(Object.values(result.partialFingerprints)[0]);
    }
    const notice = runObject.invocations[0].toolExecutionNotifications.find((n) => n.descriptor?.id === 'not-checked');
    assert.equal(notice?.locations?.[0].physicalLocation.artifactLocation.uri, 'examples/broken.yaml');
    assert.equal(runObject.invocations[0].executionSuccessful, true);

    // Columns in UTF-16 code units: the container entry comes after two astral characters (4 code units).
    const line = EMOJI_DEPLOYMENT.split('\n')[10];
    const rocket = runObject.results.find(
      (r) => r.ruleId === 'readiness-probe-missing' && r.locations[0].physicalLocation.artifactLocation.uri === 'examples/rocket.yaml',
    );
    assert.deepEqual(rocket?.locations[0].physicalLocation.region, {
      startLine: 11,
      startColumn: line.indexOf('name: web') + 1,
      endLine: 11,
      endColumn: line.indexOf('name: web') + 'name: web'.length + 1,
    });
    // Fingerprints are stable when the file changes elsewhere.
    fs.writeFileSync(path.join(dir, 'examples', 'rocket.yaml'), `# a comment that moves every line\n${EMOJI_DEPLOYMENT}`);
    const moved = (JSON.parse(cli(['--format', 'sarif', 'examples'], { cwd: dir }).stdout) as Sarif).runs[0].results;
    const prints = (results: Result[]): string[] => results.map((r) => Object.values(r.partialFingerprints)[0]).sort();
    assert.deepEqual(prints(moved), prints(runObject.results));
  });

  it("regions equal the JSON output; fixes are the engine's edits (safe first) as replacements", () => {
    const dir = tree({ 'deploy.yaml': DEPLOYMENT });
    const sarif = JSON.parse(cli(['-f', 'sarif', 'deploy.yaml'], { cwd: dir }).stdout) as Sarif;
    const records = JSON.parse(cli(['-f', 'json', 'deploy.yaml'], { cwd: dir }).stdout) as {
      rule: string;
      startLine: number;
      startColumn: number;
      endLine: number;
      endColumn: number;
      message: string;
    }[];
    const results = sarif.runs[0].results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.message.text, r.locations[0].physicalLocation.region]),
      records.map((r) => [
        r.rule,
        r.message,
        { startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn },
      ]),
    );
    const findings = lintWithFixes(DEPLOYMENT).findings;
    let withFixes = 0;
    for (const result of results) {
      const finding = findings.find((f) => f.ruleId === result.ruleId && f.message === result.message.text)!;
      const expected = chooseFix(finding, true) ?? chooseFix(finding, false);
      if (!expected) {
        assert.equal(result.fixes, undefined);
        continue;
      }
      withFixes++;
      const [fix] = result.fixes!;
      assert.equal(fix.description.text, expected.title);
      const edits = fix.artifactChanges[0].replacements.map((replacement) => {
        const start = offsetOf(DEPLOYMENT, replacement.deletedRegion.startLine, replacement.deletedRegion.startColumn);
        const end = offsetOf(DEPLOYMENT, replacement.deletedRegion.endLine, replacement.deletedRegion.endColumn);
        return { offset: start, length: end - start, newText: replacement.insertedContent?.text ?? '' };
      });
      assert.equal(
        applyEdits(DEPLOYMENT, edits),
        applyEdits(DEPLOYMENT, expected.edits),
        `${result.ruleId}: the SARIF fix is the engine's fix`,
      );
    }
    assert.ok(withFixes >= 3, `${withFixes} results with fixes`);
  });

  it('same exit codes as text', () => {
    const dir = tree({ 'clean.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'deploy.yaml': DEPLOYMENT });
    const clean = cli(['-f', 'sarif', 'clean.yaml'], { cwd: dir });
    assert.equal(clean.status, 0);
    assert.deepEqual((JSON.parse(clean.stdout) as Sarif).runs[0].results, []);
    assert.equal(cli(['-f', 'sarif', 'deploy.yaml'], { cwd: dir }).status, 1);
    assert.equal(cli(['-f', 'sarif', '--max-warnings', '-1', 'deploy.yaml'], { cwd: dir }).status, 0);
  });
});
