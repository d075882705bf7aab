// Hardening: 200 random edits undo back to the first state and redo to the last; and a trap in
// the wasm (what a Rust panic becomes) shows a visible "reload" state instead of going silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshotPath, useBrowser } from './browser.mjs';

const env = useBrowser();

test('undo of 200 random edits restores the first state, and redo restores the last', async () => {
  const { page, context, problems } = await openPage(env.browser, env.server.url);
  try {
    const outcome = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      await el.ready;
      // A seeded generator, so that a failure can be replayed.
      let seed = 12345;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const pick = (items) => items[Math.floor(random() * items.length)];
      const edits = [
        () => ({ penalty: pick(['ols', 'ridge', 'lasso', 'elasticnet']) }),
        () => ({ lambda: 10 ** (-5 + 6 * random()) }),
        () => ({ alpha: 0.01 + 0.98 * random() }),
        () => ({ degree: 1 + Math.floor(random() * 20) }),
        () => ({ preset: pick(['sin', 'sin100', 'cubic', 'step', 'runge']) }),
        () => ({ seed: Math.floor(random() * 1000) }),
        () => ({ pathAxis: pick(['lambda', 's', 'df']), lens: pick(['constrained', 'penalized', 'bayesian']) }),
        () => ({ showTest: random() < 0.5, showOls: random() < 0.5 }),
        () => ({ data: `x,y\n${Array.from({ length: 8 }, (_, i) => `${i},${(random() * 10).toFixed(3)}`).join('\n')}\n` }),
      ];
      const first = JSON.stringify(el.state);
      const seen = new Set([first]);
      let applied = 0;
      for (let k = 0; k < 200; k += 1) {
        const before = JSON.stringify(el.state);
        el.setState(pick(edits)());
        if (JSON.stringify(el.state) !== before) applied += 1;
        seen.add(JSON.stringify(el.state));
      }
      const last = JSON.stringify(el.state);
      let undone = 0;
      while (el.undo()) undone += 1;
      const afterUndo = JSON.stringify(el.state);
      let redone = 0;
      while (el.redo()) redone += 1;
      const afterRedo = JSON.stringify(el.state);
      return { applied, undone, redone, firstOk: afterUndo === first, lastOk: afterRedo === last, distinct: seen.size };
    });
    assert.ok(outcome.applied >= 150, `${outcome.applied} edits changed the state`);
    assert.equal(outcome.undone, outcome.applied, 'one undo step per edit');
    assert.equal(outcome.redone, outcome.applied);
    assert.ok(outcome.firstOk, 'undo all restores the first state');
    assert.ok(outcome.lastOk, 'redo all restores the last state');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a trap in the wasm shows "something went wrong — reload" and stops, visibly', async () => {
  const { page, context, problems } = await openPage(env.browser, env.server.url);
  try {
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    const crash = await page.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const { Explorer } = await import('/www/pkg/regularization_explorer.js');
      // What a Rust panic becomes in the browser: the next call into the module traps.
      Explorer.prototype.render = () => {
        throw new WebAssembly.RuntimeError('unreachable');
      };
      const events = [];
      el.addEventListener('crash', (e) => events.push(e.detail.message));
      let thrown = null;
      try {
        el.setState({ penalty: 'lasso' });
      } catch (error) {
        thrown = error.constructor.name;
      }
      const box = el.shadowRoot.querySelector('.crashed');
      return { events, thrown, text: box?.textContent ?? null, inert: el.shadowRoot.querySelector('.app').inert };
    });
    assert.deepEqual(crash.events, ['unreachable']);
    assert.equal(crash.thrown, 'RuntimeError');
    assert.match(crash.text, /Something went wrong, and the explorer has stopped\. .*reload/);
    assert.ok(crash.inert, 'the dead controls cannot be used');
    assert.ok(await page.locator('regularization-explorer button', { hasText: 'Reload the page' }).isVisible());
    await page.screenshot({ path: await screenshotPath('crashed.png') });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /regularization-explorer stopped: RuntimeError: unreachable/);
  } finally {
    await context.close();
  }
});
