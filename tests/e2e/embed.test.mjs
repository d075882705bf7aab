// Embedding and sharing: several instances and iframes on one page, the author's attributes,
// lesson links, links that carry pasted data, the embed code, the iframe's height messages,
// exports, and nothing from a URL or an attribute reaching the page as HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { nextFrame, openPage, screenshotPath, useBrowser } from './browser.mjs';

const env = useBrowser();

async function withPage(url, body, options) {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}${url}`, options);
  try {
    await page.evaluate(() => Promise.all([...document.querySelectorAll('regularization-explorer')].map((e) => e.ready)));
    await body(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

const stateOf = (page, id) => page.evaluate((i) => document.getElementById(i).state, id);

test('three instances and two iframes on one page stay independent', async () => {
  await withPage('tests/e2e/pages/many.html', async (page) => {
    const states = await page.evaluate(() => [...document.querySelectorAll('regularization-explorer')]
      .map((e) => ({ preset: e.state.preset, penalty: e.state.penalty, degree: e.state.degree })));
    assert.deepEqual(states, [
      { preset: 'sin', penalty: 'ridge', degree: 9 },
      { preset: 'cubic', penalty: 'lasso', degree: 5 },
      { preset: 'runge', penalty: 'elasticnet', degree: 14 },
    ]);
    for (const [id, preset, penalty, degree] of [['frame-a', 'step', 'lasso', 7], ['frame-b', 'sin100', 'ridge', 12]]) {
      const frame = page.frameLocator(`#${id}`);
      const handle = await page.locator(`#${id}`).elementHandle();
      const inner = await handle.contentFrame();
      await inner.waitForFunction(() => document.querySelector('regularization-explorer')?.state);
      const state = await inner.evaluate(() => document.querySelector('regularization-explorer').state);
      assert.deepEqual([state.preset, state.penalty, state.degree], [preset, penalty, degree], id);
      assert.ok(await frame.locator('regularization-explorer canvas').first().isVisible());
    }
    // A change in one instance changes nothing in the others.
    const before = await Promise.all(['one', 'three'].map((id) => stateOf(page, id)));
    await page.locator('#two input[type="range"][id$="-lambda"]').fill('200');
    await nextFrame(page);
    assert.notEqual((await stateOf(page, 'two')).lambda, 0.001);
    assert.deepEqual(await Promise.all(['one', 'three'].map((id) => stateOf(page, id))), before);
    // Keys act on the focused instance only: Ctrl+Z in the second undoes the second.
    await page.waitForTimeout(600);
    await page.locator('#two input[type="range"][id$="-lambda"]').focus();
    await page.keyboard.press('Control+z');
    // Back to the cubic preset's own teaching λ.
    assert.equal((await stateOf(page, 'two')).lambda, 0.1);
    assert.deepEqual(await Promise.all(['one', 'three'].map((id) => stateOf(page, id))), before);
    // The second's controls are only penalty, λ and history, and its penalty is locked.
    const shown = await page.evaluate(() => [...document.getElementById('two').shadowRoot.querySelectorAll('[data-control]')]
      .filter((b) => getComputedStyle(b).display !== 'none').map((b) => b.dataset.control));
    // The side column's controls, then λ on the stage.
    assert.deepEqual(shown, ['penalty', 'history', 'lambda']);
    assert.ok(await page.locator('#two input[type="radio"][value="ridge"]').isDisabled());
    assert.ok(!(await page.locator('#two input[type="range"][id$="-lambda"]').isDisabled()));
    // The third: dark, with 250 px plots.
    const third = await page.evaluate(() => {
      const canvas = document.getElementById('three').shadowRoot.querySelector('canvas[data-panel="fit"]');
      const pixel = canvas.getContext('2d').getImageData(2, 2, 1, 1).data;
      return { height: canvas.clientHeight, pixel: [...pixel].slice(0, 3) };
    });
    assert.equal(third.height, 250);
    assert.ok(third.pixel.every((v) => v < 60), `a dark panel: ${third.pixel}`);
    await page.screenshot({ path: await screenshotPath('many.png'), fullPage: true });
  }, { viewport: { width: 1280, height: 900 } });
});

test('attributes change live: controls, locked, height and theme', async () => {
  await withPage('', async (page) => {
    const look = () => page.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      const blocks = [...el.shadowRoot.querySelectorAll('[data-control]')];
      return {
        shown: blocks.filter((b) => getComputedStyle(b).display !== 'none').map((b) => b.dataset.control),
        degreeDisabled: el.shadowRoot.querySelector('input[id$="-degree"]').disabled,
        plotHeight: el.shadowRoot.querySelector('canvas[data-panel="fit"]').clientHeight,
        theme: el.shadowRoot.querySelector('.app').dataset.theme,
      };
    });
    const initial = await look();
    assert.ok(initial.shown.length >= 14 && !initial.degreeDisabled && initial.theme === 'light');
    await page.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      el.setAttribute('controls', 'degree, lambda, nonsense');
      el.setAttribute('locked', 'degree');
      el.setAttribute('height', '333');
      el.setAttribute('theme', 'presenter');
    });
    // λ's control lives on the stage, after the side column.
    assert.deepEqual(await look(), { shown: ['degree', 'lambda'], degreeDisabled: true, plotHeight: 333, theme: 'presenter' });
    // A locked degree cannot be changed by a key either, and the attribute's removal frees it.
    await page.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      for (const name of ['controls', 'locked', 'height', 'theme']) el.removeAttribute(name);
    });
    const after = await look();
    assert.deepEqual([after.shown.length, after.degreeDisabled, after.theme], [initial.shown.length, false, 'light']);
    assert.equal(after.plotHeight, initial.plotHeight);
  });
});

test('a lesson link opens the state with its controls hidden and locked', async () => {
  let link;
  await withPage('', async (page) => {
    await page.evaluate(() => document.querySelector('regularization-explorer').setState({ penalty: 'lasso', lambda: 0.02, degree: 7 }));
    await page.locator('regularization-explorer summary', { hasText: 'Share and embed' }).click();
    for (const name of ['data', 'paste', 'points', 'sample', 'columns', 'alpha', 'cv', 'history', 'fit-options', 'path-axis', 'lens', 'region', 'pair', 'share', 'export', 'heading', 'toolbar', 'table']) {
      await page.locator(`regularization-explorer tr[data-name="${name}"] input[data-role="shown"]`).uncheck();
    }
    await page.locator('regularization-explorer tr[data-name="penalty"] input[data-role="locked"]').check();
    await page.locator('regularization-explorer button', { hasText: 'Copy link' }).click();
    await page.waitForFunction(() => document.querySelector('regularization-explorer').shadowRoot.querySelector('textarea[id$="-share-code"]').value);
    link = await page.locator('regularization-explorer textarea[id$="-share-code"]').inputValue();
    assert.ok(link.length < 2000, link);
    assert.match(link, /controls=penalty%2Clambda%2Cdegree/);
    assert.match(link, /locked=penalty/);
  });
  await withPage(link.replace(env.server.url, ''), async (page) => {
    const state = await page.evaluate(() => document.querySelector('regularization-explorer').state);
    assert.deepEqual([state.penalty, state.lambda, state.degree], ['lasso', 0.02, 7]);
    const shown = await page.evaluate(() => [...document.querySelector('regularization-explorer').shadowRoot.querySelectorAll('[data-control]')]
      .filter((b) => getComputedStyle(b).display !== 'none').map((b) => b.dataset.control));
    assert.deepEqual(shown, ['penalty', 'degree', 'lambda']);
    assert.ok(await page.locator('regularization-explorer input[type="radio"][value="ridge"]').isDisabled());
  });
});

test('pasted data travels in the link, compressed, and the embed code carries it inline', async () => {
  const csv = 'size,price\n50,110\n62,140\n75,149\n80,190\n95,201\n110,260\n';
  let link;
  let code;
  await withPage('', async (page) => {
    await page.evaluate((text) => document.querySelector('regularization-explorer').loadData(text), csv);
    await page.evaluate(() => document.querySelector('regularization-explorer').setState({ degree: 2, penalty: 'ridge', lambda: 0.05 }));
    await page.locator('regularization-explorer summary', { hasText: 'Share and embed' }).click();
    const box = page.locator('regularization-explorer textarea[id$="-share-code"]');
    await page.locator('regularization-explorer button', { hasText: 'Copy link' }).click();
    await page.waitForFunction(() => /data=/.test(document.querySelector('regularization-explorer').shadowRoot.querySelector('textarea[id$="-share-code"]').value));
    link = await box.inputValue();
    await page.locator('regularization-explorer button', { hasText: 'Copy embed code' }).click();
    await page.waitForFunction(() => /<iframe/.test(document.querySelector('regularization-explorer').shadowRoot.querySelector('textarea[id$="-share-code"]').value));
    code = await box.inputValue();
  });
  const packed = new URL(link).searchParams.get('data');
  assert.equal(inflateRawSync(Buffer.from(packed, 'base64url')).toString(), csv);
  await withPage(link.replace(env.server.url, ''), async (page) => {
    await page.waitForFunction(() => document.querySelector('regularization-explorer').state.data);
    const state = await page.evaluate(() => document.querySelector('regularization-explorer').state);
    assert.deepEqual([state.data, state.x, state.y, state.degree, state.penalty, state.lambda], [csv, 'size', 'price', 2, 'ridge', 0.05]);
  });
  assert.match(code, /<script type="module" src="http:\/\/[^"]+\/www\/regularization-explorer\.js"><\/script>/);
  assert.match(code, /<regularization-explorer [^>]*penalty="ridge"[^>]*degree="2"|<regularization-explorer [^>]*degree="2"[^>]*penalty="ridge"/);
  assert.match(code, /<script type="text\/csv">\nsize,price\n50,110/);
  assert.match(code, /<iframe src="http:\/\/[^"]+\/embed\.html\?v=1&amp;[^"]*data=[^"]*" title="Regularization explorer: ridge on pasted data"/);
  // The element snippet works when pasted into a page.
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}tests/e2e/pages/two.html`);
  try {
    const element = code.split('\n').find((l) => l.startsWith('<regularization-explorer'));
    const snippet = code.slice(code.indexOf(element), code.indexOf('</regularization-explorer>') + '</regularization-explorer>'.length);
    const state = await page.evaluate(async (html) => {
      document.body.insertAdjacentHTML('beforeend', html);
      const el = document.body.lastElementChild;
      await el.ready;
      return el.state;
    }, snippet);
    assert.deepEqual([state.data.trim(), state.degree, state.penalty, state.lambda], [csv.trim(), 2, 'ridge', 0.05]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('embed.html reports its height to the parent page, at that page\'s exact origin', async () => {
  await withPage('tests/e2e/pages/parent.html', async (page) => {
    await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 600, null, { timeout: 20000 });
    await page.waitForTimeout(500);
    const inner = await (await page.locator('#frame').elementHandle()).contentFrame();
    const documentHeight = await inner.evaluate(() => document.documentElement.scrollHeight);
    const heights = await page.evaluate(() => window.heights);
    assert.equal(heights.at(-1), documentHeight, 'the last message is the page\'s height');
    assert.equal(await page.evaluate(() => document.getElementById('frame').style.height), `${documentHeight}px`);
  });
});

test('embed.html never posts its height to an origin other than the one named, and never to *', async () => {
  const context = await env.browser.newContext();
  try {
    // Every postMessage a frame sends to its parent is recorded with its target origin.
    await context.addInitScript(() => {
      if (window.parent === window) return;
      const parent = window.parent;
      const real = parent.postMessage.bind(parent);
      parent.postMessage = (message, target) => {
        (parent.sentTargets ||= []).push(target);
        real(message, target);
      };
    });
    const page = await context.newPage();
    await page.goto(`${env.server.url}tests/e2e/pages/two.html`);
    const sent = async (src, attrs = '') => page.evaluate(async ([url, extra]) => {
      window.sentTargets = [];
      const frame = document.createElement('iframe');
      frame.src = url;
      if (extra) frame.setAttribute('referrerpolicy', extra);
      document.body.append(frame);
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      await frame.contentWindow.document.querySelector('regularization-explorer').ready;
      await new Promise((resolve) => setTimeout(resolve, 800));
      frame.remove();
      return window.sentTargets;
    }, [src, attrs]);
    const named = await sent('/embed.html?v=1&origin=https://lms.example.edu');
    assert.ok(named.length > 0, 'the named origin gets the height');
    assert.deepEqual([...new Set(named)], ['https://lms.example.edu']);
    const referred = await sent('/embed.html?v=1&origin=javascript:alert(1)');
    assert.deepEqual([...new Set(referred)], [new URL(env.server.url).origin], 'a bad origin falls back to the referrer\'s');
    assert.deepEqual(await sent('/embed.html?v=1', 'no-referrer'), [], 'no origin, no referrer: nothing is sent');
  } finally {
    await context.close();
  }
});

test('exports: PNG at 2×, SVG of all four panels, CSV of the path', async () => {
  await withPage('', async (page) => {
    await page.evaluate(() => document.querySelector('regularization-explorer').setState({ penalty: 'lasso', lambda: 0.01 }));
    await page.locator('regularization-explorer summary', { hasText: 'Export' }).click();
    const take = async (button) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('regularization-explorer button', { hasText: button }).first().click()]);
      return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
    };
    await page.locator('regularization-explorer select[id$="-export-panel"]').selectOption('fit');
    const png = await take('PNG 2×');
    const width = await page.evaluate(() => document.querySelector('regularization-explorer').shadowRoot.querySelector('canvas[data-panel="fit"]').clientWidth);
    assert.equal(png.name, 'regularization-explorer-fit@2x.png');
    assert.equal(png.bytes.readUInt32BE(16), Math.round(width * 2), 'the PNG is twice the panel\'s CSS width');
    await page.locator('regularization-explorer select[id$="-export-panel"]').selectOption('all');
    const svg = await take('SVG');
    const text = svg.bytes.toString();
    assert.ok(text.startsWith('<svg') && text.includes('Lasso, λ = 0.0100, degree 9') && text.includes('mean squared error'));
    const path = await take('path CSV');
    assert.equal(path.bytes.toString().trim().split('\n').length, 101);
    // Drawing elsewhere did not move the pointer map: a click on the path panel still sets λ there.
    const box = await page.locator('regularization-explorer canvas[data-panel="paths"]').boundingBox();
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const lambda = (await page.evaluate(() => document.querySelector('regularization-explorer').state)).lambda;
    assert.ok(lambda > 1e-4 && lambda < 0.1, `λ = ${lambda}`);
  });
});

test('nothing from a URL, an attribute or pasted data reaches the page as HTML', async () => {
  const evil = '<img src=x onerror="window.pwned=1">';
  const packed = deflateRawSync(Buffer.from(`${evil},y\n1,2\n2,3\n3,5\n4,4\n`)).toString('base64url');
  const query = `?v=1&preset=${encodeURIComponent(evil)}&x=${encodeURIComponent(evil)}&controls=${encodeURIComponent(evil)}&theme=${encodeURIComponent(evil)}&data=${packed}`;
  await withPage(query, async (page) => {
    await page.waitForFunction(() => document.querySelector('regularization-explorer').state.data);
    await page.evaluate((bad) => document.querySelector('regularization-explorer').setAttribute('y', bad), evil);
    await page.waitForTimeout(300);
    const seen = await page.evaluate(() => {
      const root = document.querySelector('regularization-explorer').shadowRoot;
      return { images: root.querySelectorAll('img').length + document.querySelectorAll('img').length, pwned: window.pwned ?? null, text: root.textContent };
    });
    assert.deepEqual([seen.images, seen.pwned], [0, null]);
    assert.ok(seen.text.includes(evil), 'the header shows as text');
  });
});
