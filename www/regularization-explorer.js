// <regularization-explorer>: a custom element with an open shadow root.
// It wires events to the Rust model (www/pkg, built by wasm-bindgen) and does no maths itself:
// every number it shows comes from Rust. Each instance owns its own Explorer; nothing is shared
// between instances but the loaded wasm module.
import init, { Explorer } from './pkg/regularization_explorer.js';
import { STYLES } from './styles.js';
import { BUILTIN_LESSONS } from './lessons.js';

/* global REGULARIZATION_EXPLORER_INLINE_WASM */
// The one-file build (scripts/dist.mjs) defines the wasm inline, as base64; other builds fetch it.
const INLINE_WASM = typeof REGULARIZATION_EXPLORER_INLINE_WASM === 'string' ? REGULARIZATION_EXPLORER_INLINE_WASM : null;

let wasmLoading = null;
function loadWasm() {
  const source = INLINE_WASM === null
    ? new URL('./pkg/regularization_explorer_bg.wasm', import.meta.url)
    : Uint8Array.from(atob(INLINE_WASM), (c) => c.charCodeAt(0));
  wasmLoading ??= init({ module_or_path: source });
  return wasmLoading;
}

const PENALTIES = [
  ['ols', 'OLS'],
  ['ridge', 'Ridge'],
  ['lasso', 'Lasso'],
  ['elasticnet', 'Elastic net'],
];
const SLIDER_STEPS = 1000;
const STORAGE_VERSION = 1;
const HISTORY_LIMIT = 500;
const POINT_ROWS = 200;
const COMMIT_DELAY_MS = 400;
const SAVE_DELAY_MS = 400;
// Pasted text longer than this is not kept across a reload (storage holds about 5 M characters).
const MAX_STORED_TEXT = 2_000_000;
// Longer pastes are kept whole in memory and shown in part: a text box that lays out megabytes
// of text freezes the page for seconds.
const SHOWN_TEXT = 100_000;
const SHOWN_LINES = 500;
const PANELS = [
  ['fit', 'The data and the fitted curve'],
  ['paths', 'Coefficient paths against λ'],
  ['geometry', 'Loss contours and the constraint region on two coefficients'],
  ['errors', 'Train, test and cross-validated error against λ'],
  ['bias', 'Bias squared, variance and expected test error of 20 fits to fresh samples, against λ'],
];
/** The four panels that are always there (the fifth, bias, only with resampled fits). */
const MAIN_PANELS = PANELS.slice(0, 4);
/** The keys, for the ? overlay: [keys, what they do]. */
const KEYS = [
  ['−  or  _', 'λ smaller'],
  ['+  or  =', 'λ larger'],
  ['d  /  Shift+D', 'degree down / up'],
  ['1  2  3  4', 'penalty: OLS, ridge, lasso, elastic net'],
  ['p', 'play or pause the λ sweep'],
  ['n', 'a new sample (synthetic data)'],
  ['f', 'fullscreen on or off'],
  ['u  /  Shift+U  (or Ctrl+Z / Ctrl+Shift+Z)', 'undo / redo'],
  ['>  /  <', 'next / previous lesson step'],
  ['r', 'reveal the lesson step\'s answer'],
  ['[  /  ]', 'with the fit panel focused: pick the previous / next point'],
  ['arrow keys, Delete', 'with the fit panel focused: move the picked point, remove it'],
  ['?', 'this list'],
];
/** One way of λ in the sweep, and the pause at a lasso knot. */
const SWEEP_MS = 5000;
const KNOT_PAUSE_MS = 600;
/** With reduced motion, the sweep steps: this many steps each way, this far apart. */
const SWEEP_STEPS = 12;
const SWEEP_STEP_MS = 700;
/** The spoken summary waits for this pause in the changes, so a drag is not read out. */
const SPEAK_DELAY_MS = 1000;
const TABLE_ROWS = 500;
/** The controls an author or a lesson link can hide (`controls`) or lock (`locked`). */
const CONTROLS = [
  ['data', 'data set'], ['paste', 'paste or load data'], ['points', 'edit the points'],
  ['sample', 'sample size and noise'], ['columns', 'columns'], ['penalty', 'penalty'], ['lambda', 'λ'],
  ['alpha', 'α'], ['degree', 'degree'], ['cv', 'λ_min and λ_1se'], ['history', 'undo and redo'],
  ['fit-options', 'fit panel options'], ['path-axis', 'path x-axis'], ['lens', 'geometry lens'],
  ['region', 'geometry region'], ['pair', 'geometry pair'], ['share', 'share and embed'], ['export', 'export'],
];
const CONTROL_NAMES = new Set(CONTROLS.map(([name]) => name));
const THEMES = ['light', 'dark', 'presenter'];
/** Where links and iframes point: the app's own pages, beside the element's folder. */
const APP_PAGE = new URL('../index.html', import.meta.url);
const EMBED_PAGE = new URL('../embed.html', import.meta.url);

/** Creates an element with attributes and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) el.append(child);
  return el;
}

/** Formats a number for display (the numbers themselves come from Rust). */
function show(value, digits = 4) {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-3 && magnitude < 1e5 ? value.toPrecision(digits) : value.toExponential(digits - 1);
}

/** Links stay under this many characters, data included. */
const MAX_LINK = 2000;
/** The most text a link's data may unpack to (a guard against a deflate bomb). */
const MAX_LINK_TEXT = 10_000_000;

/** Text, deflated (CompressionStream, built into browsers) and base64url-encoded for a link. */
async function packText(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text packed by packText; throws on anything else, or past MAX_LINK_TEXT bytes. */
async function unpackText(packed) {
  const binary = atob(packed.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_LINK_TEXT) {
      await reader.cancel();
      throw new Error('it unpacks to more than 10 MB');
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(chunks).arrayBuffer());
}

/**
 * The Explorer behind a guard: a call that traps (WebAssembly.RuntimeError, which is what a Rust
 * panic becomes) reports the crash once, then rethrows. Errors returned as values pass untouched.
 */
function guarded(explorer, onCrash) {
  return new Proxy(explorer, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args) => {
        try {
          return value.apply(target, args);
        } catch (error) {
          if (error instanceof WebAssembly.RuntimeError) onCrash(error);
          throw error;
        }
      };
    },
  });
}

/** Escapes text for an HTML attribute or element, for the embed code. */
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A step of work ahead starts only with this much idle time left (ms). */
const AHEAD_MIN_IDLE_MS = 12;

/** requestIdleCallback, or a timer where the browser has none (Safari). */
function whenIdle(callback) {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback);
  return -setTimeout(() => {
    const end = performance.now() + 30;
    callback({ timeRemaining: () => Math.max(0, end - performance.now()), didTimeout: false });
  }, 100);
}

/** Cancels what whenIdle scheduled (a negative handle is a timer). */
function cancelIdle(handle) {
  if (handle > 0 && typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else if (handle < 0) clearTimeout(-handle);
}

/** Sets a property only when it changes: every DOM write makes the browser lay the page out again. */
function put(element, key, value) {
  if (element[key] !== value) element[key] = value;
}

/** Sets an attribute only when it changes. */
function putAttribute(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

let instanceCount = 0;

/** The element's styles as one constructable sheet, shared by every instance (null where unsupported). */
const SHEET = (() => {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    return sheet;
  } catch {
    return null;
  }
})();

/** Whether Rust says this text is better read in a worker; a long one is not even copied there. */
function wantsWorkerForText(text) {
  // UTF-8 takes at least one byte per UTF-16 unit, so a long string is long in bytes too.
  return text.length > Explorer.workerTextBytes() || Explorer.wantsWorkerForText(text);
}

/** Attributes that set up the state, and the state field each one sets. */
const ATTRIBUTES = {
  preset: 'preset', mode: 'mode', x: 'x', y: 'y', features: 'features', degree: 'degree',
  penalty: 'penalty', lambda: 'lambda', alpha: 'alpha', folds: 'folds', 'test-fraction': 'testFraction',
  seed: 'seed', n: 'n', noise: 'noise', 'path-axis': 'pathAxis', pair: 'pair', lens: 'lens',
  region: 'region', q: 'q', 'show-test': 'showTest', 'show-truth': 'showTruth', 'show-ols': 'showOls',
  'show-resamples': 'showResamples',
};

/**
 * An attribute's value for its state field: a list of names (features, pair) is comma-separated,
 * or a JSON array when a name holds a comma.
 */
function attributeValue(name, value) {
  if (!['features', 'pair'].includes(name)) return value;
  if (value.trim().startsWith('[')) {
    const names = JSON.parse(value);
    if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw new Error(`${name} must be a list of names`);
    return names;
  }
  return value.split(',').map((s) => s.trim());
}

/** Inline data must not end its <script> early or start a comment in it (HTML's script data rules). */
const UNSAFE_IN_SCRIPT = /<\/script|<!--|<script/i;

/**
 * The inline data of a <script type="text/csv">: as written (trimmed, for hand-written data), or
 * exactly, from base64 of UTF-8 (`data-encoding="base64"`, what the embed code writes when the
 * text would not survive as script text). `data-delimiter`, `data-decimal` and `data-header`
 * fix the reading, as the paste box's choices do.
 */
function readInline(script) {
  const raw = script.textContent;
  let text;
  if (script.dataset.encoding === 'base64') {
    const bytes = Uint8Array.from(atob(raw.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } else {
    text = raw.trim();
  }
  const options = {};
  for (const key of ['delimiter', 'decimal', 'header']) {
    if (script.dataset[key]) options[key] = script.dataset[key];
  }
  return { text, options };
}

/** The <script type="text/csv"> that carries `text` exactly; readInline reads it back. */
function writeInline(text, options) {
  const marks = ['delimiter', 'decimal', 'header']
    .filter((key) => options?.[key] && options[key] !== 'auto')
    .map((key) => ` data-${key}="${escapeHtml(options[key])}"`).join('');
  // Trimming must not change it (a leading tab is an empty first header cell), and it must not
  // end the script early.
  const plain = !UNSAFE_IN_SCRIPT.test(text) && text.trim() === text.replace(/\r?\n$/, '') && !text.includes('\r');
  if (plain) return `<script type="text/csv"${marks}>\n${text.replace(/\r?\n$/, '')}\n  </script>`;
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const lines = btoa(binary).match(/.{1,76}/g) ?? [];
  return `<script type="text/csv" data-encoding="base64"${marks}>\n${lines.join('\n')}\n  </script>`;
}

/**
 * A file's text, and a note when it was not UTF-8: a byte-order mark says UTF-16; text that is
 * not valid UTF-8 is read as Windows-1252 (Latin-1 and its superset, what older spreadsheets
 * on Windows save), and the note says so, so that a name like "temp\u00e9rature" is not silently mangled.
 */
function decodeFile(name, buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), note: null };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), note: null };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), note: null };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      note: `${name} is not UTF-8, so it was read as Latin-1 (Windows-1252); if names or text look wrong, save the file as UTF-8 and open it again`,
    };
  }
}

/** Whether a storage write failed because the store is full (the name differs by browser). */
function isQuotaError(error) {
  return error instanceof DOMException
    && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22);
}

/** Checks a lesson's shape; returns it, or throws with what is wrong. */
function checkLesson(lesson) {
  const fail = (why) => {
    throw new Error(`the lesson ${why}`);
  };
  if (lesson === null || typeof lesson !== 'object' || Array.isArray(lesson)) fail('must be an object {title, steps}');
  if (typeof lesson.title !== 'string' || lesson.title.length === 0 || lesson.title.length > 200) fail('needs a title of 1 to 200 characters');
  if (!Array.isArray(lesson.steps) || lesson.steps.length === 0 || lesson.steps.length > 100) fail('needs 1 to 100 steps');
  lesson.steps.forEach((step, k) => {
    const where = `step ${k + 1}`;
    if (step === null || typeof step !== 'object') fail(`${where} must be an object {caption, state, question}`);
    if (typeof step.caption !== 'string' || step.caption.length > 2000) fail(`${where} needs a caption of at most 2000 characters`);
    if (step.state !== undefined && (step.state === null || typeof step.state !== 'object' || Array.isArray(step.state))) fail(`${where}: state must be an object`);
    const q = step.question;
    if (q !== undefined && (q === null || typeof q.prompt !== 'string' || typeof q.answer !== 'string')) fail(`${where}: question must be {prompt, answer}`);
  });
  return lesson;
}

export class RegularizationExplorer extends HTMLElement {
  #model = null;
  #ui = null;
  #started = false;
  #resolveReady;
  #rejectReady;
  #ready;
  #resizeObserver = null;
  /** Each canvas's size in CSS pixels, as the ResizeObserver last reported it. */
  #canvasSizes = new WeakMap();
  #saveTimer = 0;
  #history = [];
  #future = [];
  #committed = null;
  #commitTimer = 0;
  #uid = `rx${++instanceCount}`;
  // Large data: heavy work goes to this instance's worker, one job at a time.
  #worker = undefined;
  #jobs = [];
  #inFlight = null;
  #jobCount = 0;
  #workerText = null;
  #text = { version: -1, value: null };
  // Which data version's text is in storage, under which id.
  #savedData = { version: -1, id: null };
  #aheadHandle = 0;
  // A paste too long to show whole: the text box shows its start.
  #bigText = null;
  #locked = new Set();
  #linkNote = '';
  #sweep = null;
  #lesson = null;
  #speakTimer = 0;
  #showTable = false;
  #themeBeforePresenter = null;
  #isCrashed = false;
  /** Notices about supplied data that stay while that data does (see #standing). */
  #standingNotes = { version: -1, notes: [] };

  static get observedAttributes() {
    return [...Object.keys(ATTRIBUTES), 'controls', 'locked', 'height', 'theme', 'lesson'];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    // A failed load is shown in the element; don't also report it as unhandled.
    this.#ready.catch(() => {});
  }

  /** Resolves once the wasm is loaded and the first render is done. */
  get ready() {
    return this.#ready;
  }

  /** A plain-object snapshot of the state. */
  get state() {
    return this.#model ? JSON.parse(this.#model.stateJson()) : null;
  }

  /** Merges, validates (clamps), refits and redraws. Throws, changing nothing, on a bad patch. */
  setState(patch) {
    this.#requireModel();
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
      throw new TypeError('setState takes an object, e.g. {penalty: "lasso", lambda: 0.01}');
    }
    this.#applyHere(patch);
    // A change through the API is one step of its own (a drag in the UI is one step when it pauses).
    this.#refresh({ record: false });
    this.#commitNow();
    return this.state;
  }

  /** The state without pasted data: cheap to take however large the data. */
  #lite() {
    return JSON.parse(this.#model.stateJson(false));
  }

  /** The pasted text in use (null on a preset), fetched from Rust once per data change. */
  #dataText() {
    const version = this.#model.dataVersion();
    if (version !== this.#text.version) this.#text = { version, value: this.state.data ?? null };
    return this.#text.value;
  }

  /** A snapshot for the history: the state as JSON, and the pasted text shared by reference. */
  #snapshot() {
    return { state: JSON.stringify(this.#lite()), data: this.#dataText() };
  }

  /** A read-only snapshot of the current model. */
  get result() {
    return this.#model ? deepFreeze(JSON.parse(this.#model.resultJson())) : null;
  }

  /**
   * Parses pasted text; returns {ok, rows, columns, warnings, errors, detected}. `options` may fix
   * {delimiter, decimal, header} (each 'auto' by default). On failure the old data stays.
   */
  loadData(text, options = {}) {
    this.#requireModel();
    const report = JSON.parse(this.#model.loadData(String(text ?? ''), JSON.stringify(options ?? {})));
    if (report.ok) {
      this.#changedHere({ data: true });
      this.#refresh();
    }
    return report;
  }

  /** Applies a patch here and now (throws, changing nothing, on a bad one); newer than any pending work. */
  #applyHere(patch) {
    const json = this.#json(patch);
    this.#model.setState(json);
    this.#changedHere({ keys: Object.keys(patch), data: Explorer.replacesData(json) });
  }

  connectedCallback() {
    if (this.#started) {
      this.#observeSize();
      return;
    }
    this.#started = true;
    try {
      this.#build();
    } catch (error) {
      this.#showFatal(error);
      this.#rejectReady(error);
      return;
    }
    loadWasm()
      .then(() => {
        this.#model = guarded(new Explorer(), (error) => this.#crashed(error));
        this.#fillPresets();
        this.#applyLook();
        window.matchMedia?.('(forced-colors: active)').addEventListener?.('change', () => {
          this.#applyColors();
          this.#draw();
        });
        this.#applySetup();
        this.#restore();
        // A page that owns the URL (the full-page app) opens on the link's state, which beats what
        // was saved on an earlier visit: the link's keys are applied on top (a restore still under
        // way in the worker no longer sets them), and a link that names its data supersedes the
        // saved data. A reload's own URL (written by #scheduleSave) gives back the same state.
        if (this.hasAttribute('url-state') && new URLSearchParams(location.search).has('v')) {
          const patch = Explorer.queryPatchJson(location.search);
          this.#model.applyQuery(location.search);
          this.#changedHere({ keys: Object.keys(JSON.parse(patch)), data: Explorer.replacesData(patch) });
          this.#applyLinkLook(new URLSearchParams(location.search));
          this.#applyLinkData(new URLSearchParams(location.search));
        }
        this.#refresh({ record: false });
        this.#committed = this.#snapshot();
        this.#observeSize();
        this.#startSuppliedLesson();
        this.#resolveReady();
      })
      .catch((error) => {
        this.#showFatal(error);
        this.#rejectReady(error);
      });
  }

  /** This instance's storage key: versioned, per page and per instance. */
  /** Where the pasted text of this instance's saved state is kept. */
  #dataKey() {
    return `${this.#storageKey()}:data`;
  }

  #storageKey() {
    const index = [...document.querySelectorAll('regularization-explorer')].indexOf(this);
    return `regularization-explorer:v${STORAGE_VERSION}:${location.pathname}:${this.id || index}`;
  }

  /** Undoes the last change (a whole drag or paste is one). Returns whether there was one. */
  undo() {
    return this.#travel(this.#history, this.#future);
  }

  /** Redoes the last undone change. Returns whether there was one. */
  redo() {
    return this.#travel(this.#future, this.#history);
  }

  #travel(from, to) {
    this.#commitNow();
    if (!this.#model || from.length === 0) return false;
    const target = from.pop();
    to.push(this.#committed);
    this.#committed = target;
    const patch = Object.fromEntries(Object.entries(JSON.parse(target.state)).filter(([, value]) => value !== null));
    if (target.data !== null && target.data !== this.#dataText()) patch.data = target.data;
    this.#request(patch, { record: false });
    return true;
  }

  /** Records the state as one step, a moment after the last change, so a drag is one step. */
  #scheduleCommit() {
    clearTimeout(this.#commitTimer);
    this.#commitTimer = setTimeout(() => this.#commitNow(), COMMIT_DELAY_MS);
  }

  #commitNow() {
    clearTimeout(this.#commitTimer);
    if (!this.#model) return;
    const current = this.#snapshot();
    if (this.#committed === null) {
      this.#committed = current;
    } else if (current.state !== this.#committed.state || current.data !== this.#committed.data) {
      this.#history.push(this.#committed);
      if (this.#history.length > HISTORY_LIMIT) this.#history.shift();
      this.#future = [];
      this.#committed = current;
    }
    this.#updateHistoryButtons();
  }

  #updateHistoryButtons() {
    if (!this.#ui) return;
    const current = this.#snapshot();
    this.#ui.undo.disabled = this.#history.length === 0
      && current.state === this.#committed?.state && current.data === this.#committed?.data;
    this.#ui.redo.disabled = this.#future.length === 0;
  }

  /** Brings back the state saved on an earlier visit. Storage may be missing or refuse: then nothing. */
  #restore() {
    let saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(this.#storageKey()) ?? 'null');
    } catch {
      return;
    }
    if (saved?.version !== STORAGE_VERSION || typeof saved.state !== 'object' || saved.state === null) return;
    const { dataId, ...rest } = saved.state;
    const patch = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null));
    if (typeof dataId === 'string') {
      // The pasted text, kept under its own key; only the very text this state was saved with.
      try {
        const stored = JSON.parse(window.localStorage.getItem(this.#dataKey()) ?? 'null');
        if (stored?.id === dataId && typeof stored.text === 'string') {
          patch.data = stored.text;
        }
      } catch {
        // Unreadable: the saved choices apply to the preset instead.
      }
    }
    if (typeof patch.data === 'string' && wantsWorkerForText(patch.data) && this.#ensureWorker()) {
      // Large data is read in the worker with the saved choices, as one job: a change made
      // meanwhile (an attribute, an API call, new data) is newer, and wins (#changedHere).
      const { data, dataOptions, ...choices } = patch;
      this.#enqueue(this.#job({ kind: 'load', text: data, options: dataOptions ?? {}, then: choices, record: false, origin: 'restore' }));
      return;
    }
    try {
      this.#model.setState(JSON.stringify(patch));
    } catch {
      // A state from an older build that no longer fits starts afresh.
    }
  }

  /** Saves the state a moment after the last change (a slider drag is one write). */
  #scheduleSave() {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      if (this.hasAttribute('url-state')) {
        // replaceState: moving a slider must not flood the back button.
        try {
          history.replaceState(history.state, '', `${location.pathname}?${this.#model.stateQuery()}${location.hash}`);
        } catch {
          // A sandboxed frame may refuse; the link then simply stays as it was.
        }
      }
      // The pasted text goes under its own key, written only when the data changes: a slider
      // move on 100 000 pasted rows must not write 2 MB each time.
      const text = this.#dataText();
      const version = this.#model.dataVersion();
      let dataId = null;
      if (text !== null && text.length <= MAX_STORED_TEXT) {
        if (this.#savedData.version !== version) {
          const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
          try {
            window.localStorage.setItem(this.#dataKey(), JSON.stringify({ version: STORAGE_VERSION, id, text }));
            this.#savedData = { version, id };
          } catch (error) {
            // Full, private or sandboxed: the state is saved without the data. A full store is
            // said, or the data would be gone after a reload without a word.
            this.#savedData = { version, id: null };
            if (isQuotaError(error)) {
              this.#standing('This browser\'s storage is full, so your data is not kept: after a reload it will be gone. Download it as CSV (under “Paste or load your own data”) to keep it.');
            }
          }
        }
        dataId = this.#savedData.id;
      } else if (this.#savedData.version !== version) {
        // A preset, or text too long to keep: no stale text stays behind.
        try {
          window.localStorage.removeItem(this.#dataKey());
        } catch {
          // Nothing to clean where storage is refused.
        }
        this.#savedData = { version, id: null };
      }
      try {
        window.localStorage.setItem(this.#storageKey(),
          JSON.stringify({ version: STORAGE_VERSION, state: { ...this.#lite(), data: null, dataId } }));
      } catch {
        // Full, private or sandboxed: give up quietly.
      }
    }, SAVE_DELAY_MS);
  }

  /** Attribute changes after load are applied live. */
  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (['controls', 'locked', 'height', 'theme'].includes(name)) {
      this.#applyLook();
      return;
    }
    if (name === 'lesson') {
      if (this.#model && newValue !== null) this.#startSuppliedLesson();
      return;
    }
    if (!this.#model || newValue === null) return;
    // Like any change: in order behind work under way, and in the worker when it is heavy.
    const label = `Attribute ignored: ${name}="${newValue}"`;
    let value;
    try {
      value = attributeValue(name, newValue);
    } catch (error) {
      this.#notice(`${label}: ${error.message}`);
      return;
    }
    this.#request({ [ATTRIBUTES[name]]: value }, { label });
  }

  /** The author's look: which controls show and which are locked, the panel height and theme. */
  #applyLook() {
    const ui = this.#ui;
    if (!ui) return;
    const names = (attribute) => {
      const value = this.getAttribute(attribute);
      if (value === null) return null;
      return new Set(value.split(',').map((s) => s.trim()).filter((s) => CONTROL_NAMES.has(s)));
    };
    const shown = names('controls');
    const locked = names('locked') ?? new Set();
    for (const block of ui.controls.querySelectorAll('[data-control]')) {
      block.toggleAttribute('data-off', shown !== null && !shown.has(block.dataset.control));
      block.toggleAttribute('data-locked', locked.has(block.dataset.control));
    }
    ui.app.classList.toggle('no-controls', shown !== null && shown.size === 0);
    this.#locked = locked;
    this.#applyLocks();
    const height = Number.parseFloat(this.getAttribute('height') ?? '');
    if (Number.isFinite(height) && height >= 120 && height <= 4000) {
      this.style.setProperty('--rx-plot-height', `${height}px`);
    } else {
      this.style.removeProperty('--rx-plot-height');
    }
    const theme = THEMES.includes(this.getAttribute('theme')) ? this.getAttribute('theme') : 'light';
    ui.app.dataset.theme = theme;
    this.#applyColors();
    if (this.#model) this.#refresh({ record: false });
  }

  /** A lesson link's look: controls shown and locked, and the theme (unknown names are dropped). */
  #applyLinkLook(query) {
    const known = (value) => value.split(',').map((s) => s.trim()).filter((s) => CONTROL_NAMES.has(s)).join(',');
    if (query.has('controls')) this.setAttribute('controls', known(query.get('controls')));
    if (query.has('locked')) this.setAttribute('locked', known(query.get('locked')));
    if (THEMES.includes(query.get('theme'))) this.setAttribute('theme', query.get('theme'));
  }

  /** A link's pasted data: unpacked, loaded, and the link's choices applied to it again. */
  async #applyLinkData(query) {
    const packed = query.get('data');
    if (!packed) return;
    const [delimiter, decimal, header] = (query.get('dopt') ?? '').split(',');
    const pick = (value, allowed) => (allowed.includes(value) ? value : 'auto');
    const dataOptions = {
      delimiter: pick(delimiter, ['tab', 'semicolon', 'comma', 'spaces']),
      decimal: pick(decimal, ['point', 'comma']),
      header: pick(header, ['yes', 'no']),
    };
    // New data from anywhere while the link's data unpacks is newer: it wins.
    const version = this.#model.dataVersion();
    try {
      const text = await unpackText(packed);
      if (this.#model.dataVersion() !== version || this.#isCrashed) return;
      if (wantsWorkerForText(text) && this.#ensureWorker()) {
        // Large data is read in the worker, with the link's choices, as one job.
        const then = JSON.parse(Explorer.queryPatchJson(location.search));
        this.#enqueue(this.#job({ kind: 'load', text, options: dataOptions, then, record: false, origin: 'link' }));
        return;
      }
      this.#model.setState(JSON.stringify({ data: text, dataOptions }));
      this.#changedHere({ data: true });
      this.#model.applyQuery(location.search);
      this.#refresh({ record: false });
      this.#committed = this.#snapshot();
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) return;
      this.#standing(`The link's data could not be read (${error.message}); the default data is shown.`);
    }
  }

  /** The panels' colours: the theme's, or the system's in forced-colors mode. */
  #applyColors() {
    if (!this.#model) return;
    const forced = window.matchMedia?.('(forced-colors: active)').matches;
    if (forced) {
      // Set through the CSSOM: a style attribute is blocked by a policy without 'unsafe-inline'.
      const probe = h('span');
      Object.assign(probe.style, { color: 'CanvasText', backgroundColor: 'Canvas', border: '1px solid Highlight', position: 'absolute' });
      this.shadowRoot.append(probe);
      const computed = getComputedStyle(probe);
      const rgb = (text) => (text.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
      this.#model.setForcedColors(rgb(computed.backgroundColor), rgb(computed.color), rgb(computed.borderTopColor));
      probe.remove();
    } else {
      this.#model.setTheme(this.#ui.app.dataset.theme ?? 'light');
    }
  }

  /** Disables every control in a locked block (after each refresh, which enables some), and
   * enables again what a lock that is gone had disabled. */
  #applyLocks() {
    // Nothing is locked, nor was: nothing to walk through.
    if (this.#locked.size === 0 && !this.#ui.controls.querySelector('[data-locked-off]')) return;
    for (const block of this.#ui.controls.querySelectorAll('[data-control]')) {
      const locked = this.#locked.has(block.dataset.control);
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

  /** Whether the author locked this control. */
  #isLocked(name) {
    return this.#locked.has(name);
  }

  /** The author's set-up: inline data in a child <script type="text/csv">, then the attributes. */
  #applySetup() {
    const inline = this.querySelector('script[type="text/csv"]');
    if (inline) {
      let report;
      try {
        const { text, options } = readInline(inline);
        report = JSON.parse(this.#model.loadData(text, JSON.stringify(options)));
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) throw error;
        report = { ok: false, errors: [{ line: 0, column: 0, message: error.message }] };
      }
      if (!report.ok) {
        // It stays on screen until other data is loaded: a refresh does not clear it.
        this.#standing(`The inline data could not be read, so the default data is shown: ${report.errors
          .slice(0, 5).map((e) => (e.line ? `line ${e.line}: ${e.message}` : e.message)).join('; ')}`);
        this.#showLoad(report);
      }
    }
    const present = Object.fromEntries(Object.keys(ATTRIBUTES)
      .filter((name) => this.hasAttribute(name)).map((name) => [name, this.getAttribute(name)]));
    this.#applyAttributes(present);
  }

  /**
   * A notice that stays while the data stays (a refresh does not clear it, new data does): what
   * went wrong with data the page or link supplied.
   */
  #standing(text) {
    this.#standingNotes = { version: this.#model.dataVersion(), notes: [...this.#currentStanding(), text] };
    this.#refresh({ record: false });
  }

  /** The standing notices that still apply. */
  #currentStanding() {
    return this.#standingNotes.version === this.#model?.dataVersion() ? this.#standingNotes.notes : [];
  }

  /** Applies attributes all at once if they fit, else one by one, naming the ones that do not. */
  #applyAttributes(attributes) {
    const patch = (entries) => Object.fromEntries(entries.map(([name, value]) => [ATTRIBUTES[name], attributeValue(name, value)]));
    const entries = Object.entries(attributes);
    if (entries.length === 0) return;
    try {
      this.#model.setState(JSON.stringify(patch(entries)));
      return;
    } catch {
      // Some attribute does not fit: apply the others and say which.
    }
    const refused = [];
    for (const entry of entries) {
      try {
        this.#model.setState(JSON.stringify(patch([entry])));
      } catch (error) {
        refused.push(`${entry[0]}="${entry[1]}": ${error.message}`);
      }
    }
    if (refused.length > 0) queueMicrotask(() => this.#notice(`Attributes ignored: ${refused.join('; ')}`));
  }

  disconnectedCallback() {
    this.#resizeObserver?.disconnect();
    cancelIdle(this.#aheadHandle);
    this.#aheadHandle = 0;
  }

  #requireModel() {
    if (!this.#model) throw new Error('regularization-explorer is not ready yet: await el.ready first');
  }

  #build() {
    const id = (name) => `${this.#uid}-${name}`;
    // A constructable stylesheet: a page whose policy forbids inline styles (default-src 'self')
    // blocks a <style> element in the shadow root, but not this.
    let style = null;
    if (SHEET !== null) this.shadowRoot.adoptedStyleSheets = [SHEET];
    else style = h('style', {}, STYLES);
    const field = (label, forId, control, output) =>
      h('div', { class: 'field' }, h('div', { class: 'row' }, h('label', { for: forId }, label), output ?? ''), control);
    const withLabel = (label, element) => {
      element.setAttribute('aria-label', label);
      return element;
    };
    const select = (name, options) =>
      h('select', { id: id(name) }, ...options.map(([value, label]) => h('option', { value }, label)));
    const check = (name, label) => {
      const input = h('input', { type: 'checkbox', id: id(name) });
      return { input, label: h('label', { class: 'check', for: id(name) }, input, label) };
    };

    const preset = h('select', { id: id('preset') });
    const penaltyRadios = PENALTIES.map(([value, label]) =>
      h('label', {}, h('input', { type: 'radio', name: id('penalty'), value }), label));
    const lambda = h('input', { type: 'range', id: id('lambda'), min: 0, max: SLIDER_STEPS, step: 1 });
    const lambdaOut = h('output', { for: id('lambda') });
    const alpha = h('input', { type: 'range', id: id('alpha'), min: 0.01, max: 0.99, step: 0.01 });
    const alphaOut = h('output', { for: id('alpha') });
    const degree = h('input', { type: 'range', id: id('degree'), min: 1, max: 20, step: 1 });
    const degreeOut = h('output', { for: id('degree') });
    const pathAxis = select('path-axis', [['lambda', 'log λ'], ['s', 'shrinkage s'], ['df', 'df']]);
    const lens = select('lens', [['constrained', 'constrained'], ['penalized', 'penalized'], ['bayesian', 'Bayesian (MAP)']]);
    const region = select('region', [['penalty', 'the penalty’s region'], ['lq', 'an Lq ball']]);
    const q = h('input', { type: 'range', id: id('q'), min: 0.1, max: 4, step: 0.05 });
    const qOut = h('output', { for: id('q') });
    const pairA = h('select', { id: id('pair-a'), 'aria-label': 'First coefficient' });
    const pairB = h('select', { id: id('pair-b'), 'aria-label': 'Second coefficient' });
    const showTest = check('show-test', 'test points');
    const showTruth = check('show-truth', 'true function');
    const showOls = check('show-ols', 'OLS curve');
    const showResamples = check('show-resamples', '20 fits to fresh samples (bias and variance)');
    const undo = h('button', { type: 'button', 'aria-keyshortcuts': 'Control+Z' }, 'Undo');
    const redo = h('button', { type: 'button', 'aria-keyshortcuts': 'Control+Shift+Z' }, 'Redo');
    const useMin = h('button', { type: 'button' }, 'use λ_min');
    const use1se = h('button', { type: 'button' }, 'use λ_1se');
    const canvases = Object.fromEntries(PANELS.map(([name, label]) =>
      [name, h('canvas', { role: 'img', 'aria-label': label, 'data-panel': name })]));
    canvases.fit.tabIndex = 0;
    canvases.fit.setAttribute('aria-keyshortcuts', '[ ] ArrowLeft ArrowRight ArrowUp ArrowDown Delete');
    const pointStatus = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    const caption = h('p', { class: 'caption' });
    const objective = h('div', { class: 'objective panel', role: 'group', 'aria-label': 'Objective' });
    const summary = h('div', { class: 'summary' });
    const table = h('table', {}, h('caption', { hidden: true }, 'Coefficients'));
    const notices = h('ul', { class: 'notices', role: 'status' });

    const paste = h('textarea', { id: id('paste'), rows: 6, spellcheck: 'false',
      placeholder: 'Paste two or more columns, e.g. from a spreadsheet:\nx\ty\n0.1\t1.2\n0.4\t0.7' });
    const loadButton = h('button', { type: 'button' }, 'Load pasted data');
    const clearText = h('button', { type: 'button', hidden: true }, 'Clear the text');
    const download = h('button', { type: 'button' }, 'Download data as CSV');
    const file = h('input', { type: 'file', id: id('file'), accept: '.csv,.tsv,.txt,text/csv,text/plain' });
    const delimiter = withLabel('Delimiter', select('delimiter', [['auto', 'delimiter: detect'], ['tab', 'tab'], ['semicolon', 'semicolon'], ['comma', 'comma'], ['spaces', 'spaces']]));
    const decimal = withLabel('Decimal mark', select('decimal', [['auto', 'decimal mark: detect'], ['point', 'point 1.5'], ['comma', 'comma 1,5']]));
    const header = withLabel('Header row', select('header', [['auto', 'header: detect'], ['yes', 'first row is a header'], ['no', 'no header']]));
    const detected = h('p', { class: 'detected', 'aria-live': 'polite' });
    const loadErrors = h('ul', { class: 'load-errors', role: 'alert' });
    const dataBox = h('details', { class: 'data-box' },
      h('summary', {}, 'Paste or load your own data'),
      h('label', { for: id('paste') }, 'Data (from a spreadsheet, a CSV file or a textbook)'), paste,
      h('div', { class: 'buttons' }, loadButton, clearText, download),
      h('label', { class: 'file', for: id('file') }, 'Open a file…', file),
      h('div', { class: 'overrides' }, delimiter, decimal, header),
      detected, loadErrors);
    const sampleN = h('input', { type: 'range', id: id('n'), min: 5, max: 200, step: 1 });
    const sampleNOut = h('output', { for: id('n') });
    const noise = h('input', { type: 'range', id: id('noise'), min: 0, max: 1, step: 0.01 });
    const noiseOut = h('output', { for: id('noise') });
    const newSample = h('button', { type: 'button' }, 'New sample');
    const sampleBox = h('fieldset', { class: 'sample-box' }, h('legend', {}, 'Sample'),
      field('Points n', id('n'), sampleN, sampleNOut),
      field('Noise σ', id('noise'), noise, noiseOut),
      h('div', { class: 'buttons' }, newSample));
    const pointsList = h('tbody');
    const addPoint = h('button', { type: 'button' }, 'Add a point');
    const pointsBox = h('details', { class: 'points-box' },
      h('summary', {}, 'Edit the points'),
      h('p', { class: 'hint' }, 'Or on the plot: click to add, drag to move, Delete to remove the ringed point. '
        + 'With the plot focused, [ and ] pick a point, the arrow keys move it (Shift: further).'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'x'),
        h('th', { scope: 'col' }, 'y'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'remove')))),
      pointsList),
      h('div', { class: 'buttons' }, addPoint));
    const mode = select('mode', [['polynomial', 'polynomial in one x'], ['columns', 'several columns']]);
    const xColumn = h('select', { id: id('x') });
    const yColumn = h('select', { id: id('y') });
    const featureBox = h('div', { class: 'checks features', role: 'group', 'aria-label': 'Feature columns' });
    const columnsBox = h('fieldset', { class: 'columns-box' }, h('legend', {}, 'Columns'),
      field('Model', id('mode'), mode),
      h('div', { class: 'pair' },
        h('div', { class: 'field x-field' }, h('label', { for: id('x') }, 'x'), xColumn),
        h('div', { class: 'field' }, h('label', { for: id('y') }, 'y (response)'), yColumn)),
      featureBox);
    const alphaField = field('α (L1 share)', id('alpha'), alpha, alphaOut);
    const qField = field('q of the Lq ball', id('q'), q, qOut);
    // Sharing: the link and the embed code, with the controls a lesson link shows and locks.
    const copyLink = h('button', { type: 'button' }, 'Copy link');
    const copyEmbed = h('button', { type: 'button' }, 'Copy embed code');
    const shareRows = CONTROLS.map(([name, label]) => h('tr', { 'data-name': name }, h('th', { scope: 'row' }, label),
      h('td', {}, h('input', { type: 'checkbox', checked: true, 'aria-label': `Show ${label}`, 'data-role': 'shown' })),
      h('td', {}, h('input', { type: 'checkbox', 'aria-label': `Lock ${label}`, 'data-role': 'locked' }))));
    const shareCode = h('textarea', { id: id('share-code'), rows: 5, readonly: true, spellcheck: 'false' });
    const shareSaid = h('p', { class: 'hint', role: 'status' });
    const shareBox = h('details', { class: 'share-box' },
      h('summary', {}, 'Share and embed'),
      h('div', { class: 'buttons' }, copyLink, copyEmbed),
      shareSaid,
      h('label', { for: id('share-code') }, 'Link or embed code'), shareCode,
      h('table', { class: 'lesson' }, h('caption', {}, 'A lesson link shows and locks these controls'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'control'), h('th', { scope: 'col' }, 'shown'), h('th', { scope: 'col' }, 'locked'))),
        h('tbody', {}, ...shareRows)));
    // Export: one panel or all four as PNG (screen resolution or 2×) or SVG; the numbers as CSV.
    const exportPanel = select('export-panel', [['all', 'all four panels'], ...PANELS.map(([name]) => [name, `the ${name} panel`])]);
    const exportButtons = [['png', 'PNG'], ['png2', 'PNG 2×'], ['svg', 'SVG']].map(([kind, label]) =>
      h('button', { type: 'button', 'data-export': kind }, label));
    const csvButtons = [['data', 'data'], ['coefficients', 'coefficients'], ['path', 'path']].map(([kind, label]) =>
      h('button', { type: 'button', 'data-csv': kind }, `${label} CSV`));
    const exportBox = h('details', { class: 'export-box' },
      h('summary', {}, 'Export'),
      field('Picture of', id('export-panel'), exportPanel),
      h('div', { class: 'buttons' }, ...exportButtons),
      h('div', { class: 'buttons' }, ...csvButtons));
    const tag = (name, element) => {
      element.dataset.control = name;
      return element;
    };
    const controls = h('div', { class: 'controls' },
      tag('data', h('div', { class: 'field' }, h('label', { for: id('preset') }, 'Data'), preset)),
      tag('paste', dataBox),
      tag('points', pointsBox),
      tag('sample', sampleBox),
      tag('columns', columnsBox),
      tag('penalty', h('fieldset', {}, h('legend', {}, 'Penalty'), h('div', { class: 'penalties' }, ...penaltyRadios))),
      tag('lambda', field('λ (log scale)', id('lambda'), lambda, lambdaOut)),
      tag('alpha', alphaField),
      tag('degree', field('Polynomial degree', id('degree'), degree, degreeOut)),
      tag('cv', h('div', { class: 'buttons' }, useMin, use1se)),
      tag('history', h('div', { class: 'buttons' }, undo, redo)),
      tag('fit-options', h('fieldset', {}, h('legend', {}, 'Fit panel'), h('div', { class: 'checks' }, showTest.label, showTruth.label, showOls.label, showResamples.label))),
      tag('path-axis', field('Path x-axis', id('path-axis'), pathAxis)),
      tag('lens', field('Geometry lens', id('lens'), lens)),
      tag('region', h('div', { class: 'field' }, field('Geometry region', id('region'), region), qField)),
      tag('pair', h('div', { class: 'field' }, h('span', { class: 'label' }, 'Geometry pair'), h('div', { class: 'pair' }, pairA, pairB))),
      tag('share', shareBox),
      tag('export', exportBox));
    const panelBoxes = Object.fromEntries(PANELS.map(([name]) =>
      [name, h('div', { class: `panel plot-panel ${name}` }, h('div', { class: 'plot' }, canvases[name]))]));
    const panels = h('div', { class: 'panels' }, ...Object.values(panelBoxes));
    const status = h('p', { class: 'status', role: 'status' });
    // Tools: the sweep, the lesson, presenter mode, fullscreen, the table, the keys.
    const tool = (label, attrs = {}) => h('button', { type: 'button', class: 'tool', ...attrs }, label);
    const playButton = tool('Play λ sweep', { 'aria-pressed': 'false', 'aria-keyshortcuts': 'P' });
    const lessonButton = tool('Lesson');
    const presenterButton = tool('Presenter', { 'aria-pressed': 'false' });
    const fullscreenButton = tool('Fullscreen', { 'aria-keyshortcuts': 'F' });
    const tableButton = tool('Show as table', { 'aria-pressed': 'false' });
    const keysButton = tool('Keys', { 'aria-keyshortcuts': 'Shift+?', 'aria-haspopup': 'dialog' });
    const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Tools' },
      playButton, lessonButton, presenterButton, fullscreenButton, tableButton, keysButton);
    const sweepNote = h('p', { class: 'sweep-note', 'aria-live': 'polite' });
    // The lesson's step bar.
    const lessonTitle = h('h3', {});
    const lessonCount = h('span', { class: 'count' });
    const lessonCaption = h('p', { class: 'lesson-caption' });
    const lessonPrompt = h('p', { class: 'prompt' });
    const lessonAnswer = h('p', { class: 'answer', hidden: true });
    const backButton = tool('Back', { 'aria-keyshortcuts': 'Shift+<' });
    const revealButton = tool('Reveal', { 'aria-keyshortcuts': 'R' });
    const nextButton = tool('Next', { 'aria-keyshortcuts': 'Shift+>' });
    const closeLesson = tool('End the lesson');
    const lessonBar = h('section', { class: 'panel lesson-bar', hidden: true, 'aria-label': 'Lesson' },
      h('div', { class: 'row' }, lessonTitle, lessonCount),
      lessonCaption, lessonPrompt, lessonAnswer,
      h('div', { class: 'buttons' }, backButton, revealButton, nextButton, closeLesson));
    // What the model does, in words: shown at once, and spoken after a pause in the changes.
    const explanation = h('p', { class: 'explanation' });
    const spoken = h('p', { class: 'visually-hidden spoken', 'aria-live': 'polite' });
    const dataTable = h('table', {});
    const dataTableBox = h('div', { class: 'panel data-table', hidden: true },
      h('h3', {}, 'The data'), h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'The data as a table' }, dataTable));
    const keysDialog = h('dialog', { class: 'keys', 'aria-labelledby': id('keys-title') },
      h('h3', { id: id('keys-title') }, 'Keys (while the explorer has focus)'),
      h('table', {}, h('tbody', {}, ...KEYS.map(([keys, what]) => h('tr', {}, h('th', { scope: 'row' }, h('kbd', {}, keys)), h('td', {}, what))))),
      h('form', { method: 'dialog' }, h('button', { type: 'submit' }, 'Close')));
    const main = h('div', { class: 'main', 'aria-busy': 'false' }, status, pointStatus, lessonBar,
      panels, sweepNote, explanation, spoken, objective, h('div', { class: 'panel' }, summary, notices, table), dataTableBox);
    const app = h('div', { class: 'app', part: 'app' },
      h('header', {}, h('h2', {}, 'Regularization explorer'), caption, toolbar),
      controls, main, keysDialog);
    this.shadowRoot.append(...(style ? [style] : []), app);

    this.#ui = { preset, penaltyRadios, lambda, lambdaOut, alpha, alphaOut, alphaField, degree, degreeOut, pathAxis,
      lens, region, q, qOut, qField, pairA, pairB, showTest: showTest.input, showTruth: showTruth.input,
      showOls: showOls.input, useMin, use1se, canvases, caption, objective, summary, table, notices,
      paste, delimiter, decimal, header, detected, loadErrors, mode, xColumn, yColumn, featureBox, columnsBox,
      sampleBox, sampleN, sampleNOut, noise, noiseOut, undo, redo, pointsBox, pointsList, main, status, pointStatus,
      controls, app, shareCode, shareSaid, shareRows, exportPanel, showResamples: showResamples.input, panelBoxes,
      playButton, presenterButton, fullscreenButton, tableButton, sweepNote, lessonBar, lessonTitle, lessonCount,
      lessonCaption, lessonPrompt, lessonAnswer, backButton, revealButton, nextButton, explanation, spoken,
      dataTable, dataTableBox, keysDialog };

    // Every handler through one guard (#guard), and every handler changes state and asks for one render.
    const on = (target, type, handler) => target.addEventListener(type, (event) => this.#guard(() => handler(event)));
    const act = (patch) => this.#request(patch);
    // Sliders: at most one change per animation frame, however many input events come. The first
    // input of a frame is applied at once (no waiting for the frame); later ones in the same
    // frame are merged and applied when the next frame starts.
    let framed = false;
    let slid = null;
    const nextFrame = () => requestAnimationFrame(() => {
      framed = false;
      if (slid !== null) {
        const merged = slid;
        slid = null;
        slide(merged);
      }
    });
    const slide = (patch) => {
      if (framed) {
        slid = Object.assign(slid ?? {}, patch);
        return;
      }
      framed = true;
      nextFrame();
      this.#request(patch);
    };
    on(preset, 'change', () => act({ preset: preset.value }));
    for (const label of penaltyRadios) {
      const radio = label.querySelector('input');
      on(radio, 'change', () => radio.checked && act({ penalty: radio.value }));
    }
    on(lambda, 'input', () => {
      this.#stopSweep();
      slide({ lambda: this.#model.lambdaAt(lambda.valueAsNumber / SLIDER_STEPS) });
    });
    on(playButton, 'click', () => this.#toggleSweep());
    on(lessonButton, 'click', () => this.#startSuppliedLesson() || this.startLesson('overfitting'));
    on(presenterButton, 'click', () => this.#togglePresenter());
    on(fullscreenButton, 'click', () => this.#toggleFullscreen());
    on(tableButton, 'click', () => {
      this.#showTable = !this.#showTable;
      this.#refresh({ record: false });
    });
    on(keysButton, 'click', () => keysDialog.showModal());
    on(backButton, 'click', () => this.#goStep(-1));
    on(nextButton, 'click', () => this.#goStep(1));
    on(revealButton, 'click', () => this.#reveal());
    on(closeLesson, 'click', () => this.endLesson());
    // The keys of the ? list, while focus is inside this instance and not in a text field.
    on(this, 'keydown', (event) => {
      const target = event.composedPath()[0];
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
      if (target instanceof HTMLInputElement && !['range', 'checkbox', 'radio'].includes(target.type)) return;
      if (target instanceof HTMLDialogElement || target?.closest?.('dialog')) return;
      if (this.#shortcut(event.key)) event.preventDefault();
    });
    on(alpha, 'input', () => slide({ alpha: alpha.valueAsNumber }));
    on(degree, 'input', () => slide({ degree: degree.valueAsNumber }));
    on(pathAxis, 'change', () => act({ pathAxis: pathAxis.value }));
    on(lens, 'change', () => act({ lens: lens.value }));
    on(region, 'change', () => act({ region: region.value }));
    on(q, 'input', () => slide({ q: q.valueAsNumber }));
    const pairChanged = () => act({ pair: [pairA.value, pairB.value] });
    on(pairA, 'change', pairChanged);
    on(pairB, 'change', pairChanged);
    for (const [key, input] of [['showTest', showTest.input], ['showTruth', showTruth.input], ['showOls', showOls.input], ['showResamples', showResamples.input]]) {
      on(input, 'change', () => act({ [key]: input.checked }));
    }
    const options = () => ({ delimiter: delimiter.value, decimal: decimal.value, header: header.value });
    // `note`: a warning about how the text was read (a file's encoding), shown with the result.
    const load = (text, note = null) => {
      if (!this.#model) return;
      if (wantsWorkerForText(text) && this.#ensureWorker()) {
        detected.textContent = `Reading ${text.length.toLocaleString('en')} characters…`;
        loadErrors.replaceChildren();
        this.#enqueue(this.#job({ kind: 'load', text, options: options(), note }));
        return;
      }
      const report = this.loadData(text, options());
      if (note && report.ok) report.warnings.unshift(note);
      this.#showLoad(report);
    };
    const pasted = () => this.#bigText ?? paste.value;
    // A long text is kept whole but shown in part, read-only, until it is cleared.
    const keep = (text) => {
      this.#bigText = text.length > SHOWN_TEXT ? text : null;
      paste.readOnly = this.#bigText !== null;
      clearText.hidden = this.#bigText === null;
      if (this.#bigText === null) {
        paste.value = text;
        return;
      }
      let end = 0;
      for (let line = 0; line < SHOWN_LINES && end !== -1 && end < SHOWN_TEXT; line += 1) end = text.indexOf('\n', end + 1);
      let lines = 1;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
      const start = text.slice(0, end === -1 ? SHOWN_TEXT : Math.min(end, SHOWN_TEXT));
      paste.value = `${start}\n… ${lines.toLocaleString('en')} lines, ${text.length.toLocaleString('en')} characters in all. The whole text is kept; only its start is shown, so that the page stays quick. “Clear the text” to type or paste again.`;
    };
    on(paste, 'paste', (event) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text.length <= SHOWN_TEXT) return;
      event.preventDefault();
      keep(text);
    });
    on(clearText, 'click', () => {
      keep('');
      paste.focus();
    });
    on(loadButton, 'click', () => load(pasted()));
    for (const choice of [delimiter, decimal, header]) {
      on(choice, 'change', () => pasted().trim() && load(pasted()));
    }
    const readFile = async (chosen) => {
      if (!chosen) return;
      if (chosen.size > 10_000_000) {
        this.#showLoad({ ok: false, errors: [{ line: 0, column: 0, message: `${chosen.name} is ${chosen.size} bytes; the limit is 10 MB` }] });
        return;
      }
      const { text, note } = decodeFile(chosen.name, await chosen.arrayBuffer());
      keep(text);
      dataBox.open = true;
      load(pasted(), note);
    };
    on(file, 'change', () => readFile(file.files?.[0]));
    on(this, 'dragover', (event) => {
      if ([...(event.dataTransfer?.types ?? [])].includes('Files')) event.preventDefault();
    });
    on(this, 'drop', (event) => {
      const dropped = event.dataTransfer?.files?.[0];
      if (!dropped) return;
      event.preventDefault();
      readFile(dropped);
    });
    on(sampleN, 'input', () => slide({ n: sampleN.valueAsNumber }));
    on(noise, 'input', () => slide({ noise: noise.valueAsNumber }));
    on(newSample, 'click', () => act({ seed: (this.#lite().seed ?? 0) + 1 }));
    on(download, 'click', () => this.#exportCsv('data'));
    on(mode, 'change', () => act({ mode: mode.value }));
    on(xColumn, 'change', () => act({ x: xColumn.value }));
    on(yColumn, 'change', () => act({ y: yColumn.value }));
    on(featureBox, 'change', () => act({
      features: [...featureBox.querySelectorAll('input:checked')].map((input) => input.value),
    }));
    // Editing points: on the fit panel with a pointer, and in the list with the keyboard.
    const edit = (change) => {
      try {
        this.#model.editPoints(JSON.stringify(change));
        this.#changedHere({ data: true });
        this.#refresh();
      } catch (error) {
        this.#notice(error.message);
      }
    };
    const fitCanvas = canvases.fit;
    let dragging = null;
    const devicePixels = (event) => {
      const ratio = fitCanvas.width / Math.max(1, fitCanvas.clientWidth);
      return [event.offsetX * ratio, event.offsetY * ratio, ratio];
    };
    on(fitCanvas, 'pointerdown', (event) => {
      if (!this.#model?.pointsEditable() || this.#isLocked('points')) return;
      const [px, py, ratio] = devicePixels(event);
      const hit = this.#model.pointAt(px, py, 10 * ratio);
      if (hit !== undefined) {
        this.#model.selectPoint(hit);
        dragging = hit;
        fitCanvas.setPointerCapture?.(event.pointerId);
        this.#draw();
      } else {
        const at = this.#model.dataAt(px, py);
        if (at) edit({ op: 'add', x: at[0], y: at[1] });
      }
    });
    on(fitCanvas, 'pointermove', (event) => {
      if (dragging === null || event.buttons !== 1) return;
      const [px, py] = devicePixels(event);
      const at = this.#model.dataAt(px, py);
      if (at) edit({ op: 'move', index: dragging, x: at[0], y: at[1] });
    });
    on(fitCanvas, 'pointerup', () => {
      dragging = null;
    });
    // The same by keyboard: [ and ] pick a point, the arrows move it by 1 % of the plot (10 %
    // with Shift). Delete removes it (below).
    const NUDGES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    on(fitCanvas, 'keydown', (event) => {
      if (!this.#model?.pointsEditable() || this.#isLocked('points')) return;
      if (event.key === '[' || event.key === ']') {
        event.preventDefault();
        this.#model.selectStep(event.key === ']' ? 1 : -1);
        this.#draw();
        this.#sayPoint();
      } else if (NUDGES[event.key] && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        if (this.#model.selectedPoint() === undefined) this.#model.selectStep(1);
        const step = event.shiftKey ? 0.1 : 0.01;
        const [dx, dy] = NUDGES[event.key];
        try {
          this.#model.nudgePoint(dx * step, dy * step);
          this.#changedHere({ data: true });
          this.#refresh();
          this.#sayPoint();
        } catch (error) {
          this.#notice(error.message);
        }
      }
    });
    on(this, 'keydown', (event) => {
      const target = event.composedPath()[0];
      if (!['Delete', 'Backspace'].includes(event.key) || target instanceof HTMLInputElement
        || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
      const chosen = this.#model?.selectedPoint();
      if (chosen === undefined || this.#isLocked('points')) return;
      event.preventDefault();
      edit({ op: 'remove', index: chosen });
    });
    on(pointsBox, 'toggle', () => pointsBox.open && this.#refresh({ record: false }));
    on(addPoint, 'click', () => {
      const points = JSON.parse(this.#model.pointsJson()).points;
      const last = points[points.length - 1] ?? [0, 0];
      edit({ op: 'add', x: last[0], y: last[1] });
    });
    on(pointsList, 'change', (event) => {
      const row = event.target.closest('tr');
      if (!row) return;
      const [x, y] = [...row.querySelectorAll('input')].map((input) => Number(input.value));
      edit({ op: 'move', index: Number(row.dataset.index), x, y });
    });
    on(pointsList, 'click', (event) => {
      const button = event.target.closest('button');
      if (button) edit({ op: 'remove', index: Number(button.closest('tr').dataset.index) });
    });
    on(undo, 'click', () => this.undo());
    on(redo, 'click', () => this.redo());
    // Keys belong to this instance: they act only while focus is inside it.
    on(this, 'keydown', (event) => {
      const target = event.composedPath()[0];
      const typing = target instanceof HTMLTextAreaElement
        || (target instanceof HTMLInputElement && ['text', 'search', 'number'].includes(target.type));
      if (typing || !(event.ctrlKey || event.metaKey) || this.#isLocked('history')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        this.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        this.redo();
      }
    });
    on(copyLink, 'click', () => this.#copy(this.shareLink(), 'The link'));
    on(copyEmbed, 'click', () => this.#copy(this.embedCode(), 'The embed code'));
    for (const button of exportButtons) on(button, 'click', () => this.#exportPicture(exportPanel.value, button.dataset.export));
    for (const button of csvButtons) on(button, 'click', () => this.#exportCsv(button.dataset.csv));
    on(useMin, 'click', () => this.result?.cv && act({ lambda: this.result.cv.lambdaMin }));
    on(use1se, 'click', () => this.result?.cv && act({ lambda: this.result.cv.lambda1se }));
    // Clicking or dragging on the path or error panel sets λ there.
    for (const name of ['paths', 'errors', 'bias']) {
      const canvas = canvases[name];
      const pick = (event) => {
        if (this.#isLocked('lambda')) return;
        const ratio = canvas.width / Math.max(1, canvas.clientWidth);
        const lambdaThere = this.#model?.lambdaAtPixel(name, event.offsetX * ratio);
        if (lambdaThere !== undefined) act({ lambda: lambdaThere });
      };
      on(canvas, 'pointerdown', (event) => {
        canvas.setPointerCapture?.(event.pointerId);
        pick(event);
      });
      on(canvas, 'pointermove', (event) => event.buttons === 1 && pick(event));
    }
  }

  /**
   * Runs an event handler. After a trap the crash box says what happened, so nothing more is
   * thrown to the page (a dead module makes every later call fail); other errors still are.
   */
  #guard(run) {
    const failed = (error) => {
      if (this.#isCrashed || error instanceof WebAssembly.RuntimeError) return;
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

  #fillPresets() {
    const presets = JSON.parse(Explorer.presetsJson());
    this.#ui.preset.replaceChildren(...presets.map((p) => {
      const option = h('option', { value: p.name }, p.label);
      option.title = p.caption;
      return option;
    }));
    this.#ui.preset.append(h('option', { value: '', disabled: true }, 'Your data'));
  }

  #observeSize() {
    if (!this.#ui || this.#resizeObserver) return;
    // Sizes come from the observer, so that drawing never reads layout (which would force the
    // browser to lay the page out again in the middle of every redraw).
    this.#resizeObserver = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const box = entry.contentBoxSize?.[0];
        this.#canvasSizes.set(entry.target, box
          ? { width: Math.round(box.inlineSize), height: Math.round(box.blockSize) }
          : { width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
      }
      this.#draw();
    });
    for (const canvas of Object.values(this.#ui.canvases)) this.#resizeObserver.observe(canvas);
  }

  /** Brings every control and text in line with the state and result, then draws. */
  #refresh({ record = true } = {}) {
    const started = performance.now();
    // The canvases first, then the page: setting a canvas's font after DOM writes would make the
    // browser recompute the page's styles in the middle of the drawing.
    this.#draw({ announce: false });
    const ui = this.#ui;
    const state = this.#lite();
    // The text needs no per-λ arrays: the summary is a fraction of the full result.
    const result = JSON.parse(this.#model.summaryJson());
    put(ui.preset, 'value', state.preset ?? '');
    for (const label of ui.penaltyRadios) {
      const radio = label.querySelector('input');
      put(radio, 'checked', radio.value === state.penalty);
    }
    const usesLambda = state.penalty !== 'ols';
    put(ui.lambda, 'disabled', !usesLambda);
    put(ui.lambda, 'value', String(Math.round(this.#model.lambdaPosition() * SLIDER_STEPS)));
    putAttribute(ui.lambda, 'aria-valuetext', usesLambda ? `λ = ${show(state.lambda, 3)}` : 'not used by OLS');
    put(ui.lambdaOut, 'textContent', usesLambda ? show(state.lambda, 3) : '—');
    put(ui.alphaField, 'hidden', state.penalty !== 'elasticnet');
    put(ui.alpha, 'value', String(state.alpha));
    put(ui.alphaOut, 'textContent', show(state.alpha, 2));
    put(ui.degree, 'value', String(state.degree));
    put(ui.degreeOut, 'textContent', String(state.degree));
    put(ui.pathAxis, 'value', state.pathAxis);
    put(ui.lens, 'value', state.lens);
    put(ui.region, 'value', state.region);
    put(ui.qField, 'hidden', state.region !== 'lq');
    put(ui.q, 'value', String(state.q));
    put(ui.qOut, 'textContent', show(state.q, 2));
    put(ui.showTest, 'checked', state.showTest);
    put(ui.showTruth, 'checked', state.showTruth);
    put(ui.showOls, 'checked', state.showOls);
    put(ui.showResamples, 'checked', state.showResamples);
    put(ui.panelBoxes.bias, 'hidden', !state.showResamples);
    putAttribute(ui.presenterButton, 'aria-pressed', String(this.getAttribute('theme') === 'presenter'));
    putAttribute(ui.tableButton, 'aria-pressed', String(this.#showTable));
    put(ui.tableButton, 'textContent', this.#showTable ? 'Hide the table' : 'Show as table');
    for (const [name] of PANELS) {
      const text = name === 'bias'
        ? (result.biasVariance ? PANELS[4][1] : 'Bias and variance need a synthetic preset and a penalty.')
        : result.descriptions[name];
      putAttribute(ui.canvases[name], 'aria-label', text);
    }
    put(ui.explanation, 'textContent', result.explanation);
    clearTimeout(this.#speakTimer);
    this.#speakTimer = setTimeout(() => {
      put(ui.spoken, 'textContent', result.explanation);
    }, SPEAK_DELAY_MS);
    put(ui.dataTableBox, 'hidden', !this.#showTable);
    if (this.#showTable) this.#fillDataTable();
    put(ui.useMin, 'disabled', !result.cv);
    put(ui.use1se, 'disabled', !result.cv);
    const editable = this.#model.pointsEditable();
    put(ui.pointsBox, 'hidden', !editable);
    if (editable && ui.pointsBox.open) {
      const { points } = JSON.parse(this.#model.pointsJson());
      ui.pointsList.replaceChildren(...points.slice(0, POINT_ROWS).map(([x, y], index) => {
        const cell = (value, label) => h('td', {}, h('input', { type: 'number', step: 'any', value, 'aria-label': label }));
        return h('tr', { 'data-index': index }, h('td', {}, String(index + 1)),
          cell(x, `x of point ${index + 1}`), cell(y, `y of point ${index + 1}`),
          h('td', {}, h('button', { type: 'button', 'aria-label': `Remove point ${index + 1}` }, '×')));
      }));
    }
    put(ui.sampleBox, 'hidden', state.n === null);
    if (state.n !== null) {
      put(ui.sampleN, 'value', String(state.n));
      put(ui.sampleNOut, 'textContent', String(state.n));
      put(ui.noise, 'value', String(state.noise));
      put(ui.noiseOut, 'textContent', show(state.noise, 2));
    }
    put(ui.mode, 'value', state.mode);
    const usable = result.dataColumns.filter((name) => name.toLowerCase() !== 'train');
    // Lists are rebuilt only when their names change (a λ move changes none of them).
    const fill = (element, names, make) => {
      const key = JSON.stringify(names);
      if (element.dataset.names === key) return;
      element.dataset.names = key;
      element.replaceChildren(...names.map(make));
    };
    for (const [select, chosen] of [[ui.xColumn, state.x], [ui.yColumn, state.y]]) {
      fill(select, usable, (name) => h('option', { value: name }, name));
      select.value = chosen;
    }
    ui.xColumn.closest('.x-field').hidden = state.mode !== 'polynomial';
    put(ui.featureBox, 'hidden', state.mode !== 'columns');
    fill(ui.featureBox, usable.filter((name) => name !== state.y), (name) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', value: name }), name));
    for (const box of ui.featureBox.querySelectorAll('input')) box.checked = state.features.includes(box.value);
    put(ui.columnsBox, 'hidden', usable.length < 2);
    for (const [select, chosen] of [[ui.pairA, result.pair?.[0]], [ui.pairB, result.pair?.[1]]]) {
      fill(select, result.featureNames, (name) => h('option', { value: name }, name));
      select.value = chosen ?? '';
    }
    put(ui.caption, 'textContent', result.caption);
    put(ui.objective, 'textContent', `${result.objective}   = ${show(result.objectiveValue)}`);
    ui.summary.textContent = [
      `df ${show(result.df, 3)}`,
      `${result.nonzero} of ${result.featureNames.length} coefficients nonzero`,
      `train MSE ${show(result.trainMse)}`,
      result.testMse === null ? 'no test rows' : `test MSE ${show(result.testMse)} (${result.nTest} rows, ${result.testOrigin})`,
      result.cv ? `CV picks λ = ${show(result.cv.lambdaMin, 3)} (1-SE: ${show(result.cv.lambda1se, 3)})` : null,
      `KKT ${show(result.kktViolation, 2)}${result.converged ? '' : ' (not converged)'}`,
      `n = ${result.nTrain}`,
    ].filter(Boolean).join(' · ');
    fill(ui.notices, [...this.#currentStanding(), ...result.notices], (text) => h('li', {}, text));
    this.#fillTable(result);
    this.#applyLocks();
    this.#scheduleSave();
    if (record) this.#scheduleCommit();
    this.#updateHistoryButtons();
    this.#scheduleAhead();
    this.dispatchEvent(new CustomEvent('render', { detail: { ms: performance.now() - started } }));
  }

  /**
   * While the page is idle, has Rust work out what the next change is likely to need (the other
   * penalties, the degree one up and one down), one short step at a time, so that the change
   * then costs one fit. Rust decides what and whether (nothing on large data).
   */
  #scheduleAhead() {
    cancelIdle(this.#aheadHandle);
    const step = (deadline) => {
      this.#aheadHandle = 0;
      if (!this.#model || this.#inFlight !== null || this.#jobs.length > 0) return;
      while (deadline.timeRemaining() > AHEAD_MIN_IDLE_MS) {
        if (!this.#model.workAhead()) return;
      }
      this.#aheadHandle = whenIdle(step);
    };
    this.#aheadHandle = whenIdle(step);
  }

  /** The data, as an HTML table (the first rows of large data). */
  #fillDataTable() {
    const { names, rows, total } = JSON.parse(this.#model.tableJson(TABLE_ROWS));
    const caption = h('caption', {}, total > rows.length ? `The first ${rows.length} of ${total} rows` : `${total} rows`);
    this.#ui.dataTable.replaceChildren(caption,
      h('thead', {}, h('tr', {}, ...names.map((n) => h('th', { scope: 'col' }, n)))),
      h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((v) => h('td', {}, show(v, 6)))))));
  }

  /** The coefficient table, updated in place: rows are added or removed as the terms change. */
  #fillTable(result) {
    const names = ['intercept', ...result.featureNames];
    const values = [[show(result.interceptStandardized), show(result.intercept), false],
      ...result.featureNames.map((name, j) => {
        const w = result.standardizedCoefficients[j];
        return [show(w), show(result.coefficients[j]), w === 0];
      })];
    const table = this.#ui.table;
    let body = table.tBodies[0];
    if (!body) {
      const head = h('tr', {}, h('th', { scope: 'col' }, 'term'),
        h('th', { scope: 'col' }, 'standardized w'), h('th', { scope: 'col' }, 'coefficient (z basis)'));
      body = h('tbody');
      table.replaceChildren(table.querySelector('caption'), h('thead', {}, head), body);
    }
    while (body.rows.length > names.length) body.lastElementChild.remove();
    while (body.rows.length < names.length) body.append(h('tr', {}, h('td'), h('td'), h('td')));
    [...body.rows].forEach((row, k) => {
      const [w, coefficient, zero] = values[k];
      put(row.cells[0], 'textContent', names[k]);
      for (const [cell, text] of [[row.cells[1], w], [row.cells[2], coefficient]]) {
        put(cell, 'textContent', text);
        put(cell, 'className', zero ? 'zero' : '');
      }
    });
  }

  /** Draws every panel; `announce`: then fires 'render' (else the caller does, when done). */
  #draw({ announce = true } = {}) {
    if (!this.#model) return;
    const started = performance.now();
    const ratio = window.devicePixelRatio || 1;
    for (const [name] of PANELS) {
      const canvas = this.#ui.canvases[name];
      // CSS pixels as the observer last reported them (before its first report, read from
      // layout, once).
      const css = this.#canvasSizes.get(canvas) ?? { width: canvas.clientWidth, height: canvas.clientHeight };
      const width = Math.round(css.width * ratio);
      const height = Math.round(css.height * ratio);
      if (width === 0 || height === 0) continue;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      this.#model.render(name, canvas, ratio);
    }
    if (announce) this.dispatchEvent(new CustomEvent('render', { detail: { ms: performance.now() - started } }));
  }

  /** Shows what a load detected, or every error, under the paste box (as text only). */
  #showLoad(report) {
    const ui = this.#ui;
    if (report.ok) {
      const d = report.detected;
      ui.detected.textContent = `Read ${report.rows} rows × ${report.columns.length} columns: ${d.delimiter}-separated, decimal ${d.decimal}, ${d.header ? 'with' : 'without'} a header${d.skippedLines ? `, ${d.skippedLines} blank or comment lines skipped` : ''}.`;
      const warnings = [...report.warnings];
      if ((this.#dataText()?.length ?? 0) > MAX_STORED_TEXT) {
        warnings.push('this data is too large to keep across a reload (over 2 million characters); the other settings are kept');
      }
      ui.loadErrors.replaceChildren(...warnings.map((w) => h('li', { class: 'warning' }, w)));
    } else {
      ui.detected.textContent = 'Nothing was loaded: the previous data stays. Fix these and load again:';
      ui.loadErrors.replaceChildren(...report.errors.map((e) =>
        h('li', {}, e.line ? `Line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}` : e.message)));
    }
  }

  /**
   * The one rule for changes: the newest wins. A change is applied here and now when it is
   * light, or sent to the worker when it means heavy work on large data. While the worker works,
   * a change of λ or the view applies at once, and any other change waits its turn behind the
   * work, so that changes apply in the order they were made. A reply computed from an older
   * revision of the data is never taken on (#finish).
   */
  #request(patch, { record = true, label = null } = {}) {
    if (!this.#model) return;
    const json = this.#json(patch);
    const onlyLambda = Object.keys(patch).every((key) => key === 'lambda');
    const busy = this.#inFlight !== null || this.#jobs.length > 0;
    if (((busy && !onlyLambda) || this.#model.wantsWorker(json)) && this.#ensureWorker()) {
      this.#enqueue(this.#job({ kind: 'patch', patch, record, label }));
      return;
    }
    try {
      this.#model.setState(json);
      this.#changedHere({ keys: Object.keys(patch), data: Explorer.replacesData(json) });
      this.#refresh({ record });
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      this.#notice(label ? `${label}: ${error.message}` : error.message);
    }
  }

  /** A patch as JSON; a number that is not finite goes as text, so that Rust names it. */
  #json(patch) {
    return JSON.stringify(patch, (key, value) =>
      (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
  }

  /**
   * A job for the worker. `touched`: keys set here since the job was made, which the job no
   * longer sets (the newer value wins); `replacesData`: whether it brings new data.
   */
  #job(fields) {
    const replacesData = fields.kind === 'load' || Explorer.replacesData(JSON.stringify(fields.patch ?? {}));
    return { record: true, origin: 'user', ...fields, replacesData, dropped: false };
  }

  /**
   * Tells the pending work about a change made here and now: keys it set are no longer theirs to
   * set, and new data supersedes their data (a reply for it is dropped, not applied after).
   */
  #changedHere({ keys = [], data = false }) {
    for (const job of [this.#inFlight, ...this.#jobs]) {
      if (!job) continue;
      if (data && job.replacesData) job.dropped = true;
      const own = job.kind === 'load' ? job.then : job.patch;
      for (const key of keys) if (own) delete own[key];
    }
    const queued = this.#jobs.length;
    this.#jobs = this.#jobs.filter((job) => !job.dropped);
    if (this.#jobs.length < queued && this.#inFlight === null && this.#jobs.length === 0) this.#busy(false);
  }

  /** This instance's worker, started on first use; false where workers are not allowed. */
  #ensureWorker() {
    // The one-file build has no worker file to start.
    if (INLINE_WASM !== null) this.#worker = false;
    if (this.#worker === undefined) {
      try {
        this.#worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
        this.#worker.addEventListener('message', ({ data }) => this.#guard(() => this.#finish(data)));
        this.#worker.addEventListener('error', (event) => {
          // A worker that cannot start (a policy, a missing file): do everything here instead.
          event.preventDefault?.();
          this.#worker?.terminate();
          this.#worker = false;
          const stranded = [this.#inFlight, ...this.#jobs].filter((job) => job && !job.dropped);
          this.#inFlight = null;
          this.#jobs = [];
          for (const job of stranded) this.#runHere(job);
          this.#busy(false);
        });
      } catch {
        this.#worker = false;
      }
    }
    return this.#worker !== false;
  }

  /**
   * Queues a job. New data supersedes data still waiting (and the data the worker is reading);
   * patches queued back to back merge into one, so a drag does its work once.
   */
  #enqueue(job) {
    if (job.replacesData) {
      for (const pending of [this.#inFlight, ...this.#jobs]) {
        if (pending?.replacesData) pending.dropped = true;
      }
      this.#jobs = this.#jobs.filter((pending) => !pending.dropped);
    }
    const last = this.#jobs[this.#jobs.length - 1];
    if (job.kind === 'patch' && last?.kind === 'patch' && !job.replacesData && !last.replacesData
      && job.origin === last.origin) {
      Object.assign(last.patch, job.patch);
      last.record ||= job.record;
    } else {
      this.#jobs.push(job);
    }
    if (this.#worker === false) {
      // No worker (any more): the queue runs here, in order.
      const jobs = this.#jobs;
      this.#jobs = [];
      for (const queued of jobs) this.#runHere(queued);
      return;
    }
    this.#pump();
  }

  /** Sends the next job to the worker with the state it must start from. */
  #pump() {
    if (this.#inFlight !== null || !this.#worker) return;
    const job = this.#jobs.shift();
    if (!job) {
      this.#busy(false);
      return;
    }
    const base = Object.fromEntries(Object.entries(this.#lite()).filter(([, value]) => value !== null));
    const message = {
      id: ++this.#jobCount,
      base,
      job: { kind: job.kind, patch: job.patch, text: job.text, options: job.options, then: job.then },
    };
    const text = this.#dataText();
    if (text !== null) {
      delete base.preset;
      if (text !== this.#workerText) {
        message.text = text;
        message.dataOptions = base.dataOptions;
      }
    }
    // What the reply is computed from: the revision of the data and inputs here, now.
    this.#inFlight = Object.assign(job, { id: message.id, sentText: text, revision: this.#model.revision() });
    this.#busy(true);
    this.#worker.postMessage(message);
  }

  /**
   * Takes on the worker's result without redoing its work, unless it is stale: work superseded
   * by newer data is dropped, and work computed from a revision that has changed since is done
   * again from what is here now (with the keys set since left out).
   */
  #finish(reply) {
    const job = this.#inFlight;
    if (!job || reply.id !== job.id) return;
    // What the worker holds now: the text it read, or the text it was sent.
    this.#workerText = job.kind === 'load' && reply.report?.ok ? job.text : job.sentText;
    let changed = false;
    let report = null;
    if (!job.dropped && this.#model.revision() !== job.revision) {
      const own = job.kind === 'load' ? null : job.patch;
      if (own === null || Object.keys(own).length > 0) this.#jobs.unshift(job);
    } else if (!job.dropped) {
      try {
        if (reply.error) throw new Error(reply.error);
        if (job.kind === 'load') {
          report = reply.report;
          if (report.ok && job.note) report = { ...report, warnings: [job.note, ...report.warnings] };
          if (report.ok) {
            const adopt = (then) => this.#model.adoptData(job.text, JSON.stringify(job.options ?? {}),
              reply.names, reply.columns, JSON.stringify(then), reply.heavy);
            try {
              adopt(job.then ?? {});
            } catch (error) {
              // The choices saved or linked with the data no longer fit it: the data comes with its own.
              adopt({});
              report = { ...report, warnings: [...report.warnings, `the saved choices do not fit this data (${error.message}), so its defaults are used`] };
            }
            this.#text = { version: this.#model.dataVersion(), value: job.text };
            changed = true;
          }
        } else {
          this.#model.setStateWith(this.#json(job.patch), reply.heavy);
          changed = true;
        }
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) return;
        this.#notice(job.label ? `${job.label}: ${error.message}` : error.message);
      }
    }
    // Taking the new state on and drawing it are two tasks, so that neither holds the page long.
    setTimeout(() => this.#guard(() => {
      this.#inFlight = null;
      if (changed) this.#refresh({ record: job.record ?? true });
      if (report) this.#showLoad(report);
      if (job.kind === 'load' && job.origin === 'link' && report && !report.ok) {
        this.#notice(`The link's data could not be read: ${report.errors.map((e) => e.message).join('; ')}`);
      }
      this.#pump();
    }));
  }

  /** Does a job on the main thread (where there is no worker). */
  #runHere(job) {
    if (job.dropped) return;
    if (job.kind === 'load') {
      const report = this.loadData(job.text, job.options ?? {});
      if (report.ok && job.then && Object.keys(job.then).length > 0) {
        try {
          this.#model.setState(this.#json(job.then));
          this.#refresh({ record: job.record });
        } catch (error) {
          report.warnings.push(`the saved choices do not fit this data (${error.message}), so its defaults are used`);
        }
      }
      this.#showLoad(report);
      return;
    }
    try {
      this.#model.setState(this.#json(job.patch));
      this.#refresh({ record: job.record ?? true });
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) return;
      this.#notice(job.label ? `${job.label}: ${error.message}` : error.message);
    }
  }

  /** Marks the panels busy while the worker computes; the old picture stays until then. */
  #busy(on) {
    this.#ui.main.setAttribute('aria-busy', String(on));
    this.#ui.status.textContent = on ? 'Computing on the large data…' : '';
    this.dispatchEvent(new CustomEvent(on ? 'busy' : 'idle'));
  }

  /** The lesson settings chosen in the share box: controls shown and locked (null: all, none). */
  #lessonChoice() {
    const pick = (role) => this.#ui.shareRows
      .filter((row) => row.querySelector(`[data-role="${role}"]`).checked).map((row) => row.dataset.name);
    const shown = pick('shown');
    const locked = pick('locked');
    return {
      controls: shown.length === CONTROLS.length ? null : shown.join(','),
      locked: locked.length === 0 ? null : locked.join(','),
    };
  }

  /**
   * A link to the full page on this state (pasted data included, compressed, where it fits), with
   * the controls the share box shows and locks.
   */
  async shareLink() {
    this.#requireModel();
    const base = this.hasAttribute('url-state') ? new URL(location.href) : new URL(APP_PAGE);
    const page = `${base.origin}${base.pathname}`;
    return `${page}?${await this.#linkQuery(MAX_LINK - page.length - 1)}`;
  }

  /** The link's query; pasted data goes in, compressed, when the query stays within `budget`. */
  async #linkQuery(budget = MAX_LINK) {
    const query = this.#lookQuery();
    const text = this.#dataText();
    this.#linkNote = '';
    if (text !== null) {
      const options = this.#lite().dataOptions ?? {};
      const packed = text.length <= 50 * MAX_LINK ? await packText(text) : null;
      const withData = new URLSearchParams(query);
      withData.set('data', packed ?? '');
      withData.set('dopt', [options.delimiter, options.decimal, options.header].join(','));
      if (packed !== null && withData.toString().length <= budget) return withData.toString();
      this.#linkNote = ' The pasted data is too large for a link, so the link leaves it out: it opens these settings on the default data. Use the embed code, which carries the data, or send the file.';
    }
    return query.toString();
  }

  #lookQuery() {
    const query = new URLSearchParams(this.#model.stateQuery());
    const { controls, locked } = this.#lessonChoice();
    if (controls !== null) query.set('controls', controls);
    if (locked !== null) query.set('locked', locked);
    const theme = this.getAttribute('theme');
    if (THEMES.includes(theme) && theme !== 'light') query.set('theme', theme);
    return query;
  }

  /** Two snippets: the element (with its attributes and inline data) and an iframe. */
  async embedCode() {
    this.#requireModel();
    const state = this.#lite();
    const attributes = [];
    for (const [attribute, field] of Object.entries(ATTRIBUTES)) {
      const value = state[field];
      if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      // A list is comma-joined, or JSON when a name holds a comma (attributeValue reads both).
      const written = !Array.isArray(value) ? String(value)
        : value.some((name) => name.includes(',') || name.trim() !== name) ? JSON.stringify(value) : value.join(',');
      attributes.push(`${attribute}="${escapeHtml(written)}"`);
    }
    const { controls, locked } = this.#lessonChoice();
    if (controls !== null) attributes.push(`controls="${escapeHtml(controls)}"`);
    if (locked !== null) attributes.push(`locked="${escapeHtml(locked)}"`);
    const text = this.#dataText();
    // Script content is raw text (escapes are never decoded there), so the data goes in as it
    // is, or as base64 where it would not survive (writeInline).
    const inline = text === null ? '' : `\n  ${writeInline(text, state.dataOptions)}\n`;
    const script = new URL('./regularization-explorer.js', import.meta.url).href;
    const title = `Regularization explorer: ${state.penalty} on ${state.preset ?? 'pasted data'}`;
    const frame = `${EMBED_PAGE.href}?${await this.#linkQuery(MAX_LINK - EMBED_PAGE.href.length - 1)}`;
    return `<!-- The element: -->
<script type="module" src="${escapeHtml(script)}"></script>
<regularization-explorer ${attributes.join(' ')}>${inline}</regularization-explorer>

<!-- Or an iframe (for an LMS that strips scripts): -->
<iframe src="${escapeHtml(frame)}" title="${escapeHtml(title)}" width="100%" height="900" style="border: 0" loading="lazy"></iframe>`;
  }

  /** Copies text to the clipboard, and shows it in the share box in any case. */
  async #copy(making, what) {
    const ui = this.#ui;
    let text;
    try {
      text = await making;
    } catch (error) {
      ui.shareSaid.textContent = `${what} could not be made: ${error.message}`;
      return;
    }
    ui.shareCode.value = text;
    try {
      await navigator.clipboard.writeText(text);
      ui.shareSaid.textContent = `${what} is copied.${this.#linkNote}`;
    } catch {
      ui.shareCode.select();
      ui.shareSaid.textContent = `${what} is below: copy it from the box (the clipboard was not available).${this.#linkNote}`;
    }
  }

  /** Saves a picture of one panel or all four: PNG at the screen's resolution or 2×, or SVG. */
  async #exportPicture(panel, kind) {
    const names = panel === 'all' ? MAIN_PANELS.map(([name]) => name) : [panel];
    const first = this.#ui.canvases[names[0]];
    const [width, height] = [Math.max(1, first.clientWidth), Math.max(1, first.clientHeight)];
    const file = `regularization-explorer-${panel}`;
    try {
      if (kind === 'svg') {
        this.#download(new Blob([this.#model.svg(panel, width, height)], { type: 'image/svg+xml' }), `${file}.svg`);
        return;
      }
      const ratio = kind === 'png2' ? 2 : (window.devicePixelRatio || 1);
      const columns = names.length === 1 ? 1 : 2;
      const sheet = document.createElement('canvas');
      sheet.width = Math.round(width * ratio) * columns;
      sheet.height = Math.round(height * ratio) * Math.ceil(names.length / columns);
      const context = sheet.getContext('2d');
      names.forEach((name, k) => {
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        this.#model.render(name, canvas, ratio);
        context.drawImage(canvas, (k % columns) * canvas.width, Math.floor(k / columns) * canvas.height);
      });
      const blob = await new Promise((resolve) => sheet.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('the browser could not make a PNG');
      this.#download(blob, `${file}${kind === 'png2' ? '@2x' : ''}.png`);
    } catch (error) {
      this.#notice(`Export failed: ${error.message}`);
    } finally {
      // Drawing elsewhere moved the pointer maps: draw the panels on screen again.
      this.#draw();
    }
  }

  /** Saves the data, the coefficients or the path as CSV. */
  #exportCsv(kind) {
    const text = { data: () => this.#model.dataCsv(), coefficients: () => this.#model.coefficientsCsv(), path: () => this.#model.pathCsv() }[kind]();
    this.#download(new Blob([text], { type: 'text/csv' }), `regularization-explorer-${kind}.csv`);
  }

  #download(blob, name) {
    const link = h('a', { href: URL.createObjectURL(blob), download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.dispatchEvent(new CustomEvent('export', { detail: { name, size: blob.size } }));
  }

  /** Acts on a key of the ? list; returns whether it was one. Locked controls ignore theirs. */
  #shortcut(key) {
    if (!this.#model) return false;
    const state = this.#lite();
    const lambdaStep = (sign) => {
      if (this.#isLocked('lambda') || state.penalty === 'ols') return;
      this.#stopSweep();
      const position = Math.min(1, Math.max(0, this.#model.lambdaPosition() + sign * 0.02));
      this.#request({ lambda: this.#model.lambdaAt(position) });
    };
    const penalties = { 1: 'ols', 2: 'ridge', 3: 'lasso', 4: 'elasticnet' };
    switch (key) {
      case '-': case '_': lambdaStep(-1); return true;
      case '+': case '=': lambdaStep(1); return true;
      case 'd': case 'D':
        if (!this.#isLocked('degree')) this.#request({ degree: state.degree + (key === 'D' ? 1 : -1) });
        return true;
      case '1': case '2': case '3': case '4':
        if (!this.#isLocked('penalty')) this.#request({ penalty: penalties[key] });
        return true;
      case 'p': case 'P': this.#toggleSweep(); return true;
      case 'n':
        if (state.n !== null && !this.#isLocked('sample')) this.#request({ seed: (state.seed ?? 0) + 1 });
        return true;
      case 'f': case 'F': this.#toggleFullscreen(); return true;
      case 'u': if (!this.#isLocked('history')) this.undo(); return true;
      case 'U': if (!this.#isLocked('history')) this.redo(); return true;
      case '>': this.#goStep(1); return true;
      case '<': this.#goStep(-1); return true;
      case 'r': this.#reveal(); return true;
      case '?': this.#ui.keysDialog.showModal(); return true;
      default: return false;
    }
  }

  /** Whether the λ sweep is playing. */
  get playing() {
    return this.#sweep !== null;
  }

  #toggleSweep() {
    if (this.#sweep) this.#stopSweep();
    else this.#startSweep();
  }

  /**
   * Plays λ from λ_max down to the grid's end and back, all panels together. For the lasso it
   * pauses at each knot and names it. With prefers-reduced-motion it steps instead.
   */
  #startSweep() {
    if (!this.#model || this.#isLocked('lambda')) return;
    if (this.#lite().penalty === 'ols') {
      this.#notice('The sweep moves λ: choose ridge, lasso or elastic net first.');
      return;
    }
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    this.#sweep = { position: 1, direction: -1, reduced, pauseUntil: 0, last: performance.now(), timer: 0, named: new Set() };
    this.#ui.playButton.setAttribute('aria-pressed', 'true');
    this.#ui.playButton.textContent = 'Pause λ sweep';
    this.#applyHere({ lambda: this.#model.lambdaAt(1) });
    this.#refresh({ record: false });
    this.#scheduleSweep();
    this.dispatchEvent(new CustomEvent('sweep', { detail: { playing: true } }));
  }

  #scheduleSweep() {
    const sweep = this.#sweep;
    if (!sweep) return;
    if (sweep.reduced) sweep.timer = setTimeout(() => this.#sweepTick(performance.now()), SWEEP_STEP_MS);
    else sweep.timer = requestAnimationFrame((now) => this.#sweepTick(now));
  }

  #stopSweep() {
    const sweep = this.#sweep;
    if (!sweep) return;
    clearTimeout(sweep.timer);
    cancelAnimationFrame(sweep.timer);
    this.#sweep = null;
    this.#ui.playButton.setAttribute('aria-pressed', 'false');
    this.#ui.playButton.textContent = 'Play λ sweep';
    this.#ui.sweepNote.textContent = '';
    this.#scheduleCommit();
    this.dispatchEvent(new CustomEvent('sweep', { detail: { playing: false } }));
  }

  #sweepTick(now) {
    const sweep = this.#sweep;
    if (!sweep || !this.#model) return;
    const elapsed = now - sweep.last;
    sweep.last = now;
    if (now < sweep.pauseUntil) {
      this.#scheduleSweep();
      return;
    }
    this.#ui.sweepNote.textContent = '';
    const before = this.#lite().lambda;
    const step = sweep.reduced ? 1 / SWEEP_STEPS : Math.min(elapsed, 100) / SWEEP_MS;
    sweep.position += sweep.direction * step;
    let done = false;
    if (sweep.position <= 0) {
      sweep.position = 0;
      sweep.direction = 1;
      sweep.named.clear();
    } else if (sweep.position >= 1 && sweep.direction > 0) {
      sweep.position = 1;
      done = true;
    }
    let lambda = this.#model.lambdaAt(sweep.position);
    // A lasso knot between the last λ and this one: stop on it and say what happens there.
    const result = this.result;
    if (result.penalty === 'lasso') {
      const [lo, hi] = [Math.min(before, lambda), Math.max(before, lambda)];
      // Each knot is named once each way, so that rounding can never hold the sweep on one.
      const crossed = result.knots
        .filter((k, index) => k.lambda > lo && k.lambda < hi && !sweep.named.has(index))
        .sort((a, b) => (sweep.direction < 0 ? b.lambda - a.lambda : a.lambda - b.lambda))[0];
      if (crossed) {
        sweep.named.add(result.knots.indexOf(crossed));
        lambda = crossed.lambda;
        sweep.position = this.#model.lambdaPositionOf(lambda);
        const entering = (crossed.event === 'enter') === (sweep.direction < 0);
        this.#ui.sweepNote.textContent = `${crossed.feature} ${entering ? 'enters' : 'leaves'} at λ = ${show(lambda, 3)}`;
        sweep.pauseUntil = now + KNOT_PAUSE_MS;
      }
    }
    this.#applyHere({ lambda });
    this.#refresh({ record: false });
    if (done) this.#stopSweep();
    else this.#scheduleSweep();
  }

  /** Starts a lesson: a name of a built-in one ('overfitting') or an object {title, steps}. */
  startLesson(lesson = 'overfitting') {
    this.#requireModel();
    const chosen = typeof lesson === 'string' ? BUILTIN_LESSONS[lesson] : lesson;
    if (!chosen) throw new Error(`no built-in lesson named ${JSON.stringify(String(lesson)).slice(0, 60)}`);
    checkLesson(chosen);
    this.#lesson = { lesson: chosen, index: -1 };
    this.#goStep(1);
    this.#ui.lessonBar.scrollIntoView?.({ block: 'nearest' });
  }

  /** Ends the lesson; the state stays where it is. */
  endLesson() {
    this.#lesson = null;
    this.#ui.lessonBar.hidden = true;
  }

  /** The lesson's position: {title, step (1-based), steps, revealed}, or null. */
  get lesson() {
    if (!this.#lesson) return null;
    return {
      title: this.#lesson.lesson.title,
      step: this.#lesson.index + 1,
      steps: this.#lesson.lesson.steps.length,
      revealed: !this.#ui.lessonAnswer.hidden,
    };
  }

  /** The lesson the author gave (attribute or child script), started; false if there is none. */
  #startSuppliedLesson() {
    const supplied = this.#suppliedLesson();
    if (supplied === null) return false;
    try {
      this.startLesson(supplied);
    } catch (error) {
      this.#notice(`The page's lesson could not start: ${error.message}`);
    }
    return true;
  }

  #suppliedLesson() {
    const attribute = this.getAttribute('lesson');
    const script = this.querySelector('script[type="application/json"][data-lesson]');
    const text = attribute ?? script?.textContent ?? null;
    if (text === null) return null;
    if (Object.hasOwn(BUILTIN_LESSONS, text.trim())) return text.trim();
    try {
      return JSON.parse(text);
    } catch (error) {
      this.#notice(`The page's lesson is not valid JSON: ${error.message}`);
      return null;
    }
  }

  /** Moves the lesson by `delta` steps and applies that step's state. */
  #goStep(delta) {
    const current = this.#lesson;
    if (!current) return;
    const steps = current.lesson.steps;
    const index = Math.min(steps.length - 1, Math.max(0, current.index + delta));
    if (index === current.index) return;
    current.index = index;
    const step = steps[index];
    this.#stopSweep();
    if (step.state) {
      const { lambda, ...rest } = step.state;
      try {
        if (Object.keys(rest).length > 0) this.#applyHere(rest);
        if (lambda === 'min' || lambda === '1se') {
          const cv = this.result.cv;
          if (cv) this.#applyHere({ lambda: lambda === 'min' ? cv.lambdaMin : cv.lambda1se });
        } else if (lambda !== undefined) {
          this.#applyHere({ lambda });
        }
      } catch (error) {
        this.#notice(`Lesson step ${index + 1}: ${error.message}`);
      }
    }
    const ui = this.#ui;
    ui.lessonBar.hidden = false;
    ui.lessonTitle.textContent = current.lesson.title;
    ui.lessonCount.textContent = `Step ${index + 1} of ${steps.length}`;
    ui.lessonCaption.textContent = step.caption;
    ui.lessonPrompt.textContent = step.question?.prompt ?? '';
    ui.lessonPrompt.hidden = !step.question;
    ui.lessonAnswer.textContent = step.question?.answer ?? '';
    ui.lessonAnswer.hidden = true;
    ui.revealButton.hidden = !step.question;
    ui.backButton.disabled = index === 0;
    ui.nextButton.disabled = index === steps.length - 1;
    this.#refresh();
    this.dispatchEvent(new CustomEvent('lessonstep', { detail: this.lesson }));
  }

  #reveal() {
    if (!this.#lesson) return;
    this.#ui.lessonAnswer.hidden = false;
    this.dispatchEvent(new CustomEvent('lessonstep', { detail: this.lesson }));
  }

  /** Presenter mode on or off (the theme attribute, so it shows in links and survives refresh). */
  #togglePresenter() {
    if (this.getAttribute('theme') === 'presenter') {
      if (this.#themeBeforePresenter) this.setAttribute('theme', this.#themeBeforePresenter);
      else this.removeAttribute('theme');
    } else {
      this.#themeBeforePresenter = this.getAttribute('theme');
      this.setAttribute('theme', 'presenter');
    }
  }

  #toggleFullscreen() {
    if (document.fullscreenElement === this) {
      document.exitFullscreen?.().catch(() => {});
    } else {
      this.requestFullscreen?.().catch((error) => this.#notice(`Fullscreen is not available here: ${error.message}`));
    }
  }

  /** Says which point is selected, and where, to a screen reader. */
  #sayPoint() {
    const index = this.#model.selectedPoint();
    const point = index === undefined ? null : JSON.parse(this.#model.pointsJson()).points[index];
    this.#ui.pointStatus.textContent = point
      ? `Point ${index + 1}: x = ${show(point[0])}, y = ${show(point[1])}` : '';
  }

  #notice(text) {
    // Not the result's notices any more: the next refresh writes those again.
    delete this.#ui.notices.dataset.names;
    this.#ui.notices.replaceChildren(h('li', {}, text));
  }

  /**
   * The wasm trapped (a Rust panic, which should never happen): that module instance is dead for
   * the rest of the page's life. Say so, visibly, with a way out, instead of going silent.
   */
  #crashed(error) {
    if (this.#isCrashed) return;
    this.#isCrashed = true;
    this.#stopSweep();
    // Nothing more calls into the dead module: the timers and observers that would are stopped.
    for (const timer of [this.#commitTimer, this.#saveTimer, this.#speakTimer]) clearTimeout(timer);
    cancelIdle(this.#aheadHandle);
    this.#resizeObserver?.disconnect();
    console.error('regularization-explorer stopped:', error);
    const reload = h('button', { type: 'button' }, 'Reload the page');
    reload.addEventListener('click', () => location.reload());
    const box = h('div', { class: 'fatal crashed', role: 'alert' },
      h('p', {}, 'Something went wrong, and the explorer has stopped. Your state is saved: reload to go on.'),
      h('p', { class: 'hint' }, String(error?.message ?? error)), reload);
    this.shadowRoot.querySelector('.app')?.setAttribute('inert', '');
    this.shadowRoot.append(box);
    this.dispatchEvent(new CustomEvent('crash', { detail: { message: String(error?.message ?? error) } }));
  }

  #showFatal(error) {
    const message = h('div', { class: 'fatal', role: 'alert' },
      `The explorer could not start: ${error?.message ?? error}. Reload the page to try again.`);
    this.shadowRoot.replaceChildren(message);
  }
}

if (!customElements.get('regularization-explorer')) {
  customElements.define('regularization-explorer', RegularizationExplorer);
}
