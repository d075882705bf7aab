// Shared helpers for the end-to-end tests: Debian's Chromium through playwright-core, and a
// server for the project root on a free port.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Debian's Chromium (never a downloaded browser). */
export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}

export { startServer };

/** Opens a page that fails the test on any console error or page error. */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { page, context, problems };
}

/** Waits for the next animation frame (slider input is applied once per frame). */
export function nextFrame(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
}

/** Where screenshots go, so that a person can look at them. */
export async function screenshotPath(name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

/**
 * Registers hooks that start a server and Debian's Chromium before a file's tests and stop both
 * after them. With `page` options it also opens one shared page on the app and waits until the
 * explorer is ready. The returned object is filled in by the time the tests run.
 */
export function useBrowser({ page: pageOptions } = {}) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    try {
      env.browser = await launch();
      if (pageOptions) {
        Object.assign(env, await openPage(env.browser, env.server.url, pageOptions));
        await env.page.evaluate(() => document.querySelector('regularization-explorer').ready);
      }
    } catch (error) {
      await env.browser?.close();
      await env.server.close();
      throw error;
    }
  });
  after(async () => {
    await env.context?.close();
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
