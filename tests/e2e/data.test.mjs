// Pasting data as people do: from a spreadsheet, a European spreadsheet, with mistakes, with many
// columns, and with a header that tries to be HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextFrame, openPage, screenshotPath, useBrowser } from './browser.mjs';

const env = useBrowser();


/** A fresh page with the data box open; runs `body(page, helpers)` and checks the console. */
async function withData(body) {
  const { page, context, problems } = await openPage(env.browser, env.server.url, { viewport: { width: 1280, height: 900 } });
  try {
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    await page.locator('regularization-explorer details.data-box summary').click();
    const box = page.locator('regularization-explorer textarea[id$="-paste"]');
    const paste = async (text) => {
      await box.fill(text);
      await page.locator('regularization-explorer button', { hasText: 'Load pasted data' }).click();
    };
    const state = () => page.evaluate(() => document.querySelector('regularization-explorer').state);
    const result = () => page.evaluate(() => document.querySelector('regularization-explorer').result);
    const said = () => page.locator('regularization-explorer .detected').textContent();
    const errors = () => page.locator('regularization-explorer .load-errors li').allTextContents();
    await body(page, { box, paste, state, result, said, errors });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

test('a spreadsheet copy: tab separated, CRLF', async () => {
  await withData(async (page, { paste, state, result, said }) => {
    await paste('x\ty\r\n0\t1.5\r\n0.25\t2\r\n0.5\t1\r\n0.75\t0.25\r\n1\t0.5\r\n');
    assert.equal((await result()).nTrain, 5);
    assert.equal((await state()).preset, null);
    assert.match(await said(), /5 rows × 2 columns: tab-separated, decimal point, with a header/);
    await page.locator('regularization-explorer details.data-box').screenshot({ path: await screenshotPath('data-spreadsheet.png') });
  });
});

test('a European paste: semicolons and decimal commas', async () => {
  await withData(async (page, { paste, result, said }) => {
    await paste('Zeit;Wert\r\n0,5;1,25\r\n1,5;2,75\r\n2,5;2\r\n3,5;−0,5\r\n');
    const r = await result();
    assert.equal(r.nTrain, 4);
    assert.deepEqual(r.dataColumns, ['Zeit', 'Wert']);
    assert.match(await said(), /semicolon-separated, decimal comma/);
    const x = await page.evaluate(() => document.querySelector('regularization-explorer').state.x);
    assert.equal(x, 'Zeit');
  });
});

test('a paste with an error keeps the old data loaded and the text in the box', async () => {
  await withData(async (page, { box, paste, state, errors, said }) => {
    const before = await state();
    const text = 'x,y\n1,2\n3,four\n5,6\n';
    await paste(text);
    assert.deepEqual(await state(), before, 'the old data stays');
    assert.equal(await box.inputValue(), text, 'the text stays in the box');
    assert.match(await said(), /Nothing was loaded/);
    const listed = await errors();
    assert.equal(listed.length, 1);
    assert.match(listed[0], /^Line 3, column 2: "four" is not a number/);
    await page.locator('regularization-explorer details.data-box').screenshot({ path: await screenshotPath('data-error.png') });
  });
});

test('with more than two columns the user picks x, y, and the features', async () => {
  await withData(async (page, { paste, state, result }) => {
    await paste('size,age,rooms,price\n50,10,2,150\n80,5,3,260\n65,30,2,170\n120,2,4,400\n95,15,3,300\n');
    let s = await state();
    assert.equal(s.x, 'size');
    assert.equal(s.y, 'price');
    await page.locator('regularization-explorer select[id$="-x"]').selectOption('age');
    assert.equal((await state()).x, 'age');
    await page.locator('regularization-explorer select[id$="-mode"]').selectOption('columns');
    s = await state();
    assert.equal(s.mode, 'columns');
    assert.deepEqual(s.features, ['size', 'age', 'rooms']);
    await page.locator('regularization-explorer .features label', { hasText: 'rooms' }).locator('input').uncheck();
    assert.deepEqual((await state()).features, ['size', 'age']);
    assert.deepEqual((await result()).featureNames, ['size', 'age']);
    await page.locator('regularization-explorer select[id$="-y"]').selectOption('rooms');
    assert.equal((await state()).y, 'rooms');
    assert.ok(!(await state()).features.includes('rooms'));
  });
});

test('a header that looks like HTML shows as text and runs nothing', async () => {
  await withData(async (page, { paste, result }) => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    await paste(`"${evil.replaceAll('"', '""')}",y\n1,2\n2,3\n3,5\n`);
    assert.deepEqual((await result()).dataColumns, [evil, 'y']);
    const options = await page.locator('regularization-explorer select[id$="-x"] option').allTextContents();
    assert.ok(options.includes(evil), `${options}`);
    const injected = await page.evaluate(() => [window.__pwned, document.querySelector('regularization-explorer')
      .shadowRoot.querySelectorAll('img').length]);
    assert.deepEqual(injected, [undefined, 0]);
  });
});

test('the state and the pasted data survive a reload', async () => {
  await withData(async (page, { paste, state }) => {
    await paste('x;y\n0,5;1\n1,5;2,5\n2,5;2\n3,5;4\n');
    await page.evaluate(() => document.querySelector('regularization-explorer')
      .setState({ penalty: 'lasso', lambda: 0.02, degree: 2, lens: 'bayesian' }));
    const before = await state();
    // The save is debounced: wait until storage holds this very state, however slow the machine.
    await page.waitForFunction((expected) => Object.keys(localStorage).some((key) => {
      const saved = JSON.parse(localStorage.getItem(key));
      return saved?.state?.lambda === expected.lambda && saved.state.lens === expected.lens;
    }), before, { timeout: 10_000 });
    await page.reload();
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    const after = await state();
    assert.deepEqual(after, before);
  });
});

test('the pasted text is written to storage once per data change, not on every change', async () => {
  await withData(async (page, { paste }) => {
    await page.evaluate(() => {
      window.writes = [];
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        window.writes.push([key, value.length]);
        return setItem.call(this, key, value);
      };
    });
    await paste('x,y\n0,1\n1,2.5\n2,2\n3,4\n4,3.5\n');
    const saved = () => page.evaluate(() => window.writes.length);
    // Each change is saved after a pause; wait for each save before the next change.
    for (const lambda of [0.01, 0.02, 0.05]) {
      const before = await saved();
      await page.evaluate((l) => document.querySelector('regularization-explorer').setState({ penalty: 'ridge', lambda: l }), lambda);
      await page.waitForFunction((n) => window.writes.length > n, before, { timeout: 10_000 });
    }
    const writes = await page.evaluate(() => window.writes);
    const dataWrites = writes.filter(([key]) => key.endsWith(':data'));
    assert.equal(dataWrites.length, 1, JSON.stringify(writes));
    assert.ok(writes.filter(([key]) => !key.endsWith(':data')).length >= 3);
    // A new paste writes the new text once more.
    await paste('x,y\n0,1\n1,2\n2,2.5\n3,4\n');
    await page.waitForFunction(() => window.writes.filter(([key]) => key.endsWith(':data')).length === 2, null, { timeout: 10_000 });
  });
});

test('a synthetic preset draws a new sample on demand', async () => {
  await withData(async (page, { state, result }) => {
    const first = await result();
    await page.locator('regularization-explorer button', { hasText: 'New sample' }).click();
    assert.equal((await state()).seed, 1);
    assert.notDeepEqual((await result()).standardizedCoefficients, first.standardizedCoefficients);
    await page.locator('regularization-explorer input[id$="-n"]').fill('40');
    await nextFrame(page);
    assert.equal((await result()).nTrain, 40);
  });
});

test('a whole drag is one undo step, and redo brings it back', async () => {
  await withData(async (page, { state }) => {
    const before = (await state()).lambda;
    const slider = page.locator('regularization-explorer input[id$="-lambda"]');
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i += 1) await page.mouse.move(box.x + box.width * (0.5 + i * 0.05), y);
    await page.mouse.up();
    await nextFrame(page);
    const dragged = (await state()).lambda;
    assert.notEqual(dragged, before);
    await page.waitForTimeout(600);
    await slider.focus();
    await page.keyboard.press('Control+z');
    assert.equal((await state()).lambda, before, 'one undo undoes the whole drag');
    await page.keyboard.press('Control+Shift+z');
    assert.equal((await state()).lambda, dragged);
    // A paste is one step too, and undoing it brings the preset back.
    await page.locator('regularization-explorer textarea[id$="-paste"]').fill('x,y\n1,2\n2,3\n3,5\n');
    await page.locator('regularization-explorer button', { hasText: 'Load pasted data' }).click();
    await page.waitForTimeout(600);
    assert.equal((await state()).preset, null);
    await page.locator('regularization-explorer button', { hasText: /^Undo$/ }).click();
    assert.equal((await state()).preset, 'sin');
    assert.equal((await state()).lambda, dragged);
  });
});

test('points are added, dragged and deleted on the plot, and edited from the keyboard', async () => {
  await withData(async (page, { result, state }) => {
    const canvas = page.locator('regularization-explorer canvas[data-panel="fit"]');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    // An empty spot near the top middle of the plot.
    const at = [box.x + box.width * 0.5, box.y + box.height * 0.25];
    await page.mouse.click(...at);
    let r = await result();
    assert.equal(r.nTrain, 11, 'a click adds a point');
    assert.equal((await state()).preset, null, 'the edited preset is now your data');
    // Drag the new point down.
    await page.mouse.move(...at);
    await page.mouse.down();
    await page.mouse.move(at[0], at[1] + box.height * 0.3, { steps: 6 });
    await page.mouse.up();
    const points = await page.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      return el.state.data.trim().split('\n').filter((line) => !line.startsWith('#')).slice(1).map((line) => line.split(',').map(Number));
    });
    assert.equal(points.length, 11);
    assert.ok(points[10][1] < 0.5, `dragged down to y = ${points[10][1]}`);
    await canvas.focus?.();
    await page.locator('regularization-explorer summary', { hasText: 'Edit the points' }).click();
    await page.keyboard.press('Delete');
    // Delete acts on the ringed point unless focus is in a field: the summary has focus here.
    assert.equal((await result()).nTrain, 10, 'Delete removes the ringed point');
    // From the keyboard: change the first point's y in the list.
    const firstY = page.locator('regularization-explorer .points-box tbody tr').first().locator('input').nth(1);
    await firstY.fill('2.5');
    await firstY.press('Tab');
    const edited = await page.evaluate(() => Number(document.querySelector('regularization-explorer')
      .state.data.trim().split('\n').filter((line) => !line.startsWith('#'))[1].split(',')[1]));
    assert.equal(edited, 2.5);
    await page.locator('regularization-explorer canvas[data-panel="fit"]')
      .screenshot({ path: await screenshotPath('fit-edited.png') });
  });
});

test('with the plot focused, [ ] pick a point and the arrow keys move it; one undo puts it back', async () => {
  await withData(async (page, { state }) => {
    const points = () => page.evaluate(() => document.querySelector('regularization-explorer')
      .state.data?.trim().split('\n').filter((line) => !line.startsWith('#')).slice(1).map((line) => line.split(',').map(Number)));
    const canvas = page.locator('regularization-explorer canvas[data-panel="fit"]');
    await canvas.focus();
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    assert.equal(await page.evaluate(() => document.querySelector('regularization-explorer').shadowRoot
      .querySelector('[aria-live="polite"].visually-hidden').textContent), 'Point 2: x = 0.1111, y = 0.4593');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+ArrowRight');
    const moved = await points();
    assert.equal(moved.length, 10);
    assert.ok(moved[1][1] > 0.4593 + 0.02, `up by 3 % of the y-range: ${moved[1][1]}`);
    assert.ok(moved[1][0] > 0.111 + 0.05, `right by 10 % of the x-range: ${moved[1][0]}`);
    assert.deepEqual(moved[0], (await points())[0]);
    await page.waitForTimeout(600);
    await page.keyboard.press('Control+z');
    assert.equal((await state()).preset, 'sin', 'the key presses were one step');
    await page.keyboard.press('Control+Shift+z');
    assert.deepEqual(await points(), moved);
    await page.keyboard.press(']');
    await page.keyboard.press('Delete');
    assert.equal((await points()).length, 9);
  });
});

test('storage that throws (a sandboxed frame, a full quota) costs nothing but persistence', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('storage is disabled here', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  try {
    await page.goto(env.server.url);
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    await page.evaluate(() => document.querySelector('regularization-explorer').setState({ penalty: 'lasso', lambda: 0.02 }));
    await page.waitForTimeout(600);
    await page.reload();
    await page.evaluate(() => document.querySelector('regularization-explorer').ready);
    // Nothing was stored, but the full page's URL still carries the state.
    assert.equal(await page.evaluate(() => document.querySelector('regularization-explorer').state.penalty), 'lasso');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
