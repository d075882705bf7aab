// End-to-end tests of the app in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, nextFrame, openPage, screenshotPath, startServer, useBrowser } from './browser.mjs';

const env = useBrowser();


const ready = (page, selector = 'regularization-explorer') =>
  page.evaluate((s) => document.querySelector(s).ready.then(() => true), selector);

const canvasData = (page, selector = 'regularization-explorer') =>
  page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('canvas').toDataURL(), selector);

const result = (page, selector = 'regularization-explorer') =>
  page.evaluate((s) => document.querySelector(s).result, selector);

/**
 * Opens `url` in a fresh context, runs `body(page)`, and fails on any console error or page
 * error unless `allowProblems`; the context is always closed.
 */
async function withPage(url, body, { allowProblems = false, ...options } = {}) {
  const { page, context, problems } = await openPage(env.browser, url, options);
  try {
    await body(page);
    if (!allowProblems) assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

test('the page loads with no console errors, and a screenshot is written', async () => {
  await withPage(env.server.url, async (page) => {
    assert.equal(await ready(page), true);
    const r = await result(page);
    assert.equal(r.nTrain, 10);
    assert.equal(r.featureNames.length, 9);
    assert.equal(r.converged, true);
    assert.ok(r.kktViolation <= 1e-9);
    const file = await screenshotPath('explorer-1280x720.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${path.relative(ROOT, file)}`);
  }, { viewport: { width: 1280, height: 720 } });
});

test('dragging the λ slider refits and redraws on every input event', async () => {
  await withPage(env.server.url, async (page) => {
    await ready(page);
    await page.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      window.renders = 0;
      el.addEventListener('render', (e) => {
        if (typeof e.detail.ms === 'number') window.renders += 1;
      });
    });
    const before = await result(page);
    const pixelsBefore = await canvasData(page);
    const slider = page.locator('regularization-explorer input[id$="-lambda"]');
    const box = await slider.boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i += 1) await page.mouse.move(box.x + box.width / 2 + i * (box.width / 25), y);
    await page.mouse.up();
    const after = await result(page);
    // Right is less regularization: the slider runs the way the λ axes do.
    assert.ok(after.lambda < before.lambda, `λ ${before.lambda} → ${after.lambda}`);
    assert.notDeepEqual(after.standardizedCoefficients, before.standardizedCoefficients);
    assert.notEqual(await canvasData(page), pixelsBefore);
    const renders = await page.evaluate(() => window.renders);
    assert.ok(renders >= 5, `only ${renders} renders during a 10-step drag`);
    const readout = await page.locator('regularization-explorer output[for$="-lambda"]').textContent();
    assert.ok(readout.length > 0 && readout !== '—');
  });
});

test('setState with each penalty reproduces the oracle sin10_d9 coefficients within 1e-7', async () => {
  const cases = ['ols', 'ridge_1e-2', 'ridge_1e-4', 'lasso_0.1', 'lasso_1e-2', 'lasso_1e-3', 'enet_0.5'];
  await withPage(env.server.url, async (page) => {
    await ready(page);
    for (const name of cases) {
      const oracle = JSON.parse(await readFile(path.join(ROOT, 'tests/fixtures/oracle', `sin10_d9_${name}.json`), 'utf8'));
      const fit = oracle.reference.fit;
      const penalty = { ols: 'ols', ridge: 'ridge', lasso: 'lasso', enet: 'elasticnet' }[oracle.reference.model];
      const patch = { preset: 'sin', degree: 9, penalty, lambda: fit.lam || 0.01, alpha: fit.alpha };
      const r = await page.evaluate((p) => {
        const el = document.querySelector('regularization-explorer');
        el.setState(p);
        return el.result;
      }, patch);
      assert.equal(r.penalty, penalty, name);
      const close = (what, ours, theirs) =>
        assert.ok(Math.abs(ours - theirs) <= 1e-7 * Math.max(1, Math.abs(theirs)), `${name} ${what}: ${ours} vs ${theirs}`);
      fit.coef_std.forEach((w, j) => close(`w[${j}]`, r.standardizedCoefficients[j], w));
      fit.coef_raw.forEach((c, j) => close(`coef[${j}]`, r.coefficients[j], c));
      close('intercept', r.intercept, fit.intercept_raw);
      close('df', r.df, fit.df);
      close('train MSE', r.trainMse, fit.train_mse);
      assert.equal(r.nonzero, fit.nnz, `${name} nonzero`);
      assert.ok(r.kktViolation <= 1e-9, `${name} KKT ${r.kktViolation}`);
    }
  });
});

test('a bad setState throws a clear error and changes nothing', async () => {
  await withPage(env.server.url, async (page) => {
    await ready(page);
    const outcome = await page.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      const before = JSON.stringify(el.state);
      const messages = [];
      for (const patch of [{ penalty: 'LASSO' }, { lambda: 'abc' }, { preset: 'nope' }, null]) {
        try {
          el.setState(patch);
        } catch (error) {
          messages.push(error.message);
        }
      }
      return { messages, same: JSON.stringify(el.state) === before };
    });
    assert.equal(outcome.messages.length, 4);
    assert.match(outcome.messages[0], /penalty: "LASSO" is not 'ols', 'ridge', 'lasso' or 'elasticnet'/);
    assert.equal(outcome.same, true);
  });
});

test('the canvas honours devicePixelRatio', async () => {
  await withPage(env.server.url, async (page) => {
    await ready(page);
    const size = await page.evaluate(() => {
      const c = document.querySelector('regularization-explorer').shadowRoot.querySelector('canvas');
      return { width: c.width, css: c.clientWidth };
    });
    assert.equal(size.width, Math.round(size.css * 2));
  }, { deviceScaleFactor: 2 });
});

test('two instances on one page do not affect each other', async () => {
  await withPage(`${env.server.url}tests/e2e/pages/two.html`, async (page) => {
    await ready(page, '#first');
    await ready(page, '#second');
    const secondState = await page.evaluate(() => document.querySelector('#second').state);
    const secondPixels = await canvasData(page, '#second');
    // Through the API on the first…
    await page.evaluate(() => document.querySelector('#first').setState({ penalty: 'lasso', degree: 4, lambda: 0.05 }));
    // …and through its controls.
    await page.locator('#first input[id$="-degree"]').focus();
    await page.keyboard.press('ArrowLeft');
    await nextFrame(page);
    const first = await page.evaluate(() => document.querySelector('#first').state);
    assert.equal(first.penalty, 'lasso');
    assert.equal(first.degree, 3);
    assert.deepEqual(await page.evaluate(() => document.querySelector('#second').state), secondState);
    assert.equal(await canvasData(page, '#second'), secondPixels);
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll('regularization-explorer')].map((el) => el.shadowRoot.querySelector('input[type=range]').id));
    assert.notEqual(ids[0], ids[1]);
  });
});

test('loadData parses a two-column CSV and keeps the old data on an error', async () => {
  await withPage(env.server.url, async (page) => {
    await ready(page);
    const outcome = await page.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      const bad = el.loadData('x,y\n0,1\n1,oops\n');
      const stillPreset = el.state.preset;
      const good = el.loadData('x\ty\r\n0\t1\r\n0.5\t0\r\n1\t1\r\n2\t3\r\n');
      return { bad, stillPreset, good, state: el.state, n: el.result.nTrain };
    });
    assert.equal(outcome.bad.ok, false);
    assert.deepEqual([outcome.bad.errors[0].line, outcome.bad.errors[0].column], [3, 2]);
    assert.equal(outcome.stillPreset, 'sin');
    assert.equal(outcome.good.ok, true);
    assert.equal(outcome.n, 4);
    assert.equal(outcome.state.preset, null);
  });
});

test('the full page opens on the link\'s state and keeps the URL current without new history entries', async () => {
  await withPage(`${env.server.url}?v=1&p=lasso&l=0.02&d=5&lens=penalized&axis=df`, async (page) => {
    await ready(page);
    const s = await page.evaluate(() => document.querySelector('regularization-explorer').state);
    assert.deepEqual([s.penalty, s.lambda, s.degree, s.lens, s.pathAxis], ['lasso', 0.02, 5, 'penalized', 'df']);
    const length = await page.evaluate(() => history.length);
    await page.evaluate(() => document.querySelector('regularization-explorer').setState({ lambda: 0.005, degree: 7 }));
    await page.waitForFunction(() => new URLSearchParams(location.search).get('d') === '7', null, { timeout: 10_000 });
    const params = await page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
    assert.equal(params.l, '0.005');
    assert.equal(params.v, '1');
    assert.equal(await page.evaluate(() => history.length), length, 'replaceState, not pushState');
  });
});

test('a garbage link opens the defaults with no error', async () => {
  await withPage(`${env.server.url}?v=1&p=%FF&l=NaN&d=banana&preset=%3Cscript%3E&pair=a,b,c&q=1e999`, async (page) => {
    await ready(page);
    const s = await page.evaluate(() => document.querySelector('regularization-explorer').state);
    assert.deepEqual([s.preset, s.penalty, s.degree], ['sin', 'ridge', 9]);
  });
});

test('authors set instances up with attributes and inline data, and attribute changes apply live', async () => {
  await withPage(`${env.server.url}tests/e2e/pages/attributes.html`, async (page) => {
    for (const id of ['#geometry', '#inline', '#bad']) await ready(page, id);
    const state = (id) => page.evaluate((s) => document.querySelector(s).state, id);
    const g = await state('#geometry');
    assert.deepEqual([g.preset, g.penalty, g.lambda, g.lens, g.showOls, g.mode], ['textbook', 'lasso', 0.3, 'bayesian', false, 'columns']);
    const inline = await state('#inline');
    assert.deepEqual([inline.preset, inline.degree, inline.penalty], [null, 2, 'ridge']);
    assert.equal(await page.evaluate(() => document.querySelector('#inline').result.nTrain), 5);
    const bad = await state('#bad');
    assert.deepEqual([bad.penalty, bad.degree], ['ridge', 4], 'a bad attribute is skipped, the others apply');
    const notice = await page.evaluate(() => document.querySelector('#bad').shadowRoot.querySelector('.notices').textContent);
    assert.match(notice, /penalty="LASSO"/);
    await page.evaluate(() => document.querySelector('#geometry').setAttribute('lens', 'penalized'));
    assert.equal((await state('#geometry')).lens, 'penalized');
  });
});

test('the app runs under a strict Content-Security-Policy with no violation', async () => {
  const strict = await startServer({
    headers: { 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'" },
  });
  try {
    const { page, context, problems } = await openPage(env.browser, strict.url);
    try {
      await page.evaluate(() => {
        window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
      });
      await ready(page);
      await page.evaluate(() => document.querySelector('regularization-explorer').setState({ penalty: 'lasso' }));
      assert.deepEqual(await page.evaluate(() => window.violations), []);
      assert.equal(await page.evaluate(() => document.querySelector('regularization-explorer').result.penalty), 'lasso');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  } finally {
    await strict.close();
  }
});
