// A point added by pointer where the data do not reach: the fit panel's frame stays as it was
// while the pointer is down, so the point stays under the pointer, and rescales once when the
// gesture ends (or is interrupted, or new data arrive).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshotPath, useBrowser } from './browser.mjs';

const env = useBrowser();

/** How far (CSS pixels) the ringed point may sit from the pointer during the gesture. */
const TOLERANCE = 2;

/**
 * The fit panel as the element draws it (its SVG at the canvas's size), in the page's CSS pixels:
 * the plotting area (from the two axis lines), the filled circles (the training points and the
 * legend's dot), the ring around the selected point (null without one) and the SVG itself.
 */
async function fitPicture(page) {
  const { svg, box } = await page.evaluate(() => {
    const el = document.querySelector('regularization-explorer');
    const r = el.shadowRoot.querySelector('canvas[data-panel="fit"]').getBoundingClientRect();
    return { svg: el.svg('fit'), box: { x: r.x, y: r.y, width: r.width, height: r.height } };
  });
  const [, width, height] = svg.match(/<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"/).map(Number);
  const page_ = ([x, y]) => [box.x + (x * box.width) / width, box.y + (y * box.height) / height];
  const attr = (tag, name) => Number(tag.match(new RegExp(`\\b${name}="([-\\d.]+)"`))?.[1]);
  // The axes: the longest vertical and horizontal ink lines.
  const lines = [...svg.matchAll(/<polyline[^>]*stroke="#282828"[^>]*points="(\d+),(\d+) (\d+),(\d+) "/g)]
    .map((m) => m.slice(1, 5).map(Number));
  const vertical = lines.filter(([x0, , x1]) => x0 === x1).sort((a, b) => Math.abs(b[3] - b[1]) - Math.abs(a[3] - a[1]))[0];
  const horizontal = lines.filter(([, y0, , y1]) => y0 === y1).sort((a, b) => Math.abs(b[2] - b[0]) - Math.abs(a[2] - a[0]))[0];
  const [left, top] = page_([horizontal[0], Math.min(vertical[1], vertical[3])]);
  const [right, bottom] = page_([horizontal[2], Math.max(vertical[1], vertical[3])]);
  const circles = svg.match(/<circle[^>]*>/g) ?? [];
  const dots = circles.filter((c) => /fill="#282828"/.test(c)).map((c) => page_([attr(c, 'cx'), attr(c, 'cy')]));
  const ring = circles.find((c) => /fill="none"/.test(c) && /stroke="#D55E00"/.test(c));
  return {
    plot: { left, top, right, bottom, width: right - left, height: bottom - top },
    dots,
    ring: ring ? page_([attr(ring, 'cx'), attr(ring, 'cy')]) : null,
    svg,
  };
}

/** The rows (x, y) of the element's data, the edited preset's text read back. */
function rows(page) {
  return page.evaluate(() => document.querySelector('regularization-explorer').state.data.trim().split('\n')
    .filter((line) => !line.startsWith('#')).slice(1).map((line) => line.split(',').map(Number)));
}

function near(ring, at, what) {
  assert.ok(ring, `${what}: no ringed point is drawn`);
  const off = Math.hypot(ring[0] - at[0], ring[1] - at[1]);
  assert.ok(off <= TOLERANCE, `${what}: the point is drawn ${off.toFixed(1)} px from the pointer (at ${ring.map((v) => v.toFixed(1))}, pointer at ${at.map((v) => v.toFixed(1))})`);
}

/** A fresh 1280×720 page on the default preset; runs `body(page)` and checks the console. */
async function withPage(body) {
  const { page, context, problems } = await openPage(env.browser, env.server.url, { viewport: { width: 1280, height: 720 } });
  try {
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    await page.locator('regularization-explorer canvas[data-panel="fit"]').scrollIntoViewIfNeeded();
    await body(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** Presses the mouse near the top edge of the plot, above every point; returns where. */
async function pressAboveTheData(page) {
  const before = await fitPicture(page);
  const at = [before.plot.left + before.plot.width * 0.4, before.plot.top + 6];
  await page.mouse.move(...at);
  await page.mouse.down();
  return { before, at };
}

test('a point added above the data stays under the pointer while dragged, and the panel rescales once it is let go', async () => {
  await withPage(async (page) => {
    assert.equal((await fitPicture(page)).ring, null, 'no point is selected at first');
    const { at: start } = await pressAboveTheData(page);
    const pressed = await fitPicture(page);
    near(pressed.ring, start, 'just pressed');
    const added = await rows(page);
    assert.equal(added.length, 11, 'the press added a point');
    const others = Math.max(...added.slice(0, -1).map(([, y]) => y));
    assert.ok(added[10][1] > others, `the new point (y = ${added[10][1]}) lies above the data (up to ${others})`);
    let at = start;
    for (let step = 1; step <= 6; step += 1) {
      at = [start[0] + 6 * step, start[1] + 2 * step];
      await page.mouse.move(...at);
      near((await fitPicture(page)).ring, at, `dragged, step ${step}`);
    }
    const dragged = await rows(page);
    assert.equal(dragged.length, 11, 'the drag moved the new point, it added no other');
    assert.notDeepEqual(dragged[10], added[10], 'the drag moved the new point');
    await page.locator('regularization-explorer canvas[data-panel="fit"]')
      .screenshot({ path: await screenshotPath('points-gesture-during.png') });
    await page.mouse.up();
    const after = await fitPicture(page);
    assert.ok(after.ring, 'the new point stays selected');
    const { plot } = after;
    assert.ok(after.ring[1] > at[1] + 10, `released, the panel rescaled: the point moved down from ${at[1].toFixed(1)} to ${after.ring[1].toFixed(1)}`);
    assert.ok(after.ring[0] > plot.left && after.ring[0] < plot.right && after.ring[1] > plot.top + 10 && after.ring[1] < plot.bottom,
      `released, the plot includes the point with room above it (${after.ring.map((v) => v.toFixed(1))} in ${JSON.stringify(plot)})`);
    assert.deepEqual(await rows(page), dragged, 'letting go changes no data');
    await page.locator('regularization-explorer canvas[data-panel="fit"]')
      .screenshot({ path: await screenshotPath('points-gesture-after.png') });
  });
});

test('an interrupted gesture lets the frame go: pointercancel, and new data mid-gesture', async () => {
  await withPage(async (page) => {
    await page.evaluate(() => document.querySelector('regularization-explorer').shadowRoot
      .querySelector('canvas[data-panel="fit"]').addEventListener('pointerdown', (event) => { window.pressed = event.pointerId; }));
    const { at } = await pressAboveTheData(page);
    near((await fitPicture(page)).ring, at, 'just pressed');
    // The browser gives up on the mouse's pointer (as it does when a touch turns into a scroll).
    await page.evaluate(() => document.querySelector('regularization-explorer').shadowRoot
      .querySelector('canvas[data-panel="fit"]').dispatchEvent(new PointerEvent('pointercancel', { pointerId: window.pressed })));
    const cancelled = await fitPicture(page);
    assert.ok(cancelled.ring[1] > at[1] + 10, `cancelled, the panel rescaled at once (the point at ${cancelled.ring[1].toFixed(1)}, pressed at ${at[1].toFixed(1)})`);
    await page.mouse.up();
    assert.equal(await fitPicture(page).then((p) => p.svg), cancelled.svg, 'the mouse let go after the cancel: nothing more to change');

    // New data while the pointer is down: drawn in its own frame at once, not the held one.
    await pressAboveTheData(page);
    await page.evaluate(() => document.querySelector('regularization-explorer').setState({ preset: 'cubic' }));
    const loaded = await fitPicture(page);
    await page.mouse.move(at[0] + 20, at[1] + 20);
    await page.mouse.up();
    const released = await fitPicture(page);
    assert.equal(released.svg, loaded.svg, 'the new data were drawn in their own frame while the pointer was still down, and the drag moved none of them');
    assert.equal((await page.evaluate(() => document.querySelector('regularization-explorer').state)).preset, 'cubic');
  });
});
