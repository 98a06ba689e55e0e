// The rollout timeline SVG: rendered for each fixture in test/fixtures/timeline/ (default assumptions) and
// compared byte for byte with the committed <fixture>.svg next to it. Regenerate with UPDATE_SNAPSHOTS=1 and
// look at the pictures before committing them. Plus the properties every picture must have: well-formed,
// no scripts or inline styles (strict CSP), a <title> naming cause and rule id on every failure window.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { renderTimelineSvg, rolloutTargets, simulateTarget } from '../../../server/out/engine/simulation';

const dir = path.resolve(__dirname, '../../fixtures/timeline');
const update = process.env.UPDATE_SNAPSHOTS === '1';

/** Tags open and close in order; attributes are quoted; no stray `<` or `&` in text. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  for (const m of svg.matchAll(token)) {
    if (m[6]) assert.fail(`stray "<" at ${m.index}: ${svg.slice(m.index, m.index + 40)}`);
    if (m[5] !== undefined) {
      assert.doesNotMatch(m[5].replace(/&(amp|lt|gt|quot|#39);/g, ''), /&/, `unescaped & near ${m.index}`);
      continue;
    }
    if (m[0].startsWith('<!--')) continue;
    const [, closing, name, , selfClosing] = m;
    if (closing) assert.equal(stack.pop(), name, `</${name}> at ${m.index}`);
    else if (!selfClosing) stack.push(name);
  }
  assert.deepEqual(stack, [], 'unclosed tags');
}

function render(file: string): { svg: string; windows: number; rules: string[] } {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const targets = rolloutTargets(text);
  assert.equal(targets.length, 1, `${file} has one Deployment or StatefulSet`);
  const simulation = simulateTarget(targets[0]);
  return { svg: renderTimelineSvg(simulation), windows: simulation.windows.length, rules: simulation.windows.map((w) => w.ruleId ?? '') };
}

describe('timeline SVG snapshots', () => {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  test('fixtures exist', () => assert.ok(files.length >= 5));
  for (const file of files) {
    test(file, () => {
      const { svg, windows, rules } = render(file);
      assertWellFormed(svg);
      assert.doesNotMatch(svg, /<script|\sstyle="|\son\w+="|href=/i, 'no scripts, inline styles, handlers or links');
      // One band with a <title> per failure window, naming the rule.
      const bands = [...svg.matchAll(/<g class="failure failure-[\w-]+" data-window="(\d+)"[^>]*><title>([^<]*)<\/title>/g)];
      assert.equal(bands.length, windows);
      bands.forEach((band, i) => {
        if (rules[i]) assert.ok(band[2].includes(`[${rules[i]}]`), `window ${i} names ${rules[i]}: ${band[2]}`);
      });
      const snap = path.join(dir, file.replace(/\.yaml$/, '.svg'));
      if (update || !fs.existsSync(snap)) fs.writeFileSync(snap, svg);
      assert.equal(
        svg,
        fs.readFileSync(snap, 'utf8'),
        `${path.basename(snap)} is out of date: run UPDATE_SNAPSHOTS=1 npm test and review it`,
      );
    });
  }
});

describe('timeline SVG options', () => {
  const text = fs.readFileSync(path.join(dir, 'deployment-defaults.yaml'), 'utf8');
  const simulation = simulateTarget(rolloutTargets(text)[0]);

  test('same input, same bytes', () => {
    assert.equal(renderTimelineSvg(simulation), renderTimelineSvg(simulateTarget(rolloutTargets(text)[0])));
  });

  test('interactive: failure windows are focusable buttons with an aria label; the root is a group', () => {
    const svg = renderTimelineSvg(simulation, { interactive: true });
    assertWellFormed(svg);
    const buttons = [
      ...svg.matchAll(
        /<g class="failure[^"]*" data-window="\d+"[^>]* tabindex="0" role="button" aria-label="Failure window \d+: ([^"]+)"/g,
      ),
    ];
    assert.equal(buttons.length, simulation.windows.length);
    assert.match(svg, /^<svg [^>]*role="group"/);
    assert.doesNotMatch(renderTimelineSvg(simulation), /tabindex/);
  });

  test('theme: VS Code variables first, a light and a dark fallback palette', () => {
    const svg = renderTimelineSvg(simulation);
    assert.match(svg, /var\(--vscode-charts-green,var\(--kzd-ready\)\)/);
    assert.match(svg, /@media \(prefers-color-scheme: dark\)/);
  });

  test('style nonce, or no style at all', () => {
    assert.match(renderTimelineSvg(simulation, { styleNonce: 'abc123' }), /<style nonce="abc123">/);
    assert.doesNotMatch(renderTimelineSvg(simulation, { omitStyle: true }), /<style/);
  });

  test('names from the manifest are escaped', () => {
    const evil = text.replace('name: web', 'name: "<script>alert(1)</script>&"');
    const svg = renderTimelineSvg(simulateTarget(rolloutTargets(evil)[0]));
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /&lt;script&gt;/);
  });
});
