// `--timeline <kind>/<name>`, run as a user runs it (`node dist/cli.js`): the SVG on stdout or in --output,
// the JSON simulation, --assume, and the errors. The docs' two pictures (docs/images/timeline-*.svg) are made
// here from the examples and compared with the committed files (UPDATE_SNAPSHOTS=1 rewrites them).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, describe, it } from 'node:test';
import { renderTimelineSvg, rolloutTargets, simulateTarget } from '../../../server/out/engine/simulation';
import { HPA, HPA_DEPLOYMENT } from '../manifests';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const update = process.env.UPDATE_SNAPSHOTS === '1';

function cli(args: string[], input?: string) {
  // The timeout turns a hang (issue 15: an infinite horizon) into a failure: status null.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const DOCS = [
  { image: 'docs/images/timeline-bad.svg', file: 'examples/web-deployment.yaml', selector: 'Deployment/storefront' },
  { image: 'docs/images/timeline-fixed.svg', file: 'examples/clean.yaml', selector: 'Deployment/catalog' },
];

describe('CLI --timeline', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-timeline-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes the same SVG as the engine renders, to stdout', () => {
    const r = cli(['--timeline', 'Deployment/storefront', 'examples/web-deployment.yaml']);
    assert.equal(r.code, 0, r.err);
    const text = fs.readFileSync(path.join(ROOT, 'examples/web-deployment.yaml'), 'utf8');
    assert.equal(r.out, renderTimelineSvg(simulateTarget(rolloutTargets(text)[0])));
  });

  for (const doc of DOCS) {
    it(`${doc.image} is current (${doc.selector} in ${doc.file})`, () => {
      const out = path.join(tmp, path.basename(doc.image));
      const r = cli(['--timeline', doc.selector, '--output', out, doc.file]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, '', 'nothing on stdout with --output');
      assert.match(r.err, /Rollout: /);
      const svg = fs.readFileSync(out, 'utf8');
      const committed = path.join(ROOT, doc.image);
      if (update || !fs.existsSync(committed)) fs.writeFileSync(committed, svg);
      assert.equal(svg, fs.readFileSync(committed, 'utf8'), `${doc.image} is out of date: run UPDATE_SNAPSHOTS=1 npm test`);
    });
  }

  it('the bad example has failure windows, the fixed one none', () => {
    const bad = JSON.parse(cli(['--timeline', 'storefront', '--format', 'json', 'examples/web-deployment.yaml']).out);
    const fixed = JSON.parse(cli(['--timeline', 'catalog', '--format', 'json', 'examples/clean.yaml']).out);
    assert.ok(bad.windows.length > 0);
    assert.deepEqual(fixed.windows, []);
    assert.match(bad.summary, /^Rollout: 4 replicas, at most 1 down, \+1 surge, \d+ failure windows$/);
  });

  it('--assume changes the model; the kind is case-insensitive; stdin works', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/clean.yaml'), 'utf8');
    const r = cli(['--timeline', 'deployment/catalog', '--format=json', '--assume', 'propagationSeconds=20', '-'], text);
    assert.equal(r.code, 0, r.err);
    const simulation = JSON.parse(r.out);
    assert.equal(simulation.assumptions.propagationSeconds, 20);
    // A 10s preStop wait no longer covers a 20s propagation delay.
    assert.ok(simulation.windows.some((w: { ruleId?: string }) => w.ruleId === 'prestop-hook-missing'));
  });

  it('takes the paths a lint run takes, and simulates with the same project facts (an HPA in another file)', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'hpa-'));
    fs.writeFileSync(path.join(dir, 'deployment.yaml'), HPA_DEPLOYMENT);
    fs.writeFileSync(path.join(dir, 'hpa.yaml'), HPA);
    const lint = (args: string[]) => JSON.parse(cli(['--format', 'json', '--max-warnings', '-1', ...args]).out) as { rule: string }[];
    const timeline = (args: string[]) =>
      JSON.parse(cli(['--timeline', 'Deployment/api', '--format', 'json', ...args]).out) as { replicas: number };
    // The folder: the HPA counts for both.
    assert.deepEqual(
      lint([dir]).filter((f) => f.rule === 'single-replica'),
      [],
    );
    assert.equal(timeline([dir]).replicas, 6);
    // The Deployment alone: 1 replica for both.
    const alone = path.join(dir, 'deployment.yaml');
    assert.equal(lint([alone]).filter((f) => f.rule === 'single-replica').length, 1);
    assert.equal(timeline([alone]).replicas, 1);
  });

  it('usage errors exit 2 and say why', () => {
    const copy = path.join(tmp, 'clean-copy.yaml');
    fs.copyFileSync(path.join(ROOT, 'examples/clean.yaml'), copy);
    const cases: [string[], RegExp][] = [
      [
        ['--timeline', 'Deployment/nope', 'examples/clean.yaml'],
        /no Deployment or StatefulSet "Deployment\/nope"; it has: Deployment\/catalog/,
      ],
      [
        ['--timeline', 'catalog', 'examples/clean.yaml', copy],
        /matches 2 objects: .*Deployment\/catalog \(examples\/clean.yaml, document 1\)/,
      ],
      [['--timeline', 'catalog', '--assume', 'speed=3', 'examples/clean.yaml'], /--assume needs <key>=<seconds>/],
      [['--timeline', 'catalog', '--format', 'png', 'examples/clean.yaml'], /svg or json/],
      [['--timeline', 'catalog', '--rule', 'x=off', 'examples/clean.yaml'], /does not go with --timeline/],
      [['--timeline', 'catalog', 'no-such-file.yaml'], /cannot read/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
    }
  });

  it('a value the simulation refuses (.inf, 1e308): named on stderr, nothing drawn, exit 1', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/clean.yaml'), 'utf8');
    for (const [find, value, field] of [
      [/periodSeconds: 5/, 'periodSeconds: 5\n            initialDelaySeconds: .inf', 'readinessProbe.initialDelaySeconds of container'],
      [/periodSeconds: 5/, 'periodSeconds: 5\n            initialDelaySeconds: 1e308', 'readinessProbe.initialDelaySeconds of container'],
      [/periodSeconds: 5/, 'periodSeconds: 5\n            successThreshold: .inf', 'readinessProbe.successThreshold of container'],
      [/replicas: 3/, 'replicas: 3\n  minReadySeconds: 1e308', 'spec.minReadySeconds'],
    ] as const) {
      const input = text.replace(find, value);
      assert.notEqual(input, text);
      for (const format of ['svg', 'json']) {
        const r = cli(['--timeline', 'catalog', '--format', format, '-'], input);
        assert.equal(r.code, 1, `${value} (${format}): ${r.err}`);
        assert.ok(r.err.includes(field), r.err);
        if (format === 'json') assert.deepEqual(JSON.parse(r.out).pods, []);
        else assert.ok(r.out.includes('not simulated') && !r.out.includes('class="phase'), r.out);
      }
    }
  });

  it('--help lists the timeline options', () => {
    assert.match(cli(['--help']).out, /--timeline <kind>\/<name>/);
  });
});
