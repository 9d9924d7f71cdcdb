// Renders every icon Vigil ships from one source, build/icon.svg, and writes them into the repo
// (they are committed, so packaging never needs a browser):
//   build/icon.png (1024), build/icons/NxN.png (Linux), build/icon.ico (Windows),
//   build/icon.icns (macOS), resources/icons/tray-<mode>.png (+ @2x) for the tray, one colour
//   of the badge per control mode, and build/icon-source.sha256, which a test compares with
//   the SVG so an edited source without re-rendered icons fails `npm test`.
// Usage: node scripts/make-icons.mjs   (needs Chromium: /usr/bin/chromium or VIGIL_CHROMIUM)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const svg = readFileSync(join(root, 'build/icon.svg'), 'utf8');

/** Badge colour per control mode; the tray shows the mode at a glance. */
const TRAY_BADGES = {
  running: '#3fb950',
  paused: '#d29922',
  reducing: '#d29922',
  resuming: '#2f81f7',
  halted: '#f85149',
};
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS entry types that hold PNG data, by pixel size (retina variants share the bitmaps).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];

const browser = await chromium.launch({
  executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ deviceScaleFactor: 1 });

/** One PNG of the SVG at size x size, transparent outside the artwork. */
async function render(size, badge) {
  await page.setViewportSize({ width: size, height: size });
  const style = `html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}`;
  const root = badge === undefined ? '' : ` style="--badge:${badge}"`;
  await page.setContent(`<style>${style}</style><div${root}>${svg}</div>`);
  return page.screenshot({ omitBackground: true, type: 'png' });
}

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

function icns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

try {
  const bySize = new Map();
  for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES, 1024])) {
    bySize.set(size, await render(size));
  }
  mkdirSync(join(root, 'build/icons'), { recursive: true });
  writeFileSync(join(root, 'build/icon.png'), bySize.get(1024));
  for (const size of LINUX_SIZES) {
    writeFileSync(join(root, `build/icons/${size}x${size}.png`), bySize.get(size));
  }
  writeFileSync(
    join(root, 'build/icon.ico'),
    ico(ICO_SIZES.map((size) => ({ size, png: bySize.get(size) }))),
  );
  writeFileSync(
    join(root, 'build/icon.icns'),
    icns(ICNS_TYPES.map(([type, size]) => ({ type, png: bySize.get(size) }))),
  );
  mkdirSync(join(root, 'resources/icons'), { recursive: true });
  for (const [mode, colour] of Object.entries(TRAY_BADGES)) {
    writeFileSync(join(root, `resources/icons/tray-${mode}.png`), await render(32, colour));
    writeFileSync(join(root, `resources/icons/tray-${mode}@2x.png`), await render(64, colour));
  }
  const digest = createHash('sha256').update(svg).digest('hex');
  writeFileSync(join(root, 'build/icon-source.sha256'), `${digest}  build/icon.svg\n`);
  console.log(`icons written from build/icon.svg (sha256 ${digest.slice(0, 12)})`);
} finally {
  await browser.close();
}
