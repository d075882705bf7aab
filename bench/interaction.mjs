// Interaction latency, load time and transfer size of the real app in headless Chromium
// (npm run bench). Latency is measured from the input event's timestamp (the browser's own, so
// the time the event waited counts) to the end of the redraw of every panel (the element's
// 'render' event), for λ drags and degree changes (real pointer and key input, through the
// browser's input pipeline) and penalty switches (clicks). It measures; it asserts nothing.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

/** Page loads timed for each of the first and second visits (the median is reported). */
const LOADS = 5;

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : undefined;
};

/**
 * Installs the probes: input timestamps, render ends, and long tasks. A change is timed from the
 * DOM event that brought it: the key press or the click that caused it, or else the slider's
 * `input` event, each with the browser's own timestamp, so the time it waited in the queue
 * counts. (Chromium holds a drag's pointer moves until the next frame before they become events;
 * that wait is the browser's, before any event exists, and is not counted.) A render that applies
 * several changes counts once, from the earliest; a slider's `change` event that comes after the
 * render of its own `input` is not counted again.
 */
async function probe(page) {
  await page.evaluate(() => {
    const host = document.querySelector('regularization-explorer');
    window.bench = { pending: [], latencies: [], tasks: [], cause: null, measured: new Set() };
    const root = host.shadowRoot;
    for (const type of ['keydown', 'click']) {
      // The change a key press or click brings comes in the same task: the cause lasts that long.
      root.addEventListener(type, (e) => {
        window.bench.cause = e.timeStamp;
        setTimeout(() => { window.bench.cause = null; });
      }, { capture: true });
    }
    for (const type of ['input', 'change']) {
      root.addEventListener(type, (e) => {
        const cause = window.bench.cause ?? e.timeStamp;
        if (!window.bench.measured.has(cause)) window.bench.pending.push(cause);
      }, { capture: true });
    }
    host.addEventListener('render', () => {
      const now = performance.now();
      if (window.bench.pending.length > 0) window.bench.latencies.push(now - Math.min(...window.bench.pending));
      for (const cause of window.bench.pending) window.bench.measured.add(cause);
      window.bench.pending = [];
    });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.bench.tasks.push(e.duration)))
      .observe({ type: 'longtask' });
  });
}

async function take(page) {
  return page.evaluate(() => {
    const out = { latencies: window.bench.latencies, tasks: window.bench.tasks };
    window.bench.latencies = [];
    window.bench.tasks = [];
    window.bench.pending = [];
    window.bench.cause = null;
    window.bench.measured.clear();
    return out;
  });
}

const settle = (page) => page.evaluate(() => new Promise((resolve) => {
  const host = document.querySelector('regularization-explorer');
  const check = () => (host.shadowRoot.querySelector('.main').getAttribute('aria-busy') === 'true' ? setTimeout(check, 50) : setTimeout(resolve, 200));
  check();
}));

/** λ drags with the mouse, degree changes with the keys, penalty switches with clicks. */
async function interact(page) {
  const results = {};
  const slider = page.locator('regularization-explorer input[id$="-lambda"]');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await settle(page);
  await take(page);
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  for (let i = 0; i <= 60; i += 1) await page.mouse.move(box.x + box.width * (0.3 + 0.5 * Math.abs(Math.sin(i / 10))), y);
  await page.mouse.up();
  await settle(page);
  results.lambda = await take(page);
  const degree = page.locator('regularization-explorer input[id$="-degree"]');
  await degree.focus();
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    await settle(page);
  }
  results.degree = await take(page);
  for (let i = 0; i < 12; i += 1) {
    await page.locator(`regularization-explorer input[type="radio"][value="${['ridge', 'lasso', 'elasticnet'][i % 3]}"]`).click();
    await settle(page);
  }
  results.penalty = await take(page);
  return results;
}

/** Runs `work` with the page's CPU slowed down `rate` times (1: not at all). */
async function throttled(page, rate, work) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    return await work();
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}

/**
 * DevTools' "Fast 4G" preset, as Chromium's own network panel defines it: 9 Mbit/s down and
 * 1.5 Mbit/s up at 90 % efficiency, 60 ms round trip times its latency factor of 2.75.
 */
const FAST_4G = { offline: false, latency: 60 * 2.75, downloadThroughput: (9e6 / 8) * 0.9, uploadThroughput: (1.5e6 / 8) * 0.9 };
/** First visits timed on a slow machine (CPU ×6) on a Fast 4G network; the median is reported. */
const SLOW_LOADS = 3;

/** First visits (fresh context, empty caches) at CPU ×6 over Fast 4G: ms to the first full render. */
async function slowFirstVisits(browser, url, rendered) {
  const times = [];
  for (let k = 0; k < SLOW_LOADS; k += 1) {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await fresh.newPage();
    const cdp = await fresh.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await page.goto(url);
    times.push(await rendered(page));
    await fresh.close();
  }
  return times;
}

/**
 * Loads the app as it is deployed (the built site in dist/, its JavaScript minified), reports
 * load time and transfer, then the three interaction cases.
 */
export async function interactionBench(browser, server, root) {
  const url = `${server.url}dist/`;
  const rendered = (page) => page.evaluate(async () => {
    await document.querySelector('regularization-explorer').ready;
    return performance.now();
  });
  // First visits, each in a fresh context (empty caches), and second visits (a reload: the
  // browser's caches are warm, the wasm's compiled code included); the median of LOADS each.
  const firstRenders = [];
  const warmRenders = [];
  let resources = [];
  for (let k = 0; k < LOADS; k += 1) {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await fresh.newPage();
    await page.goto(url);
    firstRenders.push(await rendered(page));
    resources = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    await page.reload();
    warmRenders.push(await rendered(page));
    await fresh.close();
  }
  const firstRender = quantile(firstRenders, 0.5);
  const warmRender = quantile(warmRenders, 0.5);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await rendered(page);
  let raw = 0;
  let gzipped = 0;
  const files = [];
  for (const url of resources.filter((u) => /\.(wasm|js|css)(\?|$)/.test(u))) {
    const file = path.join(root, new URL(url).pathname);
    const bytes = await readFile(file);
    const gz = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzipped += gz;
    files.push([new URL(url).pathname, bytes.length, gz]);
  }
  await probe(page);
  // Each case at each CPU slowdown it is measured at (Chrome's own throttling, through CDP).
  const cases = [];
  for (const rate of [1, 4, 6]) cases.push(['default (sin, 10 points, degree 9)', rate, await throttled(page, rate, () => interact(page))]);
  await page.evaluate(() => document.querySelector('regularization-explorer').setState({ preset: 'sin', n: 2000, degree: 15 }));
  for (const rate of [1, 4]) cases.push(['(n, degree) = (2 000, 15)', rate, await throttled(page, rate, () => interact(page))]);
  // 100 000 pasted rows at degree 20, loaded as a user would (through the worker).
  await page.evaluate(async () => {
    const host = document.querySelector('regularization-explorer');
    const lines = ['x,y'];
    for (let i = 0; i < 100000; i += 1) lines.push(`${(i / 100000).toFixed(6)},${(Math.sin(6 * i / 100000) + 0.2 * Math.cos(i * 7.3)).toFixed(6)}`);
    host.shadowRoot.querySelector('details.data-box').open = true;
    const clipboard = new DataTransfer();
    clipboard.setData('text/plain', lines.join('\n'));
    host.shadowRoot.querySelector('textarea[id$="-paste"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    [...host.shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Load pasted data').click();
    await new Promise((resolve) => host.addEventListener('idle', resolve, { once: true }));
    host.setState({ degree: 20 });
  });
  await settle(page);
  cases.push(['(n, degree) = (100 000, 20)', 1, await interact(page)]);
  await context.close();
  const slowLoads = await slowFirstVisits(browser, url, rendered);
  return { firstRender, warmRender, firstRenders, warmRenders, slowLoads, raw, gzipped, files, cases, quantile };
}

export { quantile };
