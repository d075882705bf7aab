// Issue #13, items 5–10: what an attack on the app found besides the races (races.test.mjs) and the
// ranges (ranges.test.mjs). The embed code carries any data that pastes, exactly; inline data that
// fails says so and the notice stays; duplicate header names are both choosable; the element is
// styled under `default-src 'self'`; a NaN is named; a Latin-1 file is read and said to be;
// a trap during a load raises no page error; a full storage is told; a sandboxed frame explains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openPage, screenshotPath, startServer, useBrowser } from './browser.mjs';

const env = useBrowser();

/** Writes a page for the test under test-results/ (served with the project) and returns its path. */
async function page(name, body) {
  const dir = path.join(ROOT, 'test-results', 'pages');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name), `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title></head>\n<body>\n${body}\n</body></html>\n`);
  return `test-results/pages/${name}`;
}

async function ready(pageHandle) {
  await pageHandle.evaluate(() => Promise.all([...document.querySelectorAll('regularization-explorer')].map((e) => e.ready)));
}

/** Data that pastes, as a student brings it. */
const PASTES = {
  quoted: '"x","y"\n"0.5","1.25"\n"1.5","2.5"\n"2.5","2.25"\n"3.5","4.75"\n"4.5","4.5"\n',
  semicolonDecimalComma: 'Zeit;Weg\n0,5;1,25\n1,5;2,5\n2,5;2,25\n3,5;4,75\n4,5;4,5\n',
  rWriteCsv: '"","height","weight"\n"1",1.52,50.1\n"2",1.61,55.3\n"3",1.70,64.8\n"4",1.78,70.2\n"5",1.85,80.9\n',
  namesWithCommasAndAmpersands: '"size, m²","R&D <spend>","it\'s ""quoted"""\n1,2,3\n2,3.5,1\n3,3,4\n4,6,1\n5,5.5,9\n',
  scriptInAName: '"</script><b>x","y <!--"\n1,2\n2,3.5\n3,3\n4,6\n',
  tabsLeadingEmptyCell: '\tx\ty\n1\t0.5\t2\n2\t1.5\t3.5\n3\t2.5\t3\n4\t3.5\t6\n',
};

test('the embed code round-trips any data that pastes, exactly', async () => {
  const { page: app, context, problems } = await openPage(env.browser, env.server.url);
  try {
    await ready(app);
    for (const [name, text] of Object.entries(PASTES)) {
      const made = await app.evaluate(async ([data, key]) => {
        const el = document.querySelector('regularization-explorer');
        const report = el.loadData(data);
        if (!report.ok) return { report };
        // Names with commas as features: column mode on every column but y.
        if (key === 'namesWithCommasAndAmpersands') {
          const names = el.result.dataColumns;
          el.setState({ mode: 'columns', y: names[2], features: names.slice(0, 2) });
        }
        const code = await el.embedCode();
        return { report, code, state: el.state, result: el.result };
      }, [text, name]);
      assert.ok(made.report.ok, `${name}: ${JSON.stringify(made.report.errors)}`);
      const element = made.code.slice(made.code.indexOf('<script type="module"'), made.code.indexOf('<!-- Or an iframe'));
      const url = await page(`embed-${name}.html`, element);
      const { page: copy, context: copyContext, problems: copyProblems } = await openPage(env.browser, `${env.server.url}${url}`);
      try {
        await ready(copy);
        const round = await copy.evaluate(() => {
          const el = document.querySelector('regularization-explorer');
          return { state: el.state, result: el.result, notices: [...el.shadowRoot.querySelectorAll('.notices li')].map((li) => li.textContent) };
        });
        assert.deepEqual(round.notices, made.result.notices, `${name}: no notice of failure`);
        assert.equal(round.state.data.replace(/\n$/, ''), made.state.data.replace(/\n$/, ''), `${name}: the same text`);
        assert.deepEqual({ ...round.state, data: null }, { ...made.state, data: null }, `${name}: the same state`);
        assert.deepEqual(round.result.dataColumns, made.result.dataColumns, `${name}: the same columns`);
        assert.deepEqual(round.result.coefficients, made.result.coefficients, `${name}: the same fit`);
        assert.deepEqual(copyProblems, [], name);
      } finally {
        await copyContext.close();
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('inline data that fails to parse says so, and the notice stays', async () => {
  const url = await page('inline-bad.html', `<script type="module" src="/www/regularization-explorer.js"></script>
<regularization-explorer degree="3">
  <script type="text/csv">
    temperature;sales
    hot;cold
    warm;frozen
  </script>
</regularization-explorer>`);
  const { page: p, context, problems } = await openPage(env.browser, `${env.server.url}${url}`);
  try {
    await ready(p);
    const notices = () => p.evaluate(() => [...document.querySelector('regularization-explorer').shadowRoot.querySelectorAll('.notices li')].map((li) => li.textContent));
    assert.match((await notices()).join(' '), /inline data could not be read, so the default data is shown: Line 2, column 1: "hot" is not a number/);
    await p.evaluate(() => document.querySelector('regularization-explorer').setState({ lambda: 0.05, penalty: 'lasso' }));
    assert.match((await notices()).join(' '), /inline data could not be read/, 'a refresh does not clear it');
    // Other data clears it.
    await p.evaluate(() => document.querySelector('regularization-explorer').loadData('x,y\n1,2\n2,3\n3,5\n'));
    assert.doesNotMatch((await notices()).join(' '), /inline data/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('duplicate header names are both choosable, and the load says how they are called', async () => {
  const { page: p, context, problems } = await openPage(env.browser, env.server.url);
  try {
    await ready(p);
    const shown = await p.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      const report = el.loadData('x,y,y\n1,2,9\n2,3,7\n3,5,8\n4,4,1\n');
      const options = [...el.shadowRoot.querySelectorAll('select[id$="-y"] option')].map((o) => o.value);
      el.setState({ y: options[options.length - 1] });
      return { report, options, fitted: el.result.trainMse, y: el.state.y };
    });
    assert.equal(new Set(shown.options).size, shown.options.length, `distinct: ${shown.options}`);
    assert.equal(shown.options.length, 3);
    assert.match(shown.report.warnings.join(' '), /"y"/);
    assert.notEqual(shown.y, 'y');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('styled under a Content-Security-Policy of default-src \'self\'', async () => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
  const server = await startServer({ headers: { 'Content-Security-Policy': csp } });
  const { page: p, context, problems } = await openPage(env.browser, server.url);
  try {
    await p.evaluate(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await ready(p);
    const styled = await p.evaluate(() => {
      const root = document.querySelector('regularization-explorer').shadowRoot;
      const panels = root.querySelector('.panels');
      return {
        display: getComputedStyle(panels).display,
        hiddenBias: getComputedStyle(root.querySelector('.plot-panel.bias')).display,
        violations: window.violations,
      };
    });
    assert.equal(styled.display, 'grid', 'the shadow root\'s stylesheet applies');
    assert.deepEqual(styled.violations, []);
    await p.screenshot({ path: await screenshotPath('csp-default-src-self.png') });
    assert.deepEqual(problems.filter((m) => !/Content Security Policy/.test(m) || /style/.test(m)), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('smaller things: a NaN is named, a Latin-1 file is read and said to be, a full storage is told', async () => {
  const { page: p, context, problems } = await openPage(env.browser, env.server.url);
  try {
    await ready(p);
    const nan = await p.evaluate(() => {
      try {
        document.querySelector('regularization-explorer').setState({ degree: NaN });
        return null;
      } catch (error) {
        return error.message;
      }
    });
    assert.match(nan, /degree: must be a finite number, not "NaN"/);

    // A file saved as Latin-1 (Windows-1252): "température" is one byte 0xE9, not valid UTF-8.
    await p.locator('regularization-explorer details.data-box summary').click();
    await p.locator('regularization-explorer input[type="file"]').setInputFiles({
      name: 'mesures.csv', mimeType: 'text/csv', buffer: Buffer.from('x;temp\u00e9rature\n1;2,5\n2;3,5\n3;3\n4;6\n', 'latin1'),
    });
    await p.waitForFunction(() => document.querySelector('regularization-explorer').state.data !== null);
    const latin = await p.evaluate(() => {
      const el = document.querySelector('regularization-explorer');
      return { columns: el.result.dataColumns, warnings: [...el.shadowRoot.querySelectorAll('.load-errors li')].map((li) => li.textContent) };
    });
    assert.deepEqual(latin.columns, ['x', 'temp\u00e9rature']);
    assert.match(latin.warnings.join(' '), /mesures\.csv is not UTF-8, so it was read as Latin-1 \(Windows-1252\)/);

    // A full storage: the data would be gone after a reload, and the page says so.
    const told = await p.evaluate(async () => {
      Storage.prototype.setItem = function full() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      const el = document.querySelector('regularization-explorer');
      el.loadData('x,y\n1,2\n2,3\n3,5\n4,4\n');
      await new Promise((resolve) => setTimeout(resolve, 900));
      return [...el.shadowRoot.querySelectorAll('.notices li')].map((li) => li.textContent).join(' ');
    });
    assert.match(told, /storage is full, so your data is not kept: after a reload it will be gone/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a trap during Load shows the crash box and raises no page error', async () => {
  const { page: p, context, problems } = await openPage(env.browser, env.server.url);
  try {
    await ready(p);
    const crash = await p.evaluate(async () => {
      const el = document.querySelector('regularization-explorer');
      const { Explorer } = await import('/www/pkg/regularization_explorer.js');
      Explorer.prototype.loadData = () => {
        throw new WebAssembly.RuntimeError('unreachable');
      };
      const root = el.shadowRoot;
      root.querySelector('details.data-box').open = true;
      root.querySelector('textarea').value = 'x,y\n1,2\n2,3\n3,5\n';
      [...root.querySelectorAll('button')].find((b) => b.textContent === 'Load pasted data').click();
      await new Promise((resolve) => setTimeout(resolve, 800));
      return root.querySelector('.crashed')?.textContent ?? null;
    });
    assert.match(crash, /Something went wrong, and the explorer has stopped/);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^error: regularization-explorer stopped: RuntimeError: unreachable/);
  } finally {
    await context.close();
  }
});

test('a sandboxed iframe without allow-same-origin explains itself instead of staying blank', async () => {
  const url = await page('sandboxed.html', '<iframe id="frame" sandbox="allow-scripts" src="/embed.html?v=1&p=lasso" title="explorer" width="900" height="600"></iframe>');
  const { page: p, context } = await openPage(env.browser, `${env.server.url}${url}`);
  try {
    const frame = await (await p.locator('#frame').elementHandle()).contentFrame();
    await frame.waitForFunction(() => /allow-same-origin/.test(document.querySelector('.rx-fallback')?.textContent ?? ''), null, { timeout: 30000 });
    const text = await frame.evaluate(() => document.querySelector('.rx-fallback').textContent);
    assert.match(text, /could not load in this frame\. .*sandbox attribute needs both allow-scripts and allow-same-origin/);
    await p.screenshot({ path: await screenshotPath('sandboxed-iframe.png') });
  } finally {
    await context.close();
  }
});
