// Sharing: the link to the full page (pasted data packed in it where it fits), the embed code (the
// element with its attributes and its data inline, and an iframe), and reading inline data back.
// The link's keys and the attributes come from Rust's field table; this module packs text and
// writes HTML.
import { Explorer } from './pkg/regularization_explorer.js';
import { h } from './dom.js';

/** Links stay under this many characters, data included. */
const MAX_LINK = 2000;
/** The most text a link's data may unpack to (a guard against a deflate bomb). */
const MAX_LINK_TEXT = 10_000_000;
/** Where links and iframes point: the app's own pages, beside the element's folder. */
const APP_PAGE = new URL('../index.html', import.meta.url);
const EMBED_PAGE = new URL('../embed.html', import.meta.url);
/** The classic script that sizes a frame of embed.html on the page that holds it. */
const FRAME_HEIGHT = new URL('./frame-height.js', import.meta.url);
const NOTE_TOO_LARGE = ' The pasted data is too large for a link, so the link leaves it out: it opens these settings on the default data. Use the embed code, which carries the data, or send the file.';

/** Bytes as base64 (btoa takes a binary string; build it in chunks, not one argument per byte). */
function base64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Text, deflated (CompressionStream, built into browsers) and base64url-encoded for a link. */
export async function packText(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text packed by packText; throws on anything else, or past MAX_LINK_TEXT bytes. */
export async function unpackText(packed) {
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

/** Escapes text for an HTML attribute or element, for the embed code. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Inline data must not end its <script> early or start a comment in it (HTML's script data rules). */
const UNSAFE_IN_SCRIPT = /<\/script|<!--|<script/i;
const READING = ['delimiter', 'decimal', 'header'];

/**
 * The inline data of a <script type="text/csv">: as written (trimmed, for hand-written data), or
 * exactly, from base64 of UTF-8 (`data-encoding="base64"`, what the embed code writes when the
 * text would not survive as script text). `data-delimiter`, `data-decimal` and `data-header`
 * fix the reading, as the paste box's choices do.
 */
export function readInline(script) {
  const raw = script.textContent;
  let text;
  if (script.dataset.encoding === 'base64') {
    const bytes = Uint8Array.from(atob(raw.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } else {
    text = raw.trim();
  }
  const options = {};
  for (const key of READING) {
    if (script.dataset[key]) options[key] = script.dataset[key];
  }
  return { text, options };
}

/** The <script type="text/csv"> that carries `text` exactly; readInline reads it back. */
export function writeInline(text, options) {
  const marks = READING.filter((key) => options?.[key] && options[key] !== 'auto')
    .map((key) => ` data-${key}="${escapeHtml(options[key])}"`).join('');
  // Trimming must not change it (a leading tab is an empty first header cell), and it must not
  // end the script early.
  const plain = !UNSAFE_IN_SCRIPT.test(text) && text.trim() === text.replace(/\r?\n$/, '') && !text.includes('\r');
  if (plain) return `<script type="text/csv"${marks}>\n${text.replace(/\r?\n$/, '')}\n  </script>`;
  const lines = base64(new TextEncoder().encode(text)).match(/.{1,76}/g) ?? [];
  return `<script type="text/csv" data-encoding="base64"${marks}>\n${lines.join('\n')}\n  </script>`;
}

/** The share box: copy the link or the embed code, and choose what a lesson link shows and locks. */
export class Share {
  #x;
  #note = '';

  constructor(instance) {
    this.#x = instance;
  }

  /** Builds the box; `on` binds a guarded handler. */
  build(id, on) {
    const { schema } = this.#x;
    const copyLink = h('button', { type: 'button' }, 'Copy link');
    const copyEmbed = h('button', { type: 'button' }, 'Copy embed code');
    this.rows = schema.controls.map(({ name, label }) => h('tr', { 'data-name': name }, h('th', { scope: 'row' }, label),
      h('td', {}, h('input', { type: 'checkbox', checked: true, 'aria-label': `Show ${label}`, 'data-role': 'shown' })),
      h('td', {}, h('input', { type: 'checkbox', 'aria-label': `Lock ${label}`, 'data-role': 'locked' }))));
    this.code = h('textarea', { id: id('share-code'), rows: 5, readonly: true, spellcheck: 'false' });
    this.said = h('p', { class: 'hint', role: 'status' });
    on(copyLink, 'click', () => this.#copy(this.link(), 'The link'));
    on(copyEmbed, 'click', () => this.#copy(this.embedCode(), 'The embed code'));
    return h('details', { class: 'share-box' },
      h('summary', {}, 'Share and embed'),
      h('div', { class: 'buttons' }, copyLink, copyEmbed),
      this.said,
      h('label', { for: id('share-code') }, 'Link or embed code'), this.code,
      h('table', { class: 'lesson' }, h('caption', {}, 'A lesson link shows and locks these controls'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'control'), h('th', { scope: 'col' }, 'shown'), h('th', { scope: 'col' }, 'locked'))),
        h('tbody', {}, ...this.rows)));
  }

  /** The lesson settings chosen in the box: controls shown and locked (null: all, none). */
  #look() {
    const pick = (role) => this.rows
      .filter((row) => row.querySelector(`[data-role="${role}"]`).checked).map((row) => row.dataset.name);
    const shown = pick('shown');
    const locked = pick('locked');
    const theme = this.#x.el.getAttribute('theme');
    return {
      controls: shown.length === this.rows.length ? null : shown.join(','),
      locked: locked.length === 0 ? null : locked.join(','),
      theme: this.#x.schema.themes.includes(theme) && theme !== 'light' ? theme : null,
    };
  }

  /** The link's query; pasted data goes in, compressed, when the query stays within `budget`. */
  async #query(budget) {
    const { model } = this.#x;
    const look = JSON.stringify(this.#look());
    const text = this.#x.dataText();
    this.#note = '';
    if (text !== null) {
      const packed = text.length <= 50 * MAX_LINK ? await packText(text) : null;
      if (packed !== null) {
        const query = model.linkQueryFor(look, packed);
        if (query.length <= budget) return query;
      }
      this.#note = NOTE_TOO_LARGE;
    }
    return model.linkQueryFor(look, null);
  }

  /** A link to the full page on this state, with the controls the box shows and locks. */
  async link() {
    const el = this.#x.el;
    const base = el.hasAttribute('url-state') ? new URL(location.href) : new URL(APP_PAGE);
    const page = `${base.origin}${base.pathname}`;
    return `${page}?${await this.#query(MAX_LINK - page.length - 1)}`;
  }

  /** Two snippets: the element (with its attributes and inline data) and an iframe. */
  async embedCode() {
    const state = this.#x.lite();
    const look = this.#look();
    const attributes = JSON.parse(Explorer.attributesOf(JSON.stringify(state)))
      .map(([name, value]) => `${name}="${escapeHtml(value)}"`);
    for (const name of ['controls', 'locked']) {
      if (look[name] !== null) attributes.push(`${name}="${escapeHtml(look[name])}"`);
    }
    const text = this.#x.dataText();
    // Script content is raw text (escapes are never decoded there), so the data goes in as it
    // is, or as base64 where it would not survive (writeInline).
    const inline = text === null ? '' : `\n  ${writeInline(text, state.dataOptions)}\n`;
    const script = new URL('./regularization-explorer.js', import.meta.url).href;
    const title = `Regularization explorer: ${state.penalty} on ${state.preset ?? 'pasted data'}`;
    const frame = `${EMBED_PAGE.href}?${await this.#query(MAX_LINK - EMBED_PAGE.href.length - 1)}`;
    return `<!-- The element: -->
<script type="module" src="${escapeHtml(script)}"></script>
<regularization-explorer ${attributes.join(' ')}>${inline}</regularization-explorer>

<!-- Or an iframe (for an LMS that strips scripts); the script sizes it to its content: -->
<iframe src="${escapeHtml(frame)}" title="${escapeHtml(title)}" width="100%" height="900" style="border: 0" loading="lazy"></iframe>
<script src="${escapeHtml(FRAME_HEIGHT.href)}"></script>`;
  }

  /** Copies text to the clipboard, and shows it in the box in any case. */
  async #copy(making, what) {
    let text;
    try {
      text = await making;
    } catch (error) {
      this.said.textContent = `${what} could not be made: ${error.message}`;
      return;
    }
    this.code.value = text;
    try {
      await navigator.clipboard.writeText(text);
      this.said.textContent = `${what} is copied.${this.#note}`;
    } catch {
      this.code.select();
      this.said.textContent = `${what} is below: copy it from the box (the clipboard was not available).${this.#note}`;
    }
  }
}

/** A link's look (controls shown and locked, theme) and data, as Rust reads them from the query. */
export function readLink(query) {
  return JSON.parse(Explorer.readLinkJson(query));
}
