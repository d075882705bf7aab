// Issue #15: the lecture works. At 1280×720 (a projector), in the default and presenter themes, a
// teacher plays the two classic demos by real input (slider drags, keys, clicks): "λ too small
// overfits, too large underfits", and "why the lasso gives zeros and ridge doesn't". At every step
// the λ control and the panels it moves are in the viewport. Screenshots land in
// test-results/screenshots/lecture-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshotPath, useBrowser } from './browser.mjs';

const env = useBrowser();
const PROJECTOR = { width: 1280, height: 720 };

/** Whether the element's box is wholly inside the viewport. */
async function inView(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= PROJECTOR.width + 0.5 && box.y + box.height <= PROJECTOR.height + 0.5;
}

/** Asserts that the λ slider and these panels are on screen, and takes a screenshot. */
async function onStage(page, panels, shot) {
  assert.ok(await inView(page, 'regularization-explorer input[id$="-lambda"]'), `${shot}: the λ control is in view`);
  for (const panel of panels) {
    assert.ok(await inView(page, `regularization-explorer canvas[data-panel="${panel}"]`), `${shot}: the ${panel} panel is in view`);
  }
  await page.screenshot({ path: await screenshotPath(`lecture-${shot}.png`) });
}

/** Drags the λ slider by real pointer input to a share (0 = left, more regularization) of its width. */
async function drag(page, from, to) {
  const slider = page.locator('regularization-explorer input[id$="-lambda"]');
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i += 1) await page.mouse.move(box.x + box.width * (from + ((to - from) * i) / 8), y);
  await page.mouse.up();
}

const state = (page) => page.evaluate(() => document.querySelector('regularization-explorer').state);
const result = (page) => page.evaluate(() => document.querySelector('regularization-explorer').result);

for (const theme of ['default', 'presenter']) {
  test(`the two demos at 1280×720, ${theme} theme: the λ control and its panels stay on screen`, async () => {
    const { page, context, problems } = await openPage(env.browser, env.server.url, { viewport: PROJECTOR });
    try {
      await page.evaluate(() => document.querySelector('regularization-explorer').ready);
      if (theme === 'presenter') {
        await page.locator('regularization-explorer button', { hasText: 'Presenter' }).click();
        await page.waitForTimeout(300);
      }
      // Demo 1: degree 9 on ten points; λ too small overfits (train error ≈ 0, test error large),
      // too large underfits (both large).
      await page.locator('regularization-explorer canvas[data-panel="fit"]').focus();
      const demo1 = theme === 'presenter' ? ['fit', 'errors'] : ['fit', 'paths'];
      await drag(page, 0.5, 0.98);
      const small = await result(page);
      await onStage(page, demo1, `${theme}-1-small-lambda`);
      await drag(page, 0.98, 0.05);
      const large = await result(page);
      await onStage(page, demo1, `${theme}-2-large-lambda`);
      assert.ok(small.lambda < large.lambda, 'right is less regularization');
      assert.ok(small.trainMse < large.trainMse, 'a small λ fits the training points more closely');
      // Demo 2: the lasso gives zeros, ridge does not. Keys: 3 (lasso), then 2 (ridge).
      if (theme === 'presenter') {
        await page.keyboard.press('7');
        await page.keyboard.press('6');
      }
      const demo2 = theme === 'presenter' ? ['geometry', 'paths'] : ['fit', 'paths'];
      await page.keyboard.press('3');
      await drag(page, 0.05, 0.4);
      const lasso = await result(page);
      assert.equal((await state(page)).penalty, 'lasso');
      assert.ok(lasso.nonzero < lasso.featureNames.length, `lasso: ${lasso.nonzero} of ${lasso.featureNames.length} nonzero`);
      await onStage(page, demo2, `${theme}-3-lasso-zeros`);
      await page.keyboard.press('2');
      const ridge = await result(page);
      assert.equal(ridge.nonzero, ridge.featureNames.length, 'ridge keeps every coefficient');
      await onStage(page, demo2, `${theme}-4-ridge-no-zeros`);
      // The sweep's caption shows on the stage, in view, under the lasso.
      await page.keyboard.press('3');
      await page.keyboard.press('p');
      await page.waitForFunction(() => document.querySelector('regularization-explorer').shadowRoot.querySelector('.sweep-note').textContent !== '', null, { timeout: 15000 });
      assert.ok(await inView(page, 'regularization-explorer .sweep-note'), 'the sweep names its knot on the stage');
      await page.screenshot({ path: await screenshotPath(`lecture-${theme}-5-sweep.png`) });
      await page.keyboard.press('p');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('on a 375 px phone the λ control stays in reach while the panels scroll', async () => {
  const { page, context, problems } = await openPage(env.browser, env.server.url, { viewport: { width: 375, height: 740 } });
  try {
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    const slider = page.locator('regularization-explorer input[id$="-lambda"]');
    const start = await slider.boundingBox();
    assert.ok(start.y < 500, `the slider starts near the top (${Math.round(start.y)} px)`);
    const fit = await page.locator('regularization-explorer canvas[data-panel="fit"]').boundingBox();
    assert.ok(fit.y < 740, `the first plot starts on the first screen (${Math.round(fit.y)} px)`);
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(300);
    const scrolled = await slider.boundingBox();
    assert.ok(scrolled.y >= -1 && scrolled.y + scrolled.height <= 740, `after scrolling the slider is still on screen (${Math.round(scrolled.y)} px)`);
    await page.screenshot({ path: await screenshotPath('lecture-phone-scrolled.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('controls="" shows only the panels; the heading, tools and table hide by name; el.svg gives each panel', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}tests/e2e/pages/two.html`);
  try {
    await page.evaluate(() => Promise.all([...document.querySelectorAll('regularization-explorer')].map((e) => e.ready)));
    const shown = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      el.setAttribute('controls', '');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const root = el.shadowRoot;
      const visible = (selector) => [...root.querySelectorAll(selector)].filter((e) => e.getClientRects().length > 0).length;
      const none = { controls: visible('.controls'), stage: visible('.stage'), heading: visible('h2'), toolbar: visible('.toolbar'), canvases: visible('canvas') };
      el.setAttribute('controls', 'lambda,penalty');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const some = { heading: visible('h2'), toolbar: visible('.toolbar'), table: visible('.summary'), stage: visible('.stage') };
      const svgs = Object.fromEntries(['fit', 'paths', 'geometry', 'errors', 'all'].map((p) => [p, el.svg(p)]));
      let refused = null;
      try {
        el.svg('nope');
      } catch (error) {
        refused = error.message;
      }
      return { none, some, starts: Object.fromEntries(Object.entries(svgs).map(([p, text]) => [p, text.slice(0, 4)])), refused };
    });
    assert.deepEqual(shown.none, { controls: 0, stage: 0, heading: 0, toolbar: 0, canvases: 4 });
    assert.deepEqual(shown.some, { heading: 0, toolbar: 0, table: 0, stage: 1 });
    for (const start of Object.values(shown.starts)) assert.equal(start, '<svg');
    assert.match(shown.refused, /svg takes 'fit'/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the embed code\'s iframe sizes itself to its content', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  try {
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    const code = await page.evaluate(() => document.querySelector('regularization-explorer').embedCode());
    const frame = code.slice(code.indexOf('<iframe'));
    assert.match(frame, /<script src="[^"]+\/www\/frame-height\.js"><\/script>/);
    await page.evaluate((html) => {
      document.body.replaceChildren();
      const range = document.createRange();
      document.body.append(range.createContextualFragment(html));
    }, frame);
    await page.waitForFunction(() => {
      const iframe = document.querySelector('iframe');
      const inner = iframe?.contentDocument?.documentElement?.scrollHeight;
      return inner > 0 && iframe.style.height === `${inner}px`;
    }, null, { timeout: 20000 });
  } finally {
    await context.close();
  }
});
