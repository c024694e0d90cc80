/**
 * `npm start`: builds the extension, finds (or installs) a Chromium, and opens
 * it with tabpilot loaded and the demo page in a tab. With no display it runs
 * headless. `--smoke` checks that all of this works, then exits.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { obtainChrome } from './browser-path.ts';

const root = resolve(import.meta.dirname, '..');
const smoke = process.argv.includes('--smoke');

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const executablePath = await obtainChrome();

const demo = readFileSync(join(root, 'scripts/demo/index.html'));
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(demo);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const demoUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const hasDisplay =
  process.platform !== 'linux' || !!process.env['DISPLAY'] || !!process.env['WAYLAND_DISPLAY'];
const headless = smoke || !hasDisplay;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const browser = await puppeteer.launch({
  executablePath,
  headless,
  pipe: true,
  enableExtensions: true,
  defaultViewport: null,
  args: [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--window-size=1280,900',
  ],
});
const extensionId = await browser.installExtension(join(root, 'dist/chrome'));
await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId), {
  timeout: 15_000,
});
const [first] = await browser.pages();
const page = first ?? (await browser.newPage());
await page.goto(demoUrl);
console.log(`tabpilot ${extensionId} loaded in ${executablePath}`);
console.log(`demo page: ${demoUrl}`);
console.log(`settings: chrome-extension://${extensionId}/options.html`);

if (smoke) {
  const title = await page.title();
  await browser.close();
  server.close();
  if (title !== 'tabpilot demo page') throw new Error(`demo page did not load (title "${title}")`);
  console.log('start: ok');
} else {
  if (headless)
    console.log('No display found: Chromium runs headless. Set DISPLAY to see the window.');
  console.log('Close the browser (or press Ctrl+C) to quit.');
  browser.on('disconnected', () => {
    server.close();
    process.exit(0);
  });
  process.on('SIGINT', () => void browser.close());
}
