// How an author or a link sets an instance up: inline data in a child <script type="text/csv">, the
// state attributes (named in Rust's field table), the look attributes (controls shown and locked,
// height, theme), and a link's state, look and packed data. Every part goes through the one apply
// path; what does not fit is named in the notices.
import { Explorer } from './pkg/regularization_explorer.js';
import { h } from './dom.js';
import { readInline, unpackText } from './share.js';

/** Plots are at least and at most this many CSS pixels high (the `height` attribute). */
const HEIGHT_RANGE = [120, 4000];

/** The author's look: which controls show and which are locked, the panel height and theme. */
export function applyLook(x) {
  const { el, ui, schema } = x;
  const known = new Set(schema.controls.map(({ name }) => name));
  const names = (attribute) => {
    const value = el.getAttribute(attribute);
    if (value === null) return null;
    return new Set(value.split(',').map((s) => s.trim()).filter((s) => known.has(s)));
  };
  const shown = names('controls');
  const locked = names('locked') ?? new Set();
  for (const block of ui.app.querySelectorAll('[data-control]')) {
    block.toggleAttribute('data-off', shown !== null && !shown.has(block.dataset.control));
    block.toggleAttribute('data-locked', locked.has(block.dataset.control));
  }
  // No control left in the side column: the panels take the whole width.
  const inColumn = [...ui.controls.querySelectorAll('[data-control]')].some((block) => !block.hasAttribute('data-off'));
  ui.app.classList.toggle('no-controls', !inColumn);
  x.lockedNames = locked;
  x.applyLocks();
  const height = Number.parseFloat(el.getAttribute('height') ?? '');
  if (Number.isFinite(height) && height >= HEIGHT_RANGE[0] && height <= HEIGHT_RANGE[1]) {
    el.style.setProperty('--rx-plot-height', `${height}px`);
  } else {
    el.style.removeProperty('--rx-plot-height');
  }
  const theme = schema.themes.includes(el.getAttribute('theme')) ? el.getAttribute('theme') : schema.themes[0];
  ui.app.dataset.theme = theme;
  applyColors(x);
  x.refresh({ record: false });
}

/** The panels' colours: the theme's, or the system's in forced-colors mode. */
export function applyColors(x) {
  const forced = window.matchMedia?.('(forced-colors: active)').matches;
  if (!forced) {
    x.model.setTheme(x.ui.app.dataset.theme ?? x.schema.themes[0]);
    return;
  }
  // Set through the CSSOM: a style attribute is blocked by a policy without 'unsafe-inline'.
  const probe = h('span');
  Object.assign(probe.style, { color: 'CanvasText', backgroundColor: 'Canvas', border: '1px solid Highlight', position: 'absolute' });
  x.el.shadowRoot.append(probe);
  const computed = getComputedStyle(probe);
  const rgb = (text) => (text.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
  x.model.setForcedColors(rgb(computed.backgroundColor), rgb(computed.color), rgb(computed.borderTopColor));
  probe.remove();
}

/** The author's set-up: inline data in a child <script type="text/csv">, then the attributes. */
export function applySetup(x) {
  const inline = x.el.querySelector('script[type="text/csv"]');
  if (inline) {
    let report;
    try {
      const { text, options } = readInline(inline);
      report = JSON.parse(x.model.loadData(text, JSON.stringify(options)));
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      report = JSON.parse(Explorer.failedLoadJson(error.message));
    }
    if (!report.ok) {
      // It stays on screen until other data is loaded: a refresh does not clear it.
      x.standing(`The inline data could not be read, so the default data is shown: ${report.errors
        .slice(0, 5).map((e) => e.text).join('; ')}`);
      x.paste.show(report);
    }
  }
  const present = Object.fromEntries(x.el.getAttributeNames()
    .filter((name) => x.schema.attributes.has(name)).map((name) => [name, x.el.getAttribute(name)]));
  applyAttributes(x, present);
}

/** Applies state attributes all at once if they fit, else one by one, naming the ones that do not. */
export function applyAttributes(x, attributes) {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return;
  const patchOf = (chosen) => Explorer.attributePatchJson(JSON.stringify(Object.fromEntries(chosen)));
  try {
    x.model.setState(patchOf(entries));
    return;
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) throw error;
    // Some attribute does not fit: apply the others and say which.
  }
  const refused = [];
  for (const entry of entries) {
    try {
      x.model.setState(patchOf([entry]));
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      refused.push(`${entry[0]}="${entry[1]}": ${error.message}`);
    }
  }
  if (refused.length > 0) queueMicrotask(() => x.notice(`Attributes ignored: ${refused.join('; ')}`));
}

/** An attribute changed after load: like any change, in order behind work under way. */
export function attributeChanged(x, name, value) {
  const label = `Attribute ignored: ${name}="${value}"`;
  let patch;
  try {
    patch = JSON.parse(Explorer.attributePatchJson(JSON.stringify({ [name]: value })));
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) throw error;
    x.notice(`${label}: ${error.message}`);
    return;
  }
  x.worker.request(patch, { label });
}

/**
 * A link's state (a url-state page): applied on top of what was restored (its keys win over a
 * restore still under way; a link that names its data supersedes the saved data), then its look,
 * then its packed data, unpacked and read (in the worker when large) with the link's choices.
 */
export function applyLink(x, query) {
  const link = JSON.parse(Explorer.readLinkJson(query));
  const patch = JSON.stringify(link.patch);
  x.model.applyQuery(query);
  x.worker.changedHere({ keys: Object.keys(link.patch), data: Explorer.replacesData(patch) });
  const { controls, locked, theme } = link.look;
  if (controls !== null) x.el.setAttribute('controls', controls);
  if (locked !== null) x.el.setAttribute('locked', locked);
  if (theme !== null) x.el.setAttribute('theme', theme);
  if (link.data !== null) applyLinkData(x, link);
}

async function applyLinkData(x, link) {
  // New data from anywhere while the link's data unpacks is newer: it wins.
  const version = x.model.dataVersion();
  let text;
  try {
    text = await unpackText(link.data);
  } catch (error) {
    x.standing(`The link's data could not be read (${error.message}); the default data is shown.`);
    return;
  }
  if (x.crashed || x.model.dataVersion() !== version) return;
  const report = x.worker.load(text, link.dataOptions ?? {}, { then: link.patch, origin: 'link', record: false });
  if (report === null) return;
  if (!report.ok) {
    x.standing(`The link's data could not be read (${report.summary}); the default data is shown.`);
    return;
  }
  x.refresh({ record: false });
  x.history.start();
}
