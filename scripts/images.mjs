#!/usr/bin/env node
// Renders the repository's SVG pictures to the PNG files the README and the package use: the Marketplace
// refuses SVG images in a README and as the icon, and VS Code's extension page shows a README's images from
// the installed .vsix only when they are PNG files inside it.
//   images/icon.svg             -> images/icon.png (128x128, transparent corners)
//   docs/images/timeline-*.svg  -> docs/images/timeline-*.png (light colours on white: readable in any theme)
// With Debian's Chromium (installed on first use, as for the headless e2e tests) through playwright-core.
// Each PNG records the SHA-256 of its SVG in a tEXt chunk; test/src/package/images.test.ts fails when a PNG
// is older than its SVG. The timeline SVGs themselves come from the CLI (test/src/cli/timeline.test.ts).
//
//   npm run images
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './e2e/common.mjs';
import { ensureChromium } from './e2e/setup.mjs';
import { CHROMIUM_ARGS } from './e2e/workbench.mjs';

/** The tEXt keyword under which each PNG records the SHA-256 of the SVG it was rendered from. */
const SOURCE_KEYWORD = 'kzd:source-sha256';

const IMAGES = [
  { svg: 'images/icon.svg', png: 'images/icon.png', card: false },
  { svg: 'docs/images/timeline-bad.svg', png: 'docs/images/timeline-bad.png', card: true },
  { svg: 'docs/images/timeline-fixed.svg', png: 'docs/images/timeline-fixed.png', card: true },
];

function page(svg, card) {
  // A card: the timelines have no background of their own (in the panel they take the theme's).
  const body = card
    ? 'margin:0;display:inline-block;background:#ffffff;padding:12px 16px;border:1px solid #d1d9e0;border-radius:6px'
    : 'margin:0;display:inline-block;background:transparent';
  return `<!doctype html><html><head><meta charset="utf-8"><style>html{background:transparent}body{${body}}svg{display:block}</style></head><body>${svg}</body></html>`;
}

// PNG chunks: length, type, data, CRC-32 of type + data.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG with a tEXt chunk (keyword, text) inserted after IHDR (which is always 8 + 25 bytes in). */
function withTextChunk(png, keyword, text) {
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  const afterHeader = 8 + 25;
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG: IHDR is not the first chunk');
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}

async function main() {
  const executablePath = ensureChromium();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    const context = await browser.newContext({ colorScheme: 'light', deviceScaleFactor: 1, viewport: { width: 1200, height: 800 } });
    const tab = await context.newPage();
    for (const image of IMAGES) {
      const svg = fs.readFileSync(path.join(ROOT, image.svg), 'utf8');
      await tab.setContent(page(svg, image.card), { waitUntil: 'load' });
      const shot = await tab.locator('body').screenshot({ omitBackground: !image.card, animations: 'disabled' });
      const hash = createHash('sha256').update(svg).digest('hex');
      fs.writeFileSync(path.join(ROOT, image.png), withTextChunk(shot, SOURCE_KEYWORD, hash));
      console.log(`wrote ${image.png} (${(shot.length / 1024).toFixed(1)} KiB) from ${image.svg}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`images FAILED: ${error?.stack ?? error}`);
  process.exit(1);
});
