// Issue #13, items 2–4: the newest change wins. Work sent to the worker carries the revision it was
// computed from, and a reply for an older revision is never shown; new data supersedes data still
// being read; a link, an attribute or an API call beats what storage restores. Each test drives the
// real element, and compares what the page shows with a fresh fit of the data the page says it shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './browser.mjs';

const env = useBrowser();

/** Installs helpers in the page: seeded data, a fresh fit of the shown state, waiting until idle. */
async function helpers(page) {
  await page.evaluate(() => {
    // A small seeded generator (mulberry32), so that a failure can be replayed.
    window.rng = (seed) => () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    /** The data A: x = i/n, y = round(10·sin 2πx + noise); and B, A's y column sorted. */
    window.sine = (n, seed = 1) => {
      const random = window.rng(seed);
      const x = Array.from({ length: n }, (_, i) => i / n);
      const y = x.map((v) => Math.round(10 * Math.sin(2 * Math.PI * v) + 3 * (random() - 0.5)));
      const text = (ys) => ['x,y', ...x.map((v, i) => `${v},${ys[i]}`)].join('\n');
      return { a: text(y), b: text([...y].sort((p, q) => p - q)) };
    };
    /** Resolves once the element has no work under way (and the last reply has been drawn). */
    window.settled = async (el) => {
      for (let i = 0; i < 600; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (el.shadowRoot.querySelector('.main').getAttribute('aria-busy') !== 'true') {
          await new Promise((resolve) => setTimeout(resolve, 100));
          if (el.shadowRoot.querySelector('.main').getAttribute('aria-busy') !== 'true') return;
        }
      }
      throw new Error('the element stayed busy for 30 s');
    };
    /**
     * Compares what the element shows with a fresh Explorer given the state the element reports
     * (its data included): the same numbers, bit for bit.
     */
    window.checkShown = async (el) => {
      const { Explorer } = await import('/www/pkg/regularization_explorer.js');
      const state = el.state;
      const fresh = new Explorer();
      fresh.setState(JSON.stringify(Object.fromEntries(Object.entries(state).filter(([, v]) => v !== null))));
      const want = JSON.parse(fresh.resultJson());
      fresh.free();
      const got = el.result;
      const pick = (r) => ({
        nTrain: r.nTrain, featureNames: r.featureNames, coefficients: r.coefficients, intercept: r.intercept,
        trainMse: r.trainMse, lambda: r.lambda, penalty: r.penalty,
      });
      return { got: pick(got), want: pick(want), degree: state.degree, penalty: state.penalty };
    };
  });
}

/** Opens the app on a fresh page (its own storage) with the helpers in place. */
async function open(url = '') {
  const opened = await openPage(env.browser, `${env.server.url}${url}`);
  await opened.page.evaluate(() => document.querySelector('regularization-explorer').ready);
  await helpers(opened.page);
  return opened;
}

function assertShownIsFresh(shown, what) {
  assert.deepEqual(shown.got, shown.want, `${what}: the page shows a fit of other data than it says`);
}

test('a worker reply for data that changed meanwhile is not shown (A\'s sine on B\'s staircase)', async () => {
  const { page, context, problems } = await open();
  try {
    // 1. By the API: loadData(B) right after the key press that sent a degree change to the worker.
    const api = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const { a, b } = window.sine(8192);
      el.loadData(a);
      await window.settled(el);
      const degree = el.state.degree;
      el.shadowRoot.querySelector('input[id$="-degree"]').focus();
      const busy = new Promise((resolve) => el.addEventListener('busy', resolve, { once: true }));
      el.shadowRoot.querySelector('input[id$="-degree"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true, composed: true }));
      await busy;
      el.loadData(b);
      await window.settled(el);
      return { ...(await window.checkShown(el)), before: degree, sorted: el.state.data === b };
    });
    assert.ok(api.sorted, 'B is the data');
    assert.equal(api.degree, api.before - 1, 'the degree change is not lost: it applies to B');
    assertShownIsFresh(api, 'loadData during a job');

    // 2. Through the paste box: clear the text, paste B, Load, while the degree change runs.
    const box = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const root = el.shadowRoot;
      const { a, b } = window.sine(8192, 2);
      el.loadData(a);
      await window.settled(el);
      root.querySelector('details.data-box').open = true;
      const degree = el.state.degree;
      const busy = new Promise((resolve) => el.addEventListener('busy', resolve, { once: true }));
      root.querySelector('input[id$="-degree"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'D', bubbles: true, composed: true }));
      await busy;
      const textarea = root.querySelector('textarea');
      textarea.value = b;
      [...root.querySelectorAll('button')].find((button) => button.textContent === 'Load pasted data').click();
      await window.settled(el);
      return { ...(await window.checkShown(el)), before: degree, sorted: el.state.data === b, box: textarea.value === b };
    });
    assert.ok(box.sorted && box.box, 'B is the data, and the box shows B');
    assert.equal(box.degree, box.before + 1);
    assertShownIsFresh(box, 'a paste during a job');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('point edits made while a job runs apply to the data, never under it', async () => {
  const { page, context, problems } = await open();
  try {
    const shown = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const root = el.shadowRoot;
      // 5 000 rows: still editable, and heavy enough that a degree change goes to the worker.
      const { a } = window.sine(5000, 3);
      el.loadData(a);
      await window.settled(el);
      root.querySelector('details.points-box').open = true;
      root.querySelector('details.points-box').dispatchEvent(new Event('toggle'));
      const busy = new Promise((resolve) => el.addEventListener('busy', resolve, { once: true }));
      root.querySelector('input[id$="-degree"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true, composed: true }));
      await busy;
      // Two y values edited in the list while the worker computes.
      for (const [row, value] of [[0, '40'], [1, '-40']]) {
        const input = root.querySelectorAll('tbody tr')[row]?.querySelectorAll('input')[1]
          ?? [...root.querySelectorAll('.points-box tbody tr')][row].querySelectorAll('input')[1];
        input.value = value;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
      await window.settled(el);
      const rows = el.state.data.split('\n');
      return { ...(await window.checkShown(el)), edited: [rows[1], rows[2]] };
    });
    assert.match(shown.edited[0], /,40$/);
    assert.match(shown.edited[1], /,-40$/);
    assert.equal(shown.degree, 8, 'the degree change (9 → 8) is kept');
    assertShownIsFresh(shown, 'edits during a job');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('point edits made while the worker reads 100 000 rows: the edits are newest, and the page shows their fit', async () => {
  const { page, context, problems } = await open();
  try {
    const shown = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const root = el.shadowRoot;
      el.loadData('x,y\n0,1\n1,3\n2,2\n3,5\n4,4\n5,7\n6,6\n');
      root.querySelector('details.data-box').open = true;
      root.querySelector('details.points-box').open = true;
      root.querySelector('details.points-box').dispatchEvent(new Event('toggle'));
      // 100 000 rows pasted and loaded: read in the worker.
      const big = window.sine(100_000, 9).a;
      const clipboard = new DataTransfer();
      clipboard.setData('text/plain', big);
      root.querySelector('textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
      const busy = new Promise((resolve) => el.addEventListener('busy', resolve, { once: true }));
      [...root.querySelectorAll('button')].find((b) => b.textContent === 'Load pasted data').click();
      await busy;
      // While it is read, two points of the data on screen are edited.
      for (const [row, value] of [[0, '9'], [3, '-2']]) {
        const input = root.querySelectorAll('.points-box tbody tr')[row].querySelectorAll('input')[1];
        input.value = value;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
      await window.settled(el);
      return { ...(await window.checkShown(el)), data: el.state.data };
    });
    assert.equal(shown.got.nTrain, 7, 'the edited data is the data, not the 100 000 rows read before the edits');
    assert.match(shown.data, /^x,y\n0,9\n1,3\n2,2\n3,-2\n/);
    assertShownIsFresh(shown, 'edits during a 100 000-row read');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a later small paste beats an earlier large one still being read', async () => {
  const { page, context, problems } = await open();
  try {
    const shown = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const root = el.shadowRoot;
      root.querySelector('details.data-box').open = true;
      const big = window.sine(30000, 4).a;
      const small = 'x,y\n1,2\n2,3.5\n3,3\n4,6\n5,5.5\n';
      const textarea = root.querySelector('textarea');
      const load = [...root.querySelectorAll('button')].find((button) => button.textContent === 'Load pasted data');
      const clipboard = new DataTransfer();
      clipboard.setData('text/plain', big);
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
      const busy = new Promise((resolve) => el.addEventListener('busy', resolve, { once: true }));
      load.click();
      await busy;
      [...root.querySelectorAll('button')].find((button) => button.textContent === 'Clear the text').click();
      textarea.value = small;
      load.click();
      await window.settled(el);
      return { ...(await window.checkShown(el)), data: el.state.data, box: textarea.value, small };
    });
    assert.equal(shown.data, shown.small, 'the small paste is the data');
    assert.equal(shown.box, shown.small, 'and the box shows it');
    assert.equal(shown.got.nTrain, 5);
    assertShownIsFresh(shown, 'two pastes');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a link, an attribute or an API call beats a large data set restored from storage', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // A first visit saves a paste of more than 200 KB (read in the worker when it comes back).
    const first = await context.newPage();
    await first.goto(env.server.url);
    await first.evaluate(() => document.querySelector('regularization-explorer').ready);
    await helpers(first);
    const saved = await first.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const { a } = window.sine(12000, 5);
      el.loadData(a);
      el.setState({ penalty: 'lasso', degree: 7 });
      await new Promise((resolve) => setTimeout(resolve, 1200));
      return a.length;
    });
    assert.ok(saved > 200_000, `${saved} characters`);
    await first.close();

    // Without a link, the saved data comes back; an API call made while it is read wins.
    const plain = await context.newPage();
    const problems = [];
    plain.on('pageerror', (error) => problems.push(error.message));
    await plain.goto(env.server.url);
    await plain.evaluate(() => document.querySelector('regularization-explorer').ready);
    await helpers(plain);
    const restored = await plain.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      el.setState({ penalty: 'ridge', lambda: 0.01 });
      el.setAttribute('degree', '4');
      await window.settled(el);
      return { ...(await window.checkShown(el)), rows: el.result.nTrain, lambda: el.state.lambda };
    });
    assert.equal(restored.rows, 12000, 'the saved data is restored');
    assert.deepEqual([restored.penalty, restored.degree, restored.lambda], ['ridge', 4, 0.01]);
    assertShownIsFresh(restored, 'restore with an API call and an attribute');
    await plain.close();

    // A link opens on the link's state, not the saved one, and the address bar keeps it.
    const linked = await context.newPage();
    await linked.goto(`${env.server.url}?v=1&preset=cubic&d=1&p=ols`);
    await linked.evaluate(() => document.querySelector('regularization-explorer').ready);
    await helpers(linked);
    const link = await linked.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      await window.settled(el);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return { state: el.state, search: location.search };
    });
    assert.deepEqual([link.state.preset, link.state.degree, link.state.penalty], ['cubic', 1, 'ols']);
    assert.match(link.search, /preset=cubic/);
    assert.match(link.search, /p=ols/);

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('random pastes, edits, keys and API calls in random order: the page always shows a fit of its own data', async () => {
  const { page, context, problems } = await open();
  try {
    for (const seed of [20261203, 7, 1234]) {
    const log = await page.evaluate(async (seed) => {
      const el = document.querySelector('regularization-explorer');
      const root = el.shadowRoot;
      const random = window.rng(seed);
      const pick = (items) => items[Math.floor(random() * items.length)];
      // Two data sets of 8 192 rows with the same values paired differently (n a power of two, so
      // that sums of integers divided by n are exact: what made the old fingerprint match), one of
      // 5 000 rows (editable, and heavy enough for the worker), and small ones.
      const pair = window.sine(8192, seed);
      const sets = [pair.a, pair.b, pair.a, pair.b, pair.a, pair.b, window.sine(5000, seed + 1).a,
        'x,y\n0,1\n1,3\n2,2\n3,5\n4,4\n5,7\n', 'x;y\n0;1,5\n1;2,5\n2;2\n3;4\n'];
      const key = (k) => root.querySelector('input[id$="-degree"]').dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
      const paste = (text) => {
        root.querySelector('details.data-box').open = true;
        root.querySelector('textarea').value = text;
        [...root.querySelectorAll('button')].find((b) => b.textContent === 'Load pasted data').click();
      };
      const edit = () => {
        if (root.querySelector('.points-box').hidden) return;
        root.querySelector('details.points-box').open = true;
        root.querySelector('details.points-box').dispatchEvent(new Event('toggle'));
        const input = root.querySelector('.points-box tbody tr')?.querySelectorAll('input')[1];
        if (!input) return;
        input.value = String(Math.round(random() * 20 - 10));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      };
      // Changes that send work to the worker on large data, changes of the data, and light ones.
      const heavy = [
        ['degree down', () => key('d')],
        ['degree up', () => key('D')],
        ['penalty', () => key(pick(['1', '2', '3', '4']))],
        ['setState', () => el.setState(pick([{ penalty: 'lasso' }, { degree: 3 }, { folds: 4 }, { penalty: 'elasticnet', alpha: 0.3 }]))],
        ['attribute', () => el.setAttribute('degree', String(2 + Math.floor(random() * 10)))],
      ];
      const data = [
        ['loadData', () => el.loadData(pick(sets))],
        ['paste', () => paste(pick(sets))],
        ['edit', edit],
        ['undo', () => el.undo()],
        ['redo', () => el.redo()],
      ];
      const light = [
        ['λ', () => key(pick(['-', '+']))],
        ['setState λ', () => el.setState({ lambda: pick([0.001, 0.02, 0.3]) })],
      ];
      const all = [...heavy, ...data, ...light];
      const waits = [0, 0, 1, 5, 20, 60];
      const done = [];
      const run = async ([name, act]) => {
        act();
        done.push(name);
        await new Promise((resolve) => setTimeout(resolve, pick(waits)));
      };
      // Episodes: from a settled page, a heavy change, then a change of the data while its work
      // may still be under way, then a few of anything; then the page must show a fit of its own
      // data, bit for bit.
      for (let episode = 0; episode < 16; episode += 1) {
        await window.settled(el);
        if (random() < 0.5) el.loadData(pick(sets));
        await window.settled(el);
        await run(pick(heavy));
        await run(pick(data));
        const more = Math.floor(random() * 4);
        for (let k = 0; k < more; k += 1) await run(pick(all));
        await window.settled(el);
        const shown = await window.checkShown(el);
        done.push('check');
        if (JSON.stringify(shown.got) !== JSON.stringify(shown.want)) return { done, shown, failedAt: episode };
      }
      return { done, failedAt: null };
    }, seed);
    assert.equal(log.failedAt, null, `seed ${seed}, after ${log.done.join(', ')}: ${JSON.stringify(log.shown)}`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
