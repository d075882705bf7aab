// npm run bench: times the solver natively and as wasm in headless Chromium on the same workload
// (src/bench.rs), and scikit-learn on the same data where python3 has it. Prints medians with
// the targets beside them. It measures; it asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { launch, startServer, ROOT } from '../tests/e2e/browser.mjs';
import { interactionBench, quantile } from './interaction.mjs';

const DATA_DIR = path.join(ROOT, 'target', 'bench-data');
const BUDGET_MS = 300;
let nativeLarge;
let wasmLarge;
let interaction;

const key = (c) => `${c.n}/${c.degree}/${c.penalty}`;
const total = (t) => t.fitMs + t.pathMs + t.cvMs;
const ms = (v) => (v === undefined ? '—' : v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0));
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : (a / b).toFixed(2));

function native() {
  console.log('native: cargo bench (release)…');
  const out = execFileSync('cargo', ['bench', '--quiet', '--bench', 'solver', '--', '--json', '--data', DATA_DIR], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24,
  });
  const lines = out.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  nativeLarge = lines.find((t) => t.rows);
  return new Map(lines.filter((t) => t.case).map((t) => [key(t.case), t]));
}

async function wasm(appOnly) {
  console.log('wasm: release build, then headless Chromium…');
  execFileSync('bash', ['scripts/build.sh'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const server = await startServer();
  const results = new Map();
  let browser;
  try {
    browser = await launch();
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${server.url}bench/bench.html`);
    const { cases } = await page.evaluate(() => window.benchReady);
    if (!appOnly) wasmLarge = await page.evaluate((budget) => JSON.parse(window.Explorer.benchmarkLarge(budget)), BUDGET_MS);
    for (let i = 0; i < (appOnly ? 0 : cases); i += 1) {
      const t = await page.evaluate(([index, budget]) => window.runCase(index, budget), [i, BUDGET_MS]);
      results.set(key(t.case), t);
    }
    console.log('the app: load, then λ drags, degree changes and penalty switches…');
    interaction = await interactionBench(browser, server, ROOT);
  } finally {
    await browser?.close();
    await server.close();
  }
  return results;
}

function sklearn() {
  const probe = spawnSync('python3', ['-c', 'import sklearn, numpy; print(sklearn.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('scikit-learn: python3 with scikit-learn is not installed here, so its column is skipped.');
    return { version: null, results: new Map() };
  }
  const version = probe.stdout.trim();
  console.log(`scikit-learn ${version}: timing the same data and grids…`);
  const out = execFileSync('python3', [path.join(ROOT, 'bench', 'sklearn_bench.py'), DATA_DIR], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24,
  });
  const results = new Map(out.trim().split('\n').map((l) => {
    const t = JSON.parse(l);
    return [key(t), { fitMs: t.fit_ms, pathMs: t.path_ms, cvMs: t.cv_ms }];
  }));
  return { version, results };
}

function target(c, w) {
  const t = w && total(w);
  if (c.n === 100 && c.degree === 12) return `wasm fit+path+CV < 4 ms: ${t < 4 ? 'met' : 'MISSED'}`;
  if (c.n === 20000) return `wasm fit+path+CV < 100 ms: ${t < 100 ? 'met' : 'MISSED'}`;
  return '';
}

// `npm run bench -- --app` measures the app alone (load and latency), skipping the solver tables.
const appOnly = process.argv.includes('--app');
const nat = appOnly ? new Map() : native();
const web = await wasm(appOnly);
const sk = appOnly ? { version: null, results: new Map() } : sklearn();

const header = ['n', 'deg', 'penalty', 'build', 'fit', 'path', 'CV', 'fit+path+CV', 'wasm fit', 'wasm path', 'wasm CV',
  'wasm fit+path+CV', 'wasm/native', 'skl path', 'skl CV', 'ours/skl path', 'ours/skl CV', 'target'];
const rows = [...nat.values()].map((n) => {
  const c = n.case;
  const w = web.get(key(c));
  const s = sk.results.get(key(c));
  return [c.n, c.degree, c.penalty, ms(n.buildMs), ms(n.fitMs), ms(n.pathMs), ms(n.cvMs), ms(total(n)),
    ms(w?.fitMs), ms(w?.pathMs), ms(w?.cvMs), ms(w && total(w)), ratio(w && total(w), total(n)),
    ms(s?.pathMs), ms(s?.cvMs), ratio(n.pathMs, s?.pathMs), ratio(n.cvMs, s?.cvMs), target(c, w)].map(String);
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i]))).join('  ');
if (!appOnly) {
  console.log('\nMedians in milliseconds. Native: this machine, release build. wasm: headless Chromium.');
  console.log(`scikit-learn: ${sk.version ? `${sk.version}, default tolerances, same folds (i mod 5)` : 'not installed'}; ours/skl < 1 means we are faster.\n`);
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  const large = (t) => (t ? `parse ${ms(t.parseMs)}, build ${ms(t.buildMs)}, fit ${ms(t.fitMs)}: ${ms(t.parseMs + t.buildMs + t.fitMs)} ms` : '—');
  console.log(`\n100 000 pasted rows, degree 20 (target: parsed and fitted in under 1 s)`);
  console.log(`  native: ${large(nativeLarge)}`);
  console.log(`  wasm:   ${large(wasmLarge)}  ${wasmLarge && wasmLarge.parseMs + wasmLarge.buildMs + wasmLarge.fitMs < 1000 ? 'met' : 'MISSED'}`);
  const slower = rows.filter((r) => Number(r[15]) >= 1 || Number(r[16]) >= 1);
  if (sk.version) {
    console.log(`\nTarget "faster than scikit-learn on every row": ${slower.length === 0 ? 'met' : `MISSED on ${slower.length} row(s)`}`);
  }
}

// The real app: load, and latency from an input event to all panels redrawn.
if (interaction) {
  const i = interaction;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`\nLoad: first full render after navigation, median of ${i.firstRenders.length}: ${ms(i.firstRender)} ms on a first visit, ${ms(i.warmRender)} ms on a second (target ≤ 300 ms: first ${i.firstRender <= 300 ? 'met' : 'MISSED'}, second ${i.warmRender <= 300 ? 'met' : 'MISSED'})`);
  console.log(`  first visits: ${i.firstRenders.map(ms).join(', ')}; second: ${i.warmRenders.map(ms).join(', ')}`);
  console.log(`Transfer of the built site (dist/): wasm + JS + CSS ${kb(i.raw)}, ${kb(i.gzipped)} gzipped (target ≤ 250 KB: ${i.gzipped <= 250 * 1024 ? 'met' : 'MISSED'})`);
  for (const [file, raw, gz] of i.files) console.log(`  ${file.padEnd(44)} ${kb(raw).padStart(10)} ${kb(gz).padStart(10)}`);
  const slow = quantile(i.slowLoads, 0.5);
  console.log(`First visit at CPU ×6 over Fast 4G, to the λ slider usable with all panels drawn, median of ${i.slowLoads.length}: ${ms(slow)} ms (target ≤ 1 500: ${slow <= 1500 ? 'met' : 'MISSED'}); each: ${i.slowLoads.map(ms).join(', ')}`);
  console.log('\nInteraction latency, input event to all panels redrawn (ms), at Chrome\'s CPU slowdown ×1, ×4 and ×6; longest main-thread task (ms)');
  console.log('case                                 CPU  kind      n   median     p95     max  longest task  target');
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  // The targets of each (case, slowdown), by kind of change.
  const target = (name, rate, kind, m, p95, task) => {
    if (name.startsWith('default')) {
      if (rate === 6) return `p95 ≤ 16.7: ${verdict(p95 <= 16.7)}`;
      if (rate === 4) return `p95 ≤ 8.3: ${verdict(p95 <= 8.3)}`;
      return kind === 'lambda'
        ? `median ≤ 1.5: ${verdict(m <= 1.5)}; p95 ≤ 8: ${verdict(p95 <= 8)}`
        : `median ≤ 4 and p95 ≤ 8: ${verdict(m <= 4 && p95 <= 8)}`;
    }
    if (name.includes('2 000')) return rate === 4 ? `p95 ≤ 33: ${verdict(p95 <= 33)}` : `p95 ≤ 16: ${verdict(p95 <= 16)}`;
    return `no task over 50: ${verdict(task <= 50)}`;
  };
  for (const [name, rate, kinds] of i.cases) {
    for (const [kind, { latencies, tasks }] of Object.entries(kinds)) {
      const m = quantile(latencies, 0.5);
      const p95 = quantile(latencies, 0.95);
      const task = Math.max(0, ...tasks);
      console.log(`${name.padEnd(36)}${`×${rate}`.padStart(4)}  ${kind.padEnd(8)}${String(latencies.length).padStart(4)}${ms(m).padStart(9)}${ms(p95).padStart(8)}${ms(Math.max(...latencies)).padStart(8)}${ms(task).padStart(14)}  ${target(name, rate, kind, m, p95, task)}`);
    }
  }
}
