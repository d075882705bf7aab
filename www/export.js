// Export: a picture of one panel or all four (PNG at the screen's resolution or 2×, or SVG, drawn by
// Rust), and the data, the coefficients or the path as CSV (written by Rust).
import { h } from './dom.js';

export class Export {
  #x;

  constructor(instance) {
    this.#x = instance;
  }

  /** Builds the export box; `on` binds a guarded handler. */
  build(id, on, field, select) {
    const { panels } = this.#x;
    const panel = select('export-panel', [['all', 'all four panels'], ...panels.names.map((name) => [name, `the ${name} panel`])]);
    const pictures = [['png', 'PNG'], ['png2', 'PNG 2×'], ['svg', 'SVG']].map(([kind, label]) => {
      const button = h('button', { type: 'button', 'data-export': kind }, label);
      on(button, 'click', () => this.picture(panel.value, kind));
      return button;
    });
    const tables = [['data', 'data'], ['coefficients', 'coefficients'], ['path', 'path']].map(([kind, label]) => {
      const button = h('button', { type: 'button', 'data-csv': kind }, `${label} CSV`);
      on(button, 'click', () => this.csv(kind));
      return button;
    });
    return h('details', { class: 'export-box' },
      h('summary', {}, 'Export'),
      field('Picture of', id('export-panel'), panel),
      h('div', { class: 'buttons' }, ...pictures),
      h('div', { class: 'buttons' }, ...tables));
  }

  /** Saves a picture of one panel or all four: PNG at the screen's resolution or 2×, or SVG. */
  async picture(panel, kind) {
    const { model, panels } = this.#x;
    const names = panel === 'all' ? panels.main : [panel];
    const first = panels.canvases[names[0]];
    const [width, height] = [Math.max(1, first.clientWidth), Math.max(1, first.clientHeight)];
    const file = `regularization-explorer-${panel}`;
    try {
      if (kind === 'svg') {
        this.#download(new Blob([model.svg(panel, width, height)], { type: 'image/svg+xml' }), `${file}.svg`);
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
        model.render(name, canvas, ratio);
        context.drawImage(canvas, (k % columns) * canvas.width, Math.floor(k / columns) * canvas.height);
      });
      const blob = await new Promise((resolve) => sheet.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('the browser could not make a PNG');
      this.#download(blob, `${file}${kind === 'png2' ? '@2x' : ''}.png`);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      this.#x.notice(`Export failed: ${error.message}`);
    } finally {
      // Drawing elsewhere moved the pointer maps: draw the panels on screen again.
      if (!this.#x.crashed) panels.draw();
    }
  }

  /** Saves the data, the coefficients or the path as CSV. */
  csv(kind) {
    const { model } = this.#x;
    const text = { data: () => model.dataCsv(), coefficients: () => model.coefficientsCsv(), path: () => model.pathCsv() }[kind]();
    this.#download(new Blob([text], { type: 'text/csv' }), `regularization-explorer-${kind}.csv`);
  }

  #download(blob, name) {
    const link = h('a', { href: URL.createObjectURL(blob), download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.#x.el.dispatchEvent(new CustomEvent('export', { detail: { name, size: blob.size } }));
  }
}
