// Data near f64's limits never freeze the page (issue #13): a link whose data pad to an infinite
// y-range, and the same four rows pasted through loadData, leave a page that answers, with panels
// drawn (or a clear message). Every call into the page is raced against a timer, so a frozen main
// thread fails the test instead of hanging it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextFrame, openPage, useBrowser } from './browser.mjs';

const env = useBrowser();

/** The four rows of the issue: y of ±6e307, whose 30 % padding once overflowed the range. */
const HUGE = 'x,y\n1,6e307\n2,-6e307\n3,2\n4,1\n';
/** The same rows as a link (deflate, base64url), as the page writes it. */
const LINK = '/?v=1&data=q9Cp5DLUMUs1NjDnMtLRhTCMdYy4THQMuQA&dopt=comma,point,yes';
/** Far above what any of these calls takes, far below the test runner's patience. */
const ANSWER_MS = 30_000;

/** `promise`, or a failure naming `what` when the page does not answer within ANSWER_MS. */
function answers(promise, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page did not answer within ${ANSWER_MS} ms: ${what}`)), ANSWER_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Waits (raced) until the element's result has `rows` training rows, and returns that result. */
async function waitForRows(page, rows) {
  return answers(page.evaluate(async (wanted) => {
    const el = document.querySelector('regularization-explorer');
    await el.ready;
    for (let k = 0; k < 200; k += 1) {
      if (el.result?.nTrain === wanted) return el.result;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return el.result;
  }, rows), `waiting for ${rows} rows`);
}

/**
 * What the panels show: for each canvas, how many pixels differ from its corner (a drawn chart
 * has thousands; a message has some); and, drawn by a second Explorer of the same wasm on the
 * same data, whether each panel's SVG is a chart with the four points or the "cannot draw" message.
 */
async function panels(page, text) {
  await answers(nextFrame(page), 'a frame');
  await answers(nextFrame(page), 'a frame');
  return answers(page.evaluate(async (data) => {
    const el = document.querySelector('regularization-explorer');
    const inked = [...el.shadowRoot.querySelectorAll('canvas')].map((canvas) => {
      if (canvas.width === 0 || canvas.height === 0) return 0;
      const { data: pixels } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] !== pixels[0] || pixels[i + 1] !== pixels[1] || pixels[i + 2] !== pixels[2]) count += 1;
      }
      return count;
    });
    const { Explorer } = await import('/www/pkg/regularization_explorer.js');
    const twin = new Explorer();
    const report = JSON.parse(twin.loadData(data, '{}'));
    const svgs = Object.fromEntries(['fit', 'paths', 'geometry', 'errors'].map((name) => [name, twin.svg(name, 640, 480)]));
    twin.free?.();
    return {
      inked,
      loaded: report.ok,
      fitCircles: (svgs.fit.match(/<circle/g) ?? []).length,
      cannotDraw: Object.entries(svgs).filter(([, svg]) => svg.includes('Cannot draw')).map(([name]) => name),
    };
  }, text), 'reading the panels');
}

function assertDrawn(shown, where) {
  assert.ok(shown.inked.length >= 4, `${where}: ${shown.inked.length} canvases`);
  for (const [k, count] of shown.inked.entries()) {
    assert.ok(count > 200, `${where}: canvas ${k} shows ${count} inked pixels`);
  }
  assert.ok(shown.loaded, `${where}: the wasm takes the four rows`);
  // The four points, and the legend's sample of a training point.
  assert.equal(shown.fitCircles, 4 + 1, `${where}: the fit panel draws the four points`);
  assert.deepEqual(shown.cannotDraw, [], `${where}: every panel is a chart`);
}

test('a link whose data pad to an infinite range opens, draws and answers', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}${LINK.slice(1)}`);
  try {
    const result = await waitForRows(page, 4);
    assert.equal(result.nTrain, 4, 'the link\'s four rows are the data');
    assert.ok(result.notices.some((n) => n.includes('6.0e307')), `a notice names the size: ${result.notices}`);
    assertDrawn(await panels(page, HUGE), 'from the link');
    const lambda = await answers(
      page.evaluate(() => document.querySelector('regularization-explorer').setState({ penalty: 'ridge', lambda: 0.01 }).lambda),
      'setState after the link',
    );
    assert.ok(Number.isFinite(lambda));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('pasting the four rows through loadData leaves a page that answers and draws', async () => {
  const { page, context, problems } = await openPage(env.browser, env.server.url);
  try {
    await answers(page.evaluate(() => document.querySelector('regularization-explorer').ready), 'ready');
    const report = await answers(
      page.evaluate((text) => document.querySelector('regularization-explorer').loadData(text), HUGE),
      'loadData',
    );
    assert.ok(report.ok, JSON.stringify(report.errors));
    assert.equal(report.rows, 4);
    const state = await answers(
      page.evaluate(() => document.querySelector('regularization-explorer').setState({ lambda: 0.01 })),
      'setState after the paste',
    );
    assert.ok(state, 'setState returns the state');
    assert.equal((await waitForRows(page, 4)).nTrain, 4);
    assertDrawn(await panels(page, HUGE), 'after the paste');
    // Rows whose differences overflow f64 are refused with a clear message, and the data stay.
    const refused = await answers(
      page.evaluate(() => document.querySelector('regularization-explorer').loadData('x,y\n1,9e307\n2,-9e307\n')),
      'loadData of rows that overflow',
    );
    assert.equal(refused.ok, false);
    assert.match(refused.errors.map((e) => e.message).join('; '), /overflow when subtracted/);
    assert.equal((await waitForRows(page, 4)).nTrain, 4, 'the four rows stay');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
