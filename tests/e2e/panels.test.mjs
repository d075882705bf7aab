// The four live panels in Chromium: screenshots of each, and every control that changes one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshotPath, useBrowser } from './browser.mjs';

const env = useBrowser({ page: { viewport: { width: 1280, height: 720 } } });


const PANELS = ['fit', 'paths', 'geometry', 'errors'];
const canvas = (panel) => env.page.locator(`regularization-explorer canvas[data-panel="${panel}"]`);
const pixels = (panel) =>
  env.page.evaluate((p) => document.querySelector('regularization-explorer').shadowRoot
    .querySelector(`canvas[data-panel="${p}"]`).toDataURL(), panel);
const setState = (patch) => env.page.evaluate((p) => document.querySelector('regularization-explorer').setState(p), patch);
const state = () => env.page.evaluate(() => document.querySelector('regularization-explorer').state);

/** Share of pixels that are not white: a drawn panel has plenty. */
const inked = (panel) =>
  env.page.evaluate((p) => {
    const c = document.querySelector('regularization-explorer').shadowRoot.querySelector(`canvas[data-panel="${p}"]`);
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink += 1;
    return ink / (data.length / 4);
  }, panel);

test('every panel is drawn for ridge, lasso and elastic net, on sin and on the textbook set', async () => {
  for (const preset of ['sin', 'textbook']) {
    for (const penalty of ['ridge', 'lasso', 'elasticnet']) {
      await setState({ preset, penalty, lambda: preset === 'sin' ? 0.003 : 0.3, alpha: 0.5 });
      for (const panel of PANELS) {
        const share = await inked(panel);
        assert.ok(share > 0.01, `${preset} ${penalty} ${panel}: only ${share} inked`);
        await canvas(panel).screenshot({ path: await screenshotPath(`${preset}-${penalty}-${panel}.png`) });
      }
    }
  }
  await setState({ preset: 'sin', penalty: 'lasso', lambda: 0.003 });
  await env.page.screenshot({ path: await screenshotPath('four-panels-1280x720.png'), fullPage: true });
  // This test's own getImageData readbacks make Chromium advise willReadFrequently; nothing else may be said.
  assert.deepEqual(env.problems.filter((p) => !p.includes('willReadFrequently')), []);
});

test('switching the path axis, the lens and q changes the pixels', async () => {
  await setState({ preset: 'sin', penalty: 'lasso', lambda: 0.01, pathAxis: 'lambda', lens: 'constrained', region: 'penalty' });
  for (const [patch, panel] of [
    [{ pathAxis: 's' }, 'paths'],
    [{ pathAxis: 'df' }, 'paths'],
    [{ lens: 'penalized' }, 'geometry'],
    [{ lens: 'bayesian' }, 'geometry'],
    [{ region: 'lq', q: 0.5 }, 'geometry'],
    [{ q: 2 }, 'geometry'],
  ]) {
    const before = await pixels(panel);
    await setState(patch);
    assert.notEqual(await pixels(panel), before, `${JSON.stringify(patch)} did not change ${panel}`);
  }
  // And through the controls themselves.
  const before = await pixels('paths');
  await env.page.locator('regularization-explorer select[id$="-path-axis"]').selectOption('lambda');
  assert.notEqual(await pixels('paths'), before);
  assert.equal((await state()).pathAxis, 'lambda');
});

test('clicking the path panel sets λ there, and dragging moves it', async () => {
  await setState({ preset: 'sin', penalty: 'lasso', lambda: 0.01, pathAxis: 'lambda' });
  const box = await canvas('paths').boundingBox();
  const y = box.y + box.height / 2;
  // λ falls from left to right: a click near the left edge picks a large λ.
  await env.page.mouse.click(box.x + box.width * 0.2, y);
  const left = (await state()).lambda;
  await env.page.mouse.click(box.x + box.width * 0.8, y);
  const right = (await state()).lambda;
  assert.ok(left > 0.01 && right < left, `λ ${left} then ${right}`);
  await env.page.mouse.move(box.x + box.width * 0.5, y);
  await env.page.mouse.down();
  await env.page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
  await env.page.mouse.up();
  const dragged = (await state()).lambda;
  assert.ok(dragged < left && dragged > right, `drag ended at ${dragged}`);
});

test('the error panel buttons use λ_min and λ_1se', async () => {
  await setState({ preset: 'sin100', degree: 12, penalty: 'lasso', lambda: 1e-3 });
  const cv = await env.page.evaluate(() => document.querySelector('regularization-explorer').result.cv);
  await env.page.locator('regularization-explorer button', { hasText: 'use λ_min' }).click();
  assert.ok(Math.abs((await state()).lambda - cv.lambdaMin) <= 1e-12 * cv.lambdaMin);
  await env.page.locator('regularization-explorer button', { hasText: 'use λ_1se' }).click();
  assert.ok(Math.abs((await state()).lambda - cv.lambda1se) <= 1e-12 * cv.lambda1se);
});
