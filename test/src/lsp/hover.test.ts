// Hovers over the protocol, against the built server: on the entries where a number matters (replicas and the
// update strategy, a probe, the grace period and a preStop hook, an autoscaler's target, a budget's selector), the
// engine's explanation as Markdown, with the rule docs and a command link to the rollout timeline; nothing
// elsewhere; objects in other files of the workspace linked with their file and line.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'url';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver/node';
import { SHOW_ROLLOUT_COMMAND } from '../../../protocol/out';
import { WEB } from '../manifests';
import { DEFAULT_TIMEOUT_MS, rangeOf, ROOT, TestServer, uriFor, withTimeout } from './harness';

/** The position of the first character of `needle` (plus `shift`) in `text`. */
function at(text: string, needle: string, shift = 0): { line: number; character: number } {
  const { start } = rangeOf(text, needle);
  return { line: start.line, character: start.character + shift };
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'no hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

/** The arguments of the hover's rollout timeline command link. */
function timelineArgs(value: string): unknown[] {
  const match = new RegExp(`\\(command:${SHOW_ROLLOUT_COMMAND.replace('.', '\\.')}\\?([^)]*)\\)`).exec(value);
  assert.ok(match, `no timeline link in:\n${value}`);
  return JSON.parse(decodeURIComponent(match[1])) as unknown[];
}

describe('LSP hovers', () => {
  let server: TestServer;
  const uri = uriFor('hover.yaml');
  const hover = (position: { line: number; character: number }, target = uri) =>
    withTimeout(server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: target }, position }), DEFAULT_TIMEOUT_MS, 'hover');

  before(async () => {
    server = await TestServer.start();
    await server.open(uri, WEB);
  });
  after(async () => {
    if (server) await server.stop().catch(() => server.kill());
  });

  it('announces the hover capability', () => {
    assert.equal(server.initializeResult?.capabilities.hoverProvider, true);
  });

  it('on replicas: maxUnavailable and maxSurge resolved against them, the waves, the docs and the timeline', async () => {
    const result = await hover(at(WEB, 'replicas: 4', 3));
    const value = markdown(result);
    assert.deepEqual(result?.range, rangeOf(WEB, 'replicas: 4'));
    assert.match(value, /^\*\*Rolling update of Deployment "web": 4 replicas\*\*\n\n/);
    assert.ok(
      value.includes('- `maxUnavailable` is not set: 25% (the default) of 4 = 1 pod, rounded down: at least 3 of 4 stay available.'),
      value,
    );
    assert.ok(value.includes('- `maxSurge` is not set: 25% (the default) of 4 = 1 pod, rounded up: at most 5 pods at once.'), value);
    assert.ok(value.includes('- New pods start in 2 waves of 2.'), value);
    const docs = pathToFileURL(path.join(ROOT, 'docs', 'rules', 'rolling-update-unavailable.md')).href;
    assert.ok(value.includes(`[rolling-update-unavailable](${docs})`), value);
    assert.deepEqual(timelineArgs(value), [uri, 0, 'Deployment', 'web']);
  });

  it('on a probe timing field: when the pod is Ready and how long a failing pod stays in rotation', async () => {
    const result = await hover(at(WEB, 'periodSeconds: 5'));
    const value = markdown(result);
    assert.deepEqual(result?.range, rangeOf(WEB, 'periodSeconds: 5'));
    assert.match(value, /^\*\*`readinessProbe` of container "web"\*\*/);
    assert.ok(value.includes('With an app that accepts requests 10s after its container starts'), value);
    assert.ok(value.includes('Ready at 10s; the pod is Ready 13s after it is created'), value);
    assert.ok(value.includes('stays in rotation for up to 10s: 2 failed checks 5s apart (`failureThreshold` 2)'), value);
    assert.ok(value.includes('[readiness-probe-missing]('), value);
    assert.deepEqual(timelineArgs(value), [uri, 0, 'Deployment', 'web']);
  });

  it('on the preStop command: the termination timeline, cut short by the grace period', async () => {
    const value = markdown(await hover(at(WEB, '"25"', 1)));
    assert.match(value, /^\*\*Shutdown of container "web" \(0s: the pod is deleted\)\*\*/);
    assert.ok(value.includes('- 0s to 20s: the preStop hook waits (`sleep 25`)'), value);
    assert.ok(value.includes('SIGKILL 2s later, at 22s'), value);
    assert.ok(value.includes('[grace-period-too-short]('), value);
  });

  it('on terminationGracePeriodSeconds: SIGTERM and SIGKILL of each container', async () => {
    const value = markdown(await hover(at(WEB, 'terminationGracePeriodSeconds', 5)));
    assert.ok(value.includes('- Container "web": preStop 25s, SIGTERM at 20s, SIGKILL at 22s.'), value);
  });

  it('nothing where no number matters: the image, a label, blank space', async () => {
    assert.equal(await hover(at(WEB, 'image: nginx', 9)), null);
    assert.equal(await hover(at(WEB, 'app: web', 6)), null);
    assert.equal(await hover({ line: rangeOf(WEB, 'replicas: 4').start.line, character: 0 }), null);
  });

  it('follows edits: the numbers of the text the client has', async () => {
    const edited = uriFor('hover-edited.yaml');
    await server.open(edited, WEB);
    const published = server.waitFor(edited, (p) => p.version === 2);
    await server.change(edited, 2, [{ range: rangeOf(WEB, 'replicas: 4'), text: 'replicas: 10' }]);
    await published;
    const value = markdown(await hover(at(WEB, 'replicas', 2), edited));
    assert.ok(value.includes('25% (the default) of 10 = 2 pods, rounded down: at least 8 of 10 stay available'), value);
    assert.ok(value.includes('25% (the default) of 10 = 3 pods, rounded up: at most 13 pods at once'), value);
  });
});

describe('LSP hovers with a workspace folder', () => {
  let server: TestServer;
  let dir: string;
  const hover = (uri: string, position: { line: number; character: number }) =>
    withTimeout(server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), DEFAULT_TIMEOUT_MS, 'hover');
  const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 8
`;

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-hover-')));
    fs.writeFileSync(path.join(dir, 'deployment.yaml'), `# the web Deployment\n${WEB}`);
    fs.writeFileSync(path.join(dir, 'hpa.yaml'), HPA);
    server = await TestServer.start({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'hover' }] });
    await server.waitForLog(/^Workspace index: .*YAML files indexed/);
  });
  after(async () => {
    if (server) await server.stop().catch(() => server.kill());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("on an autoscaler's scaleTargetRef: the Deployment it scales, linked to its file and line", async () => {
    const uri = pathToFileURL(path.join(dir, 'hpa.yaml')).href;
    await server.open(uri, HPA);
    const value = markdown(await hover(uri, at(HPA, 'kind: Deployment', 7)));
    const target = `${pathToFileURL(path.join(dir, 'deployment.yaml')).href}#L3`;
    assert.ok(value.includes('- Scales Deployment "web": `replicas` 4 written, this autoscaler keeps it between 2 and 8 replicas.'), value);
    assert.ok(value.includes(`([deployment.yaml:3](${target}))`), value);
    assert.ok(value.includes('[hpa-target-missing-requests]('), value);
  });

  it('on replicas of a Deployment an autoscaler scales: the numbers at its maxReplicas, and where it is', async () => {
    const uri = pathToFileURL(path.join(dir, 'deployment.yaml')).href;
    const text = fs.readFileSync(fileURLToPath(uri), 'utf8');
    await server.open(uri, text);
    const value = markdown(await hover(uri, at(text, 'replicas: 4')));
    assert.match(value, /^\*\*Rolling update of Deployment "web": 8 replicas \(autoscaler max\)\*\*/);
    assert.ok(value.includes(`([hpa.yaml:2](${pathToFileURL(path.join(dir, 'hpa.yaml')).href}#L2))`), value);
    assert.ok(value.includes('25% (the default) of 8 = 2 pods, rounded down'), value);
  });
});
