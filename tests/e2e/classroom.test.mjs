// The classroom: accessibility (axe-core) in every theme and width, the keyboard alone, the λ
// sweep (animated, and stepped under reduced motion), the built-in lesson end to end, an author's
// lesson, presenter mode, forced colours, and the spoken summary that waits for a pause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { openPage, screenshotPath, useBrowser } from './browser.mjs';

const env = useBrowser();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
const el = (page, body) => page.evaluate(body);
const state = (page) => el(page, () => document.querySelector('regularization-explorer').state);

async function withApp(query, body, options = {}) {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}${query}`, options);
  try {
    await el(page, () => document.querySelector('regularization-explorer').ready);
    await body(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

test('axe-core finds no WCAG 2.2 AA violation in the light, dark and presenter themes at 320, 1024 and 1920 px', async () => {
  for (const theme of ['light', 'dark', 'presenter']) {
    for (const width of [320, 1024, 1920]) {
      await withApp(`?v=1&theme=${theme}&p=lasso&rs=1`, async (page) => {
        // Open what is closed, so that it is checked too.
        await el(page, () => {
          const root = document.querySelector('regularization-explorer').shadowRoot;
          root.querySelectorAll('details').forEach((d) => { d.open = true; });
          document.querySelector('regularization-explorer').startLesson('overfitting');
        });
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        assert.deepEqual(found, [], `${theme} at ${width} px`);
        // Nothing scrolls sideways, even at 320 px.
        const overflow = await el(page, () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${theme} at ${width} px scrolls sideways by ${overflow} px`);
      }, { viewport: { width, height: 900 } });
    }
  }
});

test('200 % zoom (a 640 px wide page at 2×) keeps everything reachable without sideways scrolling', async () => {
  await withApp('', async (page) => {
    const overflow = await el(page, () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: await screenshotPath('zoom-200.png') });
  }, { viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
});

test('the keyboard alone: penalty, λ, degree, the sweep, the lesson and undo', async () => {
  await withApp('', async (page) => {
    // Tab into the explorer: the first stop is inside it.
    await page.keyboard.press('Tab');
    assert.ok(await el(page, () => document.activeElement === document.querySelector('regularization-explorer')));
    await page.keyboard.press('3');
    assert.equal((await state(page)).penalty, 'lasso');
    const lambda = (await state(page)).lambda;
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('-');
    assert.ok((await state(page)).lambda < lambda, 'λ went down');
    await page.keyboard.press('+');
    await page.keyboard.press('Shift+D');
    assert.equal((await state(page)).degree, 10);
    // Keys pressed in a quick run are one undo step, like a drag.
    await page.waitForTimeout(600);
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    assert.equal((await state(page)).degree, 8);
    await page.waitForTimeout(600);
    await page.keyboard.press('u');
    assert.equal((await state(page)).degree, 10, 'one undo step back: the two presses of d were one step');
    await page.keyboard.press('Shift+U');
    assert.equal((await state(page)).degree, 8, 'and redo');
    // The sweep plays and pauses.
    await page.keyboard.press('p');
    assert.ok(await el(page, () => document.querySelector('regularization-explorer').playing));
    await page.waitForTimeout(400);
    await page.keyboard.press('p');
    assert.ok(!(await el(page, () => document.querySelector('regularization-explorer').playing)));
    // The ? list opens and closes with Escape.
    await page.keyboard.press('?');
    assert.ok(await el(page, () => document.querySelector('regularization-explorer').shadowRoot.querySelector('dialog.keys').open));
    await page.keyboard.press('Escape');
    assert.ok(!(await el(page, () => document.querySelector('regularization-explorer').shadowRoot.querySelector('dialog.keys').open)));
    // The lesson: reach the Lesson button with Tab, then step with > and reveal with r.
    for (let i = 0; i < 40; i += 1) {
      const label = await el(page, () => document.querySelector('regularization-explorer').shadowRoot.activeElement?.textContent);
      if (label === 'Lesson') break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    let lesson = await el(page, () => document.querySelector('regularization-explorer').lesson);
    assert.deepEqual([lesson.step, lesson.steps], [1, 6]);
    await page.keyboard.press('r');
    await page.keyboard.press('>');
    lesson = await el(page, () => document.querySelector('regularization-explorer').lesson);
    assert.deepEqual([lesson.step, lesson.revealed], [2, false]);
    assert.equal((await state(page)).penalty, 'ridge');
  });
});

test('the built-in lesson runs end to end', async () => {
  await withApp('', async (page) => {
    await page.locator('regularization-explorer').getByRole('button', { name: 'Lesson', exact: true }).click();
    const expected = [
      { penalty: 'ols', degree: 9 }, { penalty: 'ridge', lambda: 0.001 }, { penalty: 'ridge', lambda: 1 },
      { penalty: 'lasso', lambda: 0.01 }, { penalty: 'lasso', lens: 'constrained' }, { penalty: 'lasso' },
    ];
    for (let k = 0; k < expected.length; k += 1) {
      const lesson = await el(page, () => document.querySelector('regularization-explorer').lesson);
      assert.equal(lesson.step, k + 1);
      const s = await state(page);
      for (const [key, value] of Object.entries(expected[k])) assert.equal(s[key], value, `step ${k + 1}: ${key}`);
      const answer = page.locator('regularization-explorer .lesson-bar .answer');
      assert.ok(!(await answer.isVisible()), 'the answer waits for Reveal');
      await page.locator('regularization-explorer .lesson-bar button', { hasText: 'Reveal' }).click();
      assert.ok(await answer.isVisible());
      assert.ok((await answer.textContent()).length > 40);
      if (k < expected.length - 1) await page.locator('regularization-explorer .lesson-bar button', { hasText: 'Next' }).click();
    }
    // The last step put λ at cross-validation's λ_min.
    const result = await el(page, () => document.querySelector('regularization-explorer').result);
    assert.equal(result.lambda, result.cv.lambdaMin);
    assert.ok(await page.locator('regularization-explorer .lesson-bar button', { hasText: 'Next' }).isDisabled());
    await page.locator('regularization-explorer .lesson-bar button', { hasText: 'Back' }).click();
    assert.equal((await el(page, () => document.querySelector('regularization-explorer').lesson)).step, 5);
    await page.screenshot({ path: await screenshotPath('lesson.png') });
  });
});

test('an author\'s lesson from a child script starts by itself; a bad one is refused with a reason', async () => {
  await withApp('tests/e2e/pages/two.html', async (page) => {
    const started = await el(page, async () => {
      const host = document.createElement('regularization-explorer');
      const script = document.createElement('script');
      script.type = 'application/json';
      script.dataset.lesson = '';
      script.textContent = JSON.stringify({ title: 'Two steps', steps: [
        { caption: 'Cubic data, OLS.', state: { preset: 'cubic', penalty: 'ols', degree: 3 } },
        { caption: 'Now lasso.', state: { penalty: 'lasso', lambda: 0.05 }, question: { prompt: 'Zeros?', answer: 'Some.' } },
      ] });
      host.append(script);
      document.body.append(host);
      await host.ready;
      return { lesson: host.lesson, state: host.state };
    });
    assert.deepEqual([started.lesson.title, started.lesson.step, started.lesson.steps], ['Two steps', 1, 2]);
    assert.deepEqual([started.state.preset, started.state.penalty, started.state.degree], ['cubic', 'ols', 3]);
    const refused = await el(page, () => {
      try {
        document.querySelector('regularization-explorer').startLesson({ title: 'x', steps: [{ caption: 3 }] });
        return null;
      } catch (error) {
        return error.message;
      }
    });
    assert.match(refused, /step 1 needs a caption/);
  });
});

test('the λ sweep moves all panels from λ_max to the end and back, and names each lasso knot', async () => {
  await withApp('?v=1&preset=sin&p=lasso&l=0.01', async (page) => {
    const seen = await el(page, () => new Promise((resolve) => {
      const host = document.querySelector('regularization-explorer');
      const root = host.shadowRoot;
      const notes = new Set();
      const lambdas = [];
      let renders = 0;
      host.addEventListener('render', () => {
        renders += 1;
        lambdas.push(host.state.lambda);
        const note = root.querySelector('.sweep-note').textContent;
        if (note) notes.add(note);
      });
      host.addEventListener('sweep', (e) => {
        if (!e.detail.playing) resolve({ notes: [...notes], lambdas, renders, range: host.result.lambdaRange });
      });
      root.querySelector('button[aria-keyshortcuts="P"]').click();
    }));
    const [lo, hi] = seen.range;
    assert.equal(seen.lambdas[0], hi, 'starts at λ_max');
    assert.ok(seen.lambdas.includes(lo), 'reaches the end of the grid');
    assert.equal(seen.lambdas.at(-1), hi, 'and comes back');
    assert.ok(seen.renders > 30, `animated: ${seen.renders} frames`);
    assert.ok(seen.notes.some((n) => /^z\S* enters at λ = /.test(n)), seen.notes.join('; '));
    assert.ok(seen.notes.some((n) => /^z\S* leaves at λ = /.test(n)), 'on the way back, features leave');
  });
});

test('with prefers-reduced-motion the sweep steps instead of animating', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?v=1&preset=sin&p=ridge`);
  try {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await el(page, () => document.querySelector('regularization-explorer').ready);
    const { lambdas, range } = await el(page, () => new Promise((resolve) => {
      const host = document.querySelector('regularization-explorer');
      const seen = [];
      host.addEventListener('render', () => seen.push(host.state.lambda));
      host.addEventListener('sweep', (e) => !e.detail.playing && resolve({ lambdas: seen, range: host.result.lambdaRange }));
      host.shadowRoot.querySelector('button[aria-keyshortcuts="P"]').click();
    }));
    // λ_max, then 12 steps down and 12 back, each a twelfth of the log range: steps, not a glide.
    assert.equal(lambdas.length, 25, `${lambdas.length} renders`);
    const twelfth = Math.log(range[1] / range[0]) / 12;
    const jumps = lambdas.slice(1).map((l, k) => Math.abs(Math.log(l / lambdas[k])));
    assert.ok(jumps.every((j) => Math.abs(j - twelfth) < 1e-6 * twelfth), jumps.join(', '));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('presenter mode: a button, 24 px labels on the canvas, large targets; screenshots at 1280×720', async () => {
  await withApp('?v=1&preset=sin&p=lasso&l=0.01', async (page) => {
    await page.locator('regularization-explorer button', { hasText: 'Presenter' }).click();
    assert.equal(await el(page, () => document.querySelector('regularization-explorer').getAttribute('theme')), 'presenter');
    const sizes = await el(page, () => {
      const root = document.querySelector('regularization-explorer').shadowRoot;
      const boxes = [...root.querySelectorAll('button:not([hidden]), select, input[type=range]')]
        .map((b) => b.getBoundingClientRect()).filter((r) => r.width > 0);
      return { smallest: Math.min(...boxes.map((r) => Math.min(r.width, r.height))) };
    });
    assert.ok(sizes.smallest >= 44, `controls at least 44 px: ${sizes.smallest}`);
    // The canvas's labels: the fit panel drawn as SVG in this theme has no text under 24 px.
    const svg = await el(page, () => {
      const host = document.querySelector('regularization-explorer');
      return host.shadowRoot ? null : null;
    });
    assert.equal(svg, null);
    await page.screenshot({ path: await screenshotPath('presenter-1280x720.png') });
    await page.locator('regularization-explorer .plot-panel.errors').scrollIntoViewIfNeeded();
    await page.screenshot({ path: await screenshotPath('presenter-1280x720-errors.png') });
    await page.locator('regularization-explorer button', { hasText: 'Presenter' }).click();
    assert.equal(await el(page, () => document.querySelector('regularization-explorer').getAttribute('theme')), null);
  }, { viewport: { width: 1280, height: 720 } });
});

test('in forced-colors mode the canvases are repainted in the system colours', async () => {
  const { page, context, problems } = await openPage(env.browser, env.server.url);
  try {
    await el(page, () => document.querySelector('regularization-explorer').ready);
    // Read a corner pixel through a copy made for reading, as a page should.
    const corner = () => el(page, async () => {
      const canvas = document.querySelector('regularization-explorer').shadowRoot.querySelector('canvas[data-panel="fit"]');
      const copy = document.createElement('canvas');
      copy.width = 1;
      copy.height = 1;
      const context = copy.getContext('2d', { willReadFrequently: true });
      context.drawImage(await createImageBitmap(canvas, 1, 1, 1, 1), 0, 0);
      return [...context.getImageData(0, 0, 1, 1).data].slice(0, 3);
    });
    assert.deepEqual(await corner(), [255, 255, 255]);
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    await page.waitForTimeout(300);
    const system = await el(page, () => {
      const probe = document.createElement('span');
      probe.style.backgroundColor = 'Canvas';
      document.body.append(probe);
      const rgb = getComputedStyle(probe).backgroundColor.match(/\d+/g).slice(0, 3).map(Number);
      probe.remove();
      return rgb;
    });
    assert.deepEqual(await corner(), system);
    assert.notDeepEqual(system, [255, 255, 255], 'the dark system palette');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the explanation changes with the model, and is spoken once a drag pauses, not at every step', async () => {
  await withApp('?v=1&preset=sin&p=lasso&l=0.01', async (page) => {
    const texts = () => el(page, () => {
      const root = document.querySelector('regularization-explorer').shadowRoot;
      return { shown: root.querySelector('.explanation').textContent, spoken: root.querySelector('p.spoken[aria-live]').textContent };
    });
    await page.waitForTimeout(1200);
    const first = await texts();
    assert.match(first.shown, /^Lasso, λ = 0\.010: \d of 9 coefficients are exactly zero; test error /);
    assert.equal(first.spoken, first.shown);
    const heard = await el(page, () => new Promise((resolve) => {
      const host = document.querySelector('regularization-explorer');
      const live = host.shadowRoot.querySelector('p.spoken[aria-live]');
      const changes = [];
      new MutationObserver(() => changes.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
      let k = 0;
      const timer = setInterval(() => {
        host.setState({ lambda: 0.01 * 1.15 ** (k += 1) });
        if (k === 20) {
          clearInterval(timer);
          setTimeout(() => resolve(changes), 1500);
        }
      }, 16);
    }));
    assert.equal(heard.length, 1, `spoken once after the drag, not ${heard.length} times`);
    // Canvases carry a current text alternative.
    const label = await el(page, () => document.querySelector('regularization-explorer').shadowRoot.querySelector('canvas[data-panel="paths"]').getAttribute('aria-label'));
    assert.match(label, /^Lasso coefficient paths of 9 features against λ .* at λ = 0\.16, \d are nonzero[;.]/);
  });
});

test('show as table lists the data; the resampled fits add the bias–variance panel', async () => {
  await withApp('', async (page) => {
    await page.locator('regularization-explorer button', { hasText: 'Show as table' }).click();
    const rows = await el(page, () => document.querySelector('regularization-explorer').shadowRoot.querySelectorAll('.data-table tbody tr').length);
    assert.equal(rows, 10);
    await page.locator('regularization-explorer label', { hasText: '20 fits to fresh samples' }).click();
    const result = await el(page, () => document.querySelector('regularization-explorer').result);
    assert.equal(result.biasVariance.samples, 20);
    assert.ok(await page.locator('regularization-explorer .plot-panel.bias canvas').isVisible());
    const bv = result.biasVariance;
    assert.ok(bv.variance[0] < bv.variance.at(-1) && bv.bias2[0] > bv.bias2.at(-1));
  });
});
