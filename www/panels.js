// The panels: one canvas each, sized for the device-pixel ratio from a ResizeObserver (so drawing
// never reads layout), drawn by Rust. A click or drag on the path, error or bias panel sets λ there
// (Rust maps the pixel to λ).
import { h } from './dom.js';

const PANELS = [
  ['fit', 'The data and the fitted curve'],
  ['paths', 'Coefficient paths against λ'],
  ['geometry', 'Loss contours and the constraint region on two coefficients'],
  ['errors', 'Train, test and cross-validated error against λ'],
  ['bias', 'Bias squared, variance and expected test error of 20 fits to fresh samples, against λ'],
];
/** The panels whose x-axis is λ. */
const LAMBDA_PANELS = ['paths', 'errors', 'bias'];

export class Panels {
  #x;
  #observer = null;
  /** Each canvas's size in CSS pixels, as the ResizeObserver last reported it. */
  #sizes = new WeakMap();

  constructor(instance) {
    this.#x = instance;
    this.names = PANELS.map(([name]) => name);
    /** The four panels that are always there (the fifth, bias, only with resampled fits). */
    this.main = this.names.slice(0, 4);
    this.labels = Object.fromEntries(PANELS);
    /** The two panels presenter mode shows: the fit and the error curve first (the overfitting demo). */
    this.presented = ['fit', 'errors'];
  }

  /** Presenter mode: shows this main panel (the k-th), beside the one chosen before it. */
  present(k) {
    const name = this.main[k];
    if (!name) return;
    if (!this.presented.includes(name)) this.presented = [this.presented[this.presented.length - 1], name];
    this.#x.refresh({ record: false });
  }

  /** Builds the canvases and their boxes; `on` binds a guarded handler. */
  build(on) {
    const x = this.#x;
    this.canvases = Object.fromEntries(PANELS.map(([name, label]) =>
      [name, h('canvas', { role: 'img', 'aria-label': label, 'data-panel': name })]));
    const fit = this.canvases.fit;
    fit.tabIndex = 0;
    fit.setAttribute('aria-keyshortcuts', '[ ] ArrowLeft ArrowRight ArrowUp ArrowDown Delete');
    this.boxes = Object.fromEntries(PANELS.map(([name]) =>
      [name, h('div', { class: `panel plot-panel ${name}` }, h('div', { class: 'plot' }, this.canvases[name]))]));
    for (const name of LAMBDA_PANELS) {
      const canvas = this.canvases[name];
      const pick = (event) => {
        if (x.locked('lambda')) return;
        const ratio = canvas.width / Math.max(1, canvas.clientWidth);
        const lambda = x.model.lambdaAtPixel(name, event.offsetX * ratio);
        if (lambda !== undefined) x.worker.request({ lambda });
      };
      on(canvas, 'pointerdown', (event) => {
        canvas.setPointerCapture?.(event.pointerId);
        pick(event);
      });
      on(canvas, 'pointermove', (event) => event.buttons === 1 && pick(event));
    }
    return h('div', { class: 'panels' }, ...Object.values(this.boxes));
  }

  /** Starts (or restarts, after a move in the page) watching the canvases' sizes. */
  observe() {
    if (this.#observer) return;
    this.#observer = new ResizeObserver((entries) => this.#x.guard(() => {
      for (const entry of entries) {
        const box = entry.contentBoxSize?.[0];
        this.#sizes.set(entry.target, box
          ? { width: Math.round(box.inlineSize), height: Math.round(box.blockSize) }
          : { width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
      }
      this.draw();
    }));
    for (const canvas of Object.values(this.canvases)) this.#observer.observe(canvas);
  }

  /** Stops watching (disconnected, or the module is dead). */
  unobserve() {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  /** Draws every panel; `announce`: then fires 'render' (else the caller does, when done). */
  draw({ announce = true } = {}) {
    const { model, el } = this.#x;
    if (!model) return;
    const started = performance.now();
    const ratio = window.devicePixelRatio || 1;
    for (const name of this.names) {
      const canvas = this.canvases[name];
      // CSS pixels as the observer last reported them (before its first report, read once).
      const css = this.#sizes.get(canvas) ?? { width: canvas.clientWidth, height: canvas.clientHeight };
      const width = Math.round(css.width * ratio);
      const height = Math.round(css.height * ratio);
      if (width === 0 || height === 0) continue;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      model.render(name, canvas, ratio);
    }
    if (announce) el.dispatchEvent(new CustomEvent('render', { detail: { ms: performance.now() - started } }));
  }

  /** The panels' text alternatives, from Rust's descriptions; the bias panel only when shown. */
  sync(state, result) {
    // In presenter mode two panels show at a time, the two last chosen (keys 5–8).
    const presenting = this.#x.ui.app.dataset.theme === 'presenter';
    for (const name of this.main) this.boxes[name].hidden = presenting && !this.presented.includes(name);
    this.boxes.bias.hidden = !state.showResamples || presenting;
    for (const name of this.names) {
      const text = name === 'bias'
        ? (result.biasVariance ? this.labels.bias : 'Bias and variance need a synthetic preset and a penalty.')
        : result.descriptions[name];
      if (this.canvases[name].getAttribute('aria-label') !== text) this.canvases[name].setAttribute('aria-label', text);
    }
  }
}
