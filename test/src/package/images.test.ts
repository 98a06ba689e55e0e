// The PNG files rendered from the repository's SVGs by `npm run images` (scripts/images.mjs): each records the
// SHA-256 of its SVG, so a PNG older than its SVG fails here (the timeline SVGs are kept current by
// test/src/cli/timeline.test.ts, so a change to the timeline reaches the README's pictures).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readPng } from './files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCE_KEYWORD = 'kzd:source-sha256';
const RENDERED = [
  { svg: 'images/icon.svg', png: 'images/icon.png' },
  { svg: 'docs/images/timeline-bad.svg', png: 'docs/images/timeline-bad.png' },
  { svg: 'docs/images/timeline-fixed.svg', png: 'docs/images/timeline-fixed.png' },
];

describe('images rendered from SVG (npm run images)', () => {
  for (const { svg, png } of RENDERED) {
    it(`${png} is current with ${svg}`, () => {
      const info = readPng(fs.readFileSync(path.join(ROOT, png)));
      assert.ok(info, `${png} is not a PNG`);
      const hash = createHash('sha256')
        .update(fs.readFileSync(path.join(ROOT, svg), 'utf8'))
        .digest('hex');
      assert.equal(info.text.get(SOURCE_KEYWORD), hash, `${png} is older than ${svg}: run \`npm run images\``);
    });
  }

  it('the icon is 128x128, and every rendered SVG has its PNG (none left over)', () => {
    const icon = readPng(fs.readFileSync(path.join(ROOT, 'images', 'icon.png')));
    assert.deepEqual([icon?.width, icon?.height], [128, 128]);
    const svgs = ['images', 'docs/images'].flatMap((dir) =>
      fs
        .readdirSync(path.join(ROOT, dir))
        .filter((name) => name.endsWith('.svg'))
        .map((name) => `${dir}/${name}`),
    );
    assert.deepEqual(svgs.sort(), RENDERED.map((r) => r.svg).sort(), 'a new SVG picture needs an entry here and in scripts/images.mjs');
  });
});
