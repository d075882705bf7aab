// The built site (npm run build → dist/): served statically it runs the app, the iframe page
// and the course page, under a strict Content-Security-Policy with no violation; and the one
// self-contained file runs when opened from disk (file://).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import { ROOT, openPage, screenshotPath, startServer, useBrowser } from './browser.mjs';

const env = useBrowser();
const DIST = path.join(ROOT, 'dist');
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'";

test('dist/ served statically under a strict CSP: the app, embed.html and the course page', async () => {
  const server = await startServer({ root: DIST, headers: { 'Content-Security-Policy': CSP } });
  try {
    for (const page of ['', 'embed.html?v=1&preset=cubic&p=lasso', 'examples/']) {
      const { page: tab, context, problems } = await openPage(env.browser, `${server.url}${page}`, { viewport: { width: 1280, height: 900 } });
      try {
        await tab.evaluate(() => {
          window.violations = [];
          document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
        });
        const states = await tab.evaluate(() => Promise.all([...document.querySelectorAll('regularization-explorer')]
          .map(async (e) => {
            await e.ready;
            return e.state;
          })));
        assert.equal(states.length, page === 'examples/' ? 3 : 1, page);
        if (page.startsWith('embed')) assert.deepEqual([states[0].preset, states[0].penalty], ['cubic', 'lasso']);
        if (page === 'examples/') {
          assert.deepEqual(states.map((s) => s.penalty), ['ols', 'ridge', 'lasso']);
          const frame = await (await tab.locator('iframe').elementHandle()).contentFrame();
          await frame.waitForFunction(() => document.querySelector('regularization-explorer')?.state?.preset === 'diabetes', null, { timeout: 20000 });
          await tab.screenshot({ path: await screenshotPath('dist-examples.png') });
        }
        assert.deepEqual(await tab.evaluate(() => window.violations), [], page);
        assert.deepEqual(problems, [], page);
      } finally {
        await context.close();
      }
    }
    // No inline scripts in the built pages.
    for (const page of ['index.html', 'embed.html', 'examples/index.html']) {
      const html = await readFile(path.join(DIST, page), 'utf8');
      assert.ok([...html.matchAll(/<script\b[^>]*>/g)].every((m) => /\bsrc=/.test(m[0])), `${page} has an inline script`);
    }
  } finally {
    await server.close();
  }
});

test('the one-file build works from file://, with no other file beside it', async () => {
  const url = pathToFileURL(path.join(DIST, 'regularization-explorer.html')).href;
  const { page, context, problems } = await openPage(env.browser, url, { viewport: { width: 1280, height: 900 } });
  try {
    const failed = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    await page.evaluate(() => document.querySelector('regularization-explorer').setState({ penalty: 'lasso', lambda: 0.01 }));
    const result = await page.evaluate(() => document.querySelector('regularization-explorer').result);
    assert.equal(result.penalty, 'lasso');
    assert.ok(result.kktViolation < 1e-9);
    // Large pasted data runs on the main thread here (there is no worker file), and still loads.
    const rows = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const lines = ['x,y'];
      for (let i = 0; i < 20000; i += 1) lines.push(`${i / 20000},${Math.sin(i / 3000)}`);
      el.shadowRoot.querySelector('details.data-box').open = true;
      const box = el.shadowRoot.querySelector('textarea[id$="-paste"]');
      box.value = lines.join('\n');
      [...el.shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Load pasted data').click();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return el.result.nTrain;
    });
    assert.equal(rows, 20000);
    await page.screenshot({ path: await screenshotPath('single-file.png') });
    assert.deepEqual(failed, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
