// <regularization-explorer>: a custom element with an open shadow root, one Explorer (Rust, wasm)
// per instance, and nothing shared between instances but the loaded module and the stylesheet.
// This file is the element's life (connect, attributes, disconnect) and its public API; the
// instance (instance.js) and its parts do the work.
import init, { Explorer } from './pkg/regularization_explorer.js';
import { STYLES } from './styles.js';
import { deepFreeze, h } from './dom.js';
import { Instance } from './instance.js';
import { build } from './layout.js';
import { applyColors, applyLink, applyLook, applySetup, attributeChanged } from './setup.js';

/* global REGULARIZATION_EXPLORER_INLINE_WASM */
// The one-file build (scripts/dist.mjs) defines the wasm inline, as base64; other builds fetch it.
const INLINE_WASM = typeof REGULARIZATION_EXPLORER_INLINE_WASM === 'string' ? REGULARIZATION_EXPLORER_INLINE_WASM : null;
const LOOK_ATTRIBUTES = ['controls', 'locked', 'height', 'theme'];

let wasmLoading = null;
function loadWasm() {
  const source = INLINE_WASM === null
    ? new URL('./pkg/regularization_explorer_bg.wasm', import.meta.url)
    : Uint8Array.from(atob(INLINE_WASM), (c) => c.charCodeAt(0));
  wasmLoading ??= init({ module_or_path: source }).then(() => {
    // The field table, read once: names, ranges, choices and labels of every state field.
    const schema = JSON.parse(Explorer.schemaJson());
    schema.weights = Object.fromEntries(schema.fields.map((f) => [f.name, f.weight]));
    schema.attributes = new Set(schema.fields.map((f) => f.attribute).filter(Boolean));
    schema.dataOptions = schema.fields.find((f) => f.kind === 'dataOptions').choices;
    return deepFreeze(schema);
  });
  return wasmLoading;
}

/** The styles as one constructable sheet, shared by every instance (a <style> element where unsupported). */
const SHEET = (() => {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    return sheet;
  } catch {
    return null;
  }
})();

let instanceCount = 0;

export class RegularizationExplorer extends HTMLElement {
  #x = null;
  #started = false;
  #uid = `rx${++instanceCount}`;
  #ready;
  #settle;

  /** The look and the lesson; state attributes, named by Rust's field table, are watched by a MutationObserver. */
  static get observedAttributes() {
    return [...LOOK_ATTRIBUTES, 'lesson'];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#ready = new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    // A failed load is shown in the element; don't also report it as unhandled.
    this.#ready.catch(() => {});
  }

  /** Resolves once the wasm is loaded and the first render is done. */
  get ready() {
    return this.#ready;
  }

  #require() {
    if (!this.#x) throw new Error('regularization-explorer is not ready yet: await el.ready first');
    return this.#x;
  }

  /** A plain-object snapshot of the state. */
  get state() {
    return this.#x ? JSON.parse(this.#x.model.stateJson()) : null;
  }

  /** A read-only snapshot of the current model. */
  get result() {
    return this.#x ? deepFreeze(JSON.parse(this.#x.model.resultJson())) : null;
  }

  /** Merges, validates (clamps), refits and redraws. Throws, changing nothing, on a bad patch. */
  setState(patch) {
    const x = this.#require();
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
      throw new TypeError('setState takes an object, e.g. {penalty: "lasso", lambda: 0.01}');
    }
    x.applyHere(patch);
    // A change through the API is one step of its own (a drag in the UI is one step when it pauses).
    x.refresh({ record: false });
    x.history.commitNow();
    return this.state;
  }

  /**
   * Parses pasted text; returns {ok, rows, columns, warnings, errors, detected, summary}. `options`
   * may fix {delimiter, decimal, header} (each 'auto' by default). On failure the old data stays.
   */
  loadData(text, options = {}) {
    return this.#require().loadHere(text, options);
  }

  /** Undoes the last change (a whole drag or paste is one). Returns whether there was one. */
  undo() {
    return this.#x ? this.#x.history.undo() : false;
  }

  /** Redoes the last undone change. Returns whether there was one. */
  redo() {
    return this.#x ? this.#x.history.redo() : false;
  }

  /** A link to the full page on this state (pasted data included where it fits). */
  shareLink() {
    return this.#require().share.link();
  }

  /** The embed code: the element with its attributes and inline data, and an iframe. */
  embedCode() {
    return this.#require().share.embedCode();
  }

  /**
   * The SVG of a panel as the export writes it: 'fit', 'paths', 'geometry', 'errors', 'bias' or
   * 'all' (the four main panels), at the panels' size on screen. Throws for another name.
   */
  svg(panel = 'all') {
    const x = this.#require();
    const canvas = x.panels.canvases[panel === 'all' ? 'fit' : panel];
    if (!canvas) throw new Error(`svg takes 'fit', 'paths', 'geometry', 'errors', 'bias' or 'all', not ${JSON.stringify(String(panel)).slice(0, 40)}`);
    return x.model.svg(panel, Math.max(1, canvas.clientWidth), Math.max(1, canvas.clientHeight));
  }

  /** Starts a lesson: a name of a built-in one ('overfitting') or an object {title, steps}. */
  startLesson(lesson = 'overfitting') {
    this.#require().lessons.start(lesson);
  }

  /** Ends the lesson; the state stays where it is. */
  endLesson() {
    this.#x?.lessons.end();
  }

  /** The lesson's position: {title, step, steps, revealed}, or null. */
  get lesson() {
    return this.#x?.lessons.position ?? null;
  }

  /** Whether the λ sweep is playing. */
  get playing() {
    return this.#x?.sweep.playing ?? false;
  }

  connectedCallback() {
    if (this.#started) {
      this.#x?.panels.observe();
      return;
    }
    this.#started = true;
    loadWasm()
      .then((schema) => {
        const model = new Explorer();
        const x = new Instance(this, null, schema);
        // A call that traps (what a Rust panic becomes) reports the crash once, then rethrows.
        x.model = new Proxy(model, {
          get(target, key) {
            const value = Reflect.get(target, key, target);
            if (typeof value !== 'function') return value;
            return (...args) => {
              try {
                return value.apply(target, args);
              } catch (error) {
                if (error instanceof WebAssembly.RuntimeError) x.crash(error);
                throw error;
              }
            };
          },
        });
        let styles = null;
        if (SHEET !== null) this.shadowRoot.adoptedStyleSheets = [SHEET];
        else styles = h('style', {}, STYLES);
        build(x, this.#uid, styles);
        this.#x = x;
        applyLook(x);
        window.matchMedia?.('(forced-colors: active)').addEventListener?.('change', () => x.guard(() => {
          applyColors(x);
          x.panels.draw();
        }));
        applySetup(x);
        this.#watchStateAttributes(x);
        x.storage.restore();
        if (this.hasAttribute('url-state') && new URLSearchParams(location.search).has('v')) applyLink(x, location.search);
        x.refresh({ record: false });
        x.history.start();
        x.panels.observe();
        x.lessons.startSupplied();
        this.#settle.resolve();
      })
      .catch((error) => {
        this.shadowRoot.replaceChildren(h('div', { class: 'fatal', role: 'alert' },
          `The explorer could not start: ${error?.message ?? error}. Reload the page to try again.`));
        this.#settle.reject(error);
      });
  }

  /** Attribute changes after load are applied live. */
  attributeChangedCallback(name, oldValue, newValue) {
    const x = this.#x;
    if (oldValue === newValue || !x) return;
    x.guard(() => {
      if (LOOK_ATTRIBUTES.includes(name)) applyLook(x);
      else if (name === 'lesson') {
        if (newValue !== null) x.lessons.startSupplied();
      }
    });
  }

  /** State attributes changed after load: applied live (the names come from the field table). */
  #watchStateAttributes(x) {
    new MutationObserver((records) => x.guard(() => {
      for (const { attributeName: name, oldValue } of records) {
        const value = this.getAttribute(name);
        if (x.schema.attributes.has(name) && value !== null && value !== oldValue) attributeChanged(x, name, value);
      }
    })).observe(this, { attributes: true, attributeOldValue: true });
  }

  disconnectedCallback() {
    this.#x?.pause();
  }
}

