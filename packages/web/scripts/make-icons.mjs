// Renders public/icon.svg to the PNG icons of the PWA manifest with Chromium (run once after changing the SVG):
//   npm run icons --workspace packages/web
// File names avoid 8+ character segments after "-" or ".": the server caches such names as hashed assets.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const pub = new URL('../public/', import.meta.url);
const svg = readFileSync(new URL('icon.svg', pub), 'utf8');
const targets = [
  { file: 'icon-192.png', size: 192, pad: 0 },
  { file: 'icon-512.png', size: 512, pad: 0 },
  { file: 'apple.png', size: 180, pad: 0 },
  // Maskable icons keep their content inside the central 80% "safe zone".
  { file: 'maskable.png', size: 512, pad: 0.12 },
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const t of targets) {
    await page.setViewportSize({ width: t.size, height: t.size });
    const inner = Math.round(t.size * (1 - 2 * t.pad));
    await page.setContent(
      `<html><body style="margin:0;background:#5b3fd6;display:grid;place-items:center;width:${t.size}px;height:${t.size}px">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
    );
    await page.screenshot({ path: new URL(t.file, pub).pathname, omitBackground: t.pad === 0 });
    console.log('wrote', t.file);
  }
} finally {
  await browser.close();
}
