// One explorer instance behind its element: the model (Rust's Explorer), the page it draws, and the
// parts that change it. Every change goes through one apply path (worker-client.js: `request` for
// changes that may wait their turn, `applyHere` for changes that apply now) and asks for one
// refresh, which draws the canvases first and then brings the page's text and controls in line.
import { Explorer } from './pkg/regularization_explorer.js';
import { cancelIdle, h, put, putAttribute, whenIdle } from './dom.js';
import { Controls } from './controls.js';
import { Export } from './export.js';
import { History } from './history.js';
import { Lessons } from './lesson.js';
import { Panels } from './panels.js';
import { PasteBox } from './paste.js';
import { Points } from './points.js';
import { Share } from './share.js';
import { Storage } from './storage.js';
import { Sweep } from './sweep.js';
import { WorkerClient } from './worker-client.js';

/** The spoken summary waits for this pause in the changes, so a drag is not read out. */
const SPEAK_DELAY_MS = 1000;
/** A step of work ahead starts only with this much idle time left (ms). */
const AHEAD_MIN_IDLE_MS = 12;
const TABLE_ROWS = 500;

export class Instance {
  /** The model, its schema and the host element; the parts are made in the constructor. */
  constructor(el, model, schema) {
    this.el = el;
    this.model = model;
    this.schema = schema;
    this.presets = JSON.parse(Explorer.presetsJson());
    this.crashed = false;
    this.showTable = false;
    this.lockedNames = new Set();
    this.ui = null;
    this.#text = { version: -1, value: null };
    this.worker = new WorkerClient(this);
    this.history = new History(this);
    this.storage = new Storage(this);
    this.share = new Share(this);
    this.exporter = new Export(this);
    this.sweep = new Sweep(this);
    this.lessons = new Lessons(this);
    this.points = new Points(this);
    this.panels = new Panels(this);
    this.paste = new PasteBox(this);
    this.controls = new Controls(this);
  }

  #text;
  #standing = { version: -1, notes: [] };
  #aheadHandle = 0;
  #speakTimer = 0;

  /** A patch as JSON; a number that is not finite goes as text, so that Rust names it. */
  json(patch) {
    return JSON.stringify(patch, (key, value) =>
      (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
  }

  /** The state without pasted data: cheap to take however large the data. */
  lite() {
    return JSON.parse(this.model.stateJson(false));
  }

  /** The result without its per-λ arrays, with the texts Rust writes for it: what the page needs. */
  summary() {
    return { ...JSON.parse(this.model.summaryJson()), texts: JSON.parse(this.model.textsJson()) };
  }

  /** The pasted text in use (null on a preset), fetched from Rust once per data change. */
  dataText() {
    const version = this.model.dataVersion();
    if (version !== this.#text.version) this.#text = { version, value: JSON.parse(this.model.stateJson()).data ?? null };
    return this.#text.value;
  }

  /** The worker read this text and the model took it on: no need to fetch it back from Rust. */
  adoptedText(text) {
    this.#text = { version: this.model.dataVersion(), value: text };
  }

  /** Applies a patch here and now (throws, changing nothing, on a bad one); newer than any pending work. */
  applyHere(patch) {
    const json = this.json(patch);
    this.model.setState(json);
    this.worker.changedHere({ keys: Object.keys(patch), data: Explorer.replacesData(json) });
  }

  /** Parses text here and now; on success it is the data, newer than any pending work. */
  loadHere(text, options = {}) {
    const report = JSON.parse(this.model.loadData(String(text ?? ''), JSON.stringify(options ?? {})));
    if (report.ok) {
      this.worker.changedHere({ data: true });
      this.refresh();
    }
    return report;
  }

  /** The worker read some data (or could not): say so under the paste box, and for a link. */
  loaded(report, job) {
    this.paste.show(report);
    if (job.origin === 'link' && !report.ok) this.notice(`The link's data could not be read: ${report.summary}`);
  }

  /** Whether the author locked this control. */
  locked(name) {
    return this.lockedNames.has(name);
  }

  /**
   * Runs a handler. After a trap the crash box says what happened, so nothing more is thrown to
   * the page (a dead module makes every later call fail); other errors still are.
   */
  guard(run) {
    const failed = (error) => {
      if (this.crashed || error instanceof WebAssembly.RuntimeError) return;
      throw error;
    };
    try {
      const result = run();
      if (result && typeof result.then === 'function') return result.catch(failed);
      return result;
    } catch (error) {
      return failed(error);
    }
  }

  /** Marks the panels busy while the worker computes; the old picture stays until then. */
  busy(on) {
    this.ui.main.setAttribute('aria-busy', String(on));
    this.ui.status.textContent = on ? 'Computing on the large data…' : '';
    this.el.dispatchEvent(new CustomEvent(on ? 'busy' : 'idle'));
  }

  /** A notice until the next refresh. */
  notice(text) {
    // Not the result's notices any more: the next refresh writes those again.
    delete this.ui.notices.dataset.names;
    this.ui.notices.replaceChildren(h('li', {}, text));
  }

  /** A notice that stays while the data stays (what went wrong with data the page or link gave). */
  standing(text) {
    this.#standing = { version: this.model.dataVersion(), notes: [...this.#standingNow(), text] };
    this.refresh({ record: false });
  }

  #standingNow() {
    return this.#standing.version === this.model.dataVersion() ? this.#standing.notes : [];
  }

  /** Brings every control and text in line with the state and result, then draws. */
  refresh({ record = true } = {}) {
    if (this.crashed) return;
    const started = performance.now();
    // The canvases first, then the page: setting a canvas's font after DOM writes would make the
    // browser recompute the page's styles in the middle of the drawing.
    this.panels.draw({ announce: false });
    const { ui } = this;
    const state = this.lite();
    const summary = this.summary();
    this.controls.sync(state, summary);
    this.panels.sync(state, summary);
    this.points.sync();
    putAttribute(ui.presenterButton, 'aria-pressed', String(this.el.getAttribute('theme') === 'presenter'));
    putAttribute(ui.tableButton, 'aria-pressed', String(this.showTable));
    put(ui.tableButton, 'textContent', this.showTable ? 'Hide the table' : 'Show as table');
    put(ui.explanation, 'textContent', summary.explanation);
    clearTimeout(this.#speakTimer);
    this.#speakTimer = setTimeout(() => put(ui.spoken, 'textContent', summary.explanation), SPEAK_DELAY_MS);
    put(ui.dataTableBox, 'hidden', !this.showTable);
    if (this.showTable) this.#fillDataTable();
    put(ui.useMin, 'disabled', !summary.cv);
    put(ui.use1se, 'disabled', !summary.cv);
    put(ui.caption, 'textContent', summary.caption);
    put(ui.objective, 'textContent', summary.texts.objective);
    put(ui.summary, 'textContent', summary.texts.summary);
    const notes = [...this.#standingNow(), ...summary.notices];
    const key = JSON.stringify(notes);
    if (ui.notices.dataset.names !== key) {
      ui.notices.dataset.names = key;
      ui.notices.replaceChildren(...notes.map((text) => h('li', {}, text)));
    }
    this.#fillTable(summary);
    this.applyLocks();
    this.storage.schedule();
    if (record) this.history.schedule();
    this.history.updateButtons();
    this.#scheduleAhead();
    this.el.dispatchEvent(new CustomEvent('render', { detail: { ms: performance.now() - started } }));
  }

  /**
   * While the page is idle, has Rust work out what the next change is likely to need (the other
   * penalties, the degree one up and one down), one short step at a time. Rust decides what and
   * whether (nothing on large data).
   */
  #scheduleAhead() {
    cancelIdle(this.#aheadHandle);
    const step = (deadline) => this.guard(() => {
      this.#aheadHandle = 0;
      if (this.crashed || this.worker.busy) return;
      while (deadline.timeRemaining() > AHEAD_MIN_IDLE_MS) {
        if (!this.model.workAhead()) return;
      }
      this.#aheadHandle = whenIdle(step);
    });
    this.#aheadHandle = whenIdle(step);
  }

  /** The data, as an HTML table (the first rows of large data; cells as Rust writes them). */
  #fillDataTable() {
    const { names, rows, caption } = JSON.parse(this.model.tableJson(TABLE_ROWS));
    this.ui.dataTable.replaceChildren(h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...names.map((n) => h('th', { scope: 'col' }, n)))),
      h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((v) => h('td', {}, v))))));
  }

  /** The coefficient table, updated in place: rows are added or removed as the terms change. */
  #fillTable(summary) {
    const rows = summary.texts.coefficients;
    const table = this.ui.table;
    let body = table.tBodies[0];
    if (!body) {
      const head = h('tr', {}, h('th', { scope: 'col' }, 'term'),
        h('th', { scope: 'col' }, 'standardized w'), h('th', { scope: 'col', class: 'raw' }));
      body = h('tbody');
      table.replaceChildren(table.querySelector('caption'), h('thead', {}, head), body);
    }
    // "coefficient (z basis)" for a polynomial, "(raw units)" for columns: Rust's words.
    put(table.tHead.querySelector('.raw'), 'textContent', summary.texts.coefficientHeader);
    while (body.rows.length > rows.length) body.lastElementChild.remove();
    while (body.rows.length < rows.length) body.append(h('tr', {}, h('td'), h('td'), h('td')));
    [...body.rows].forEach((row, k) => {
      const { term, standardized, coefficient, zero } = rows[k];
      put(row.cells[0], 'textContent', term);
      for (const [cell, text] of [[row.cells[1], standardized], [row.cells[2], coefficient]]) {
        put(cell, 'textContent', text);
        put(cell, 'className', zero ? 'zero' : '');
      }
    });
  }

  /** Disables every control in a locked block (after each refresh), and enables again what a lock that is gone had disabled. */
  applyLocks() {
    const { app } = this.ui;
    if (this.lockedNames.size === 0 && !app.querySelector('[data-locked-off]')) return;
    for (const block of app.querySelectorAll('[data-control]')) {
      const locked = this.lockedNames.has(block.dataset.control);
      for (const input of block.querySelectorAll('input, select, textarea, button')) {
        if (locked) {
          if (!input.disabled) input.dataset.lockedOff = '';
          input.disabled = true;
        } else if ('lockedOff' in input.dataset) {
          delete input.dataset.lockedOff;
          input.disabled = false;
        }
      }
    }
  }

  /** Presenter mode on or off (the theme attribute, so it shows in links and survives refresh). */
  togglePresenter() {
    const el = this.el;
    if (el.getAttribute('theme') === 'presenter') {
      if (this.themeBeforePresenter) el.setAttribute('theme', this.themeBeforePresenter);
      else el.removeAttribute('theme');
    } else {
      this.themeBeforePresenter = el.getAttribute('theme');
      el.setAttribute('theme', 'presenter');
    }
  }

  toggleFullscreen() {
    if (document.fullscreenElement === this.el) {
      document.exitFullscreen?.().catch(() => {});
    } else {
      this.el.requestFullscreen?.().catch((error) => this.notice(`Fullscreen is not available here: ${error.message}`));
    }
  }

  /**
   * The wasm trapped (a Rust panic, which should never happen): that module instance is dead for
   * the rest of the page's life. Say so, visibly, with a way out, and call into it no more.
   */
  crash(error) {
    if (this.crashed) return;
    this.sweep.stop();
    this.crashed = true;
    for (const part of [this.history, this.storage]) part.stop();
    clearTimeout(this.#speakTimer);
    cancelIdle(this.#aheadHandle);
    this.panels.unobserve();
    console.error('regularization-explorer stopped:', error);
    const reload = h('button', { type: 'button' }, 'Reload the page');
    reload.addEventListener('click', () => location.reload());
    const box = h('div', { class: 'fatal crashed', role: 'alert' },
      h('p', {}, 'Something went wrong, and the explorer has stopped. Your state is saved: reload to go on.'),
      h('p', { class: 'hint' }, String(error?.message ?? error)), reload);
    this.el.shadowRoot.querySelector('.app')?.setAttribute('inert', '');
    this.el.shadowRoot.append(box);
    this.el.dispatchEvent(new CustomEvent('crash', { detail: { message: String(error?.message ?? error) } }));
  }

  /** Stops the idle work (the element left the page). */
  pause() {
    this.panels.unobserve();
    cancelIdle(this.#aheadHandle);
    this.#aheadHandle = 0;
  }
}
