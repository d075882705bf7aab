// The paste box: pasted or typed text, a file (by the picker or dropped), the reading choices, and
// what a load detected or every error with its line and column (texts from Rust). A long paste is
// kept whole and shown in part; a file that is not UTF-8 is read as Latin-1, and said to be.
import { Explorer } from './pkg/regularization_explorer.js';
import { h } from './dom.js';
import { MAX_STORED_TEXT } from './storage.js';

/** Longer pastes are kept whole in memory and shown in part (a text box that lays out megabytes freezes the page). */
const SHOWN_TEXT = 100_000;
const SHOWN_LINES = 500;
const MAX_FILE_BYTES = 10_000_000;

/**
 * A file's text, and a note when it was not UTF-8: a byte-order mark says UTF-16; text that is not
 * valid UTF-8 is read as Windows-1252 (Latin-1 and its superset, what older spreadsheets on Windows
 * save), and the note says so, so that a name like "temp\u00e9rature" is not silently mangled.
 */
export function decodeFile(name, buffer) {
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

export class PasteBox {
  #x;
  /** A paste too long to show whole: the box shows its start. */
  #big = null;

  constructor(instance) {
    this.#x = instance;
  }

  /** Builds the box; `on` binds a guarded handler, `select` makes a select of [value, label]. */
  build(id, on, select) {
    const withLabel = (label, element) => {
      element.setAttribute('aria-label', label);
      return element;
    };
    const choices = this.#x.schema.dataOptions;
    const reading = (key, label) => withLabel(label, select(key, choices[key].map(({ value, label: text }) => [value, text])));
    const ui = {
      text: h('textarea', { id: id('paste'), rows: 6, spellcheck: 'false',
        placeholder: 'Paste two or more columns, e.g. from a spreadsheet:\nx\ty\n0.1\t1.2\n0.4\t0.7' }),
      load: h('button', { type: 'button' }, 'Load pasted data'),
      clear: h('button', { type: 'button', hidden: true }, 'Clear the text'),
      download: h('button', { type: 'button' }, 'Download data as CSV'),
      file: h('input', { type: 'file', id: id('file'), accept: '.csv,.tsv,.txt,text/csv,text/plain' }),
      delimiter: reading('delimiter', 'Delimiter'),
      decimal: reading('decimal', 'Decimal mark'),
      header: reading('header', 'Header row'),
      detected: h('p', { class: 'detected', 'aria-live': 'polite' }),
      errors: h('ul', { class: 'load-errors', role: 'alert' }),
    };
    this.ui = ui;
    this.box = h('details', { class: 'data-box' },
      h('summary', {}, 'Paste or load your own data'),
      h('label', { for: id('paste') }, 'Data (from a spreadsheet, a CSV file or a textbook)'), ui.text,
      h('div', { class: 'buttons' }, ui.load, ui.clear, ui.download),
      h('label', { class: 'file', for: id('file') }, 'Open a file…', ui.file),
      h('div', { class: 'overrides' }, ui.delimiter, ui.decimal, ui.header),
      ui.detected, ui.errors);
    on(ui.text, 'paste', (event) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text.length <= SHOWN_TEXT) return;
      event.preventDefault();
      this.#keep(text);
    });
    on(ui.clear, 'click', () => {
      this.#keep('');
      ui.text.focus();
    });
    on(ui.load, 'click', () => this.#load(this.#pasted()));
    for (const choice of [ui.delimiter, ui.decimal, ui.header]) {
      on(choice, 'change', () => this.#pasted().trim() && this.#load(this.#pasted()));
    }
    on(ui.file, 'change', () => this.#readFile(ui.file.files?.[0]));
    on(ui.download, 'click', () => this.#x.exporter.csv('data'));
    const el = this.#x.el;
    on(el, 'dragover', (event) => {
      if ([...(event.dataTransfer?.types ?? [])].includes('Files')) event.preventDefault();
    });
    on(el, 'drop', (event) => {
      const dropped = event.dataTransfer?.files?.[0];
      if (!dropped) return;
      event.preventDefault();
      return this.#readFile(dropped);
    });
    return this.box;
  }

  #options() {
    const { delimiter, decimal, header } = this.ui;
    return { delimiter: delimiter.value, decimal: decimal.value, header: header.value };
  }

  #pasted() {
    return this.#big ?? this.ui.text.value;
  }

  /** Loads the text (in the worker when long); `note` is shown with the result. */
  #load(text, note = null) {
    const { ui } = this;
    const report = this.#x.worker.load(text, this.#options(), { note });
    if (report === null) {
      ui.detected.textContent = 'Reading the data…';
      ui.errors.replaceChildren();
      return;
    }
    this.show(report);
  }

  /** A long text is kept whole but shown in part, read-only, until it is cleared. */
  #keep(text) {
    const box = this.ui.text;
    this.#big = text.length > SHOWN_TEXT ? text : null;
    box.readOnly = this.#big !== null;
    this.ui.clear.hidden = this.#big === null;
    if (this.#big === null) {
      box.value = text;
      return;
    }
    let end = 0;
    for (let line = 0; line < SHOWN_LINES && end !== -1 && end < SHOWN_TEXT; line += 1) end = text.indexOf('\n', end + 1);
    let lines = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
    const start = text.slice(0, end === -1 ? SHOWN_TEXT : Math.min(end, SHOWN_TEXT));
    box.value = `${start}\n${Explorer.keptTextNote(lines, text.length)}`;
  }

  async #readFile(chosen) {
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      this.show({ ok: false, summary: Explorer.fileTooLarge(chosen.name, chosen.size, MAX_FILE_BYTES), errors: [] });
      return;
    }
    const { text, note } = decodeFile(chosen.name, await chosen.arrayBuffer());
    this.#keep(text);
    this.box.open = true;
    this.#load(this.#pasted(), note);
  }

  /** Shows what a load detected, or every error, under the box (as text only, from Rust). */
  show(report) {
    const { ui } = this;
    ui.detected.textContent = report.summary;
    if (report.ok) {
      const warnings = [...report.warnings];
      if ((this.#x.dataText()?.length ?? 0) > MAX_STORED_TEXT) {
        warnings.push('this data is too large to keep across a reload (over 2 million characters); the other settings are kept');
      }
      ui.errors.replaceChildren(...warnings.map((w) => h('li', { class: 'warning' }, w)));
    } else {
      ui.errors.replaceChildren(...report.errors.map((e) => h('li', {}, e.text)));
    }
  }
}
