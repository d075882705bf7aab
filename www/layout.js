// The instance's page inside its shadow root: the header with the caption and the tools, the
// controls (built from Rust's field table by controls.js), the panels, and the text around them.
// Built with createElement and textContent only: nothing from a user reaches innerHTML.
import { h } from './dom.js';
import { KEYS, bindKeys } from './keys.js';

/** Builds the page of instance `x` in its shadow root, and binds every handler under x.guard. */
export function build(x, uid, styles) {
  const id = (name) => `${uid}-${name}`;
  const on = (target, type, handler) => target.addEventListener(type, (event) => x.guard(() => handler(event)));
  const field = (label, forId, control) =>
    h('div', { class: 'field' }, h('div', { class: 'row' }, h('label', { for: forId }, label)), control);
  const select = (name, options) =>
    h('select', { id: id(name) }, ...options.map(([value, label]) => h('option', { value }, label)));
  const tool = (label, attrs = {}) => h('button', { type: 'button', class: 'tool', ...attrs }, label);

  const panels = x.panels.build(on);
  x.points.bindCanvas(x.panels.canvases.fit, on);
  const undo = h('button', { type: 'button', 'aria-keyshortcuts': 'Control+Z' }, 'Undo');
  const redo = h('button', { type: 'button', 'aria-keyshortcuts': 'Control+Shift+Z' }, 'Redo');
  on(undo, 'click', () => x.history.undo());
  on(redo, 'click', () => x.history.redo());
  const useMin = h('button', { type: 'button' }, 'use λ_min');
  const use1se = h('button', { type: 'button' }, 'use λ_1se');
  on(useMin, 'click', () => {
    const cv = x.summary().cv;
    if (cv) x.worker.request({ lambda: cv.lambdaMin });
  });
  on(use1se, 'click', () => {
    const cv = x.summary().cv;
    if (cv) x.worker.request({ lambda: cv.lambda1se });
  });
  const newSample = h('button', { type: 'button' }, 'New sample');
  on(newSample, 'click', () => x.worker.request({ seed: (x.lite().seed ?? 0) + 1 }));
  const blocks = x.controls.build(id, on, {
    paste: x.paste.build(id, on, select),
    points: x.points.build(on),
    sample: h('div', { class: 'buttons' }, newSample),
    cv: h('div', { class: 'buttons' }, useMin, use1se),
    history: h('div', { class: 'buttons' }, undo, redo),
    share: x.share.build(id, on),
    export: x.exporter.build(id, on, field, select),
  });
  // The stage: the λ control (the log-scale field's block) sits with the panels it moves, as wide
  // as they are, and stays in view while they scroll; the sweep's captions show there too.
  const stageControl = x.schema.fields.find((f) => f.scale === 'log')?.control;
  const stageBlock = blocks.find((block) => block.dataset.control === stageControl);
  stageBlock?.append(h('div', { class: 'ends', 'aria-hidden': 'true' },
    h('span', {}, '← more regularization'), h('span', {}, 'less regularization →')));
  const controls = h('div', { class: 'controls' }, ...blocks.filter((block) => block !== stageBlock));

  // Tools: the sweep, the lesson, presenter mode, fullscreen, the table, the keys.
  const playButton = tool('Play λ sweep', { 'aria-pressed': 'false', 'aria-keyshortcuts': 'P' });
  const lessonButton = tool('Lesson');
  const presenterButton = tool('Presenter', { 'aria-pressed': 'false' });
  const fullscreenButton = tool('Fullscreen', { 'aria-keyshortcuts': 'F' });
  const tableButton = tool('Show as table', { 'aria-pressed': 'false' });
  const keysButton = tool('Keys', { 'aria-keyshortcuts': 'Shift+?', 'aria-haspopup': 'dialog' });
  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Tools' },
    playButton, lessonButton, presenterButton, fullscreenButton, tableButton, keysButton);
  const keysDialog = h('dialog', { class: 'keys', 'aria-labelledby': id('keys-title') },
    h('h3', { id: id('keys-title') }, 'Keys (while the explorer has focus)'),
    h('table', {}, h('tbody', {}, ...KEYS.map(([keys, what]) => h('tr', {}, h('th', { scope: 'row' }, h('kbd', {}, keys)), h('td', {}, what))))),
    h('form', { method: 'dialog' }, h('button', { type: 'submit' }, 'Close')));
  on(playButton, 'click', () => x.sweep.toggle());
  on(lessonButton, 'click', () => x.lessons.startSupplied() || x.lessons.start('overfitting'));
  on(presenterButton, 'click', () => x.togglePresenter());
  on(fullscreenButton, 'click', () => x.toggleFullscreen());
  on(tableButton, 'click', () => {
    x.showTable = !x.showTable;
    x.refresh({ record: false });
  });
  on(keysButton, 'click', () => keysDialog.showModal());

  const caption = h('p', { class: 'caption' });
  const status = h('p', { class: 'status', role: 'status' });
  const sweepNote = h('p', { class: 'sweep-note', 'aria-live': 'polite' });
  // What the model does, in words: shown at once, and spoken after a pause in the changes.
  const explanation = h('p', { class: 'explanation' });
  const spoken = h('p', { class: 'visually-hidden spoken', 'aria-live': 'polite' });
  const objective = h('div', { class: 'objective panel', role: 'group', 'aria-label': 'Objective' });
  const summary = h('div', { class: 'summary' });
  const table = h('table', {}, h('caption', { hidden: true }, 'Coefficients'));
  const notices = h('ul', { class: 'notices', role: 'status' });
  const dataTable = h('table', {});
  const dataTableBox = h('div', { class: 'panel data-table', hidden: true },
    h('h3', {}, 'The data'), h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'The data as a table' }, dataTable));
  const stage = h('div', { class: 'stage' }, ...(stageBlock ? [stageBlock] : []), sweepNote);
  // Parts an author can hide by name (controls=), like the controls.
  const part = (name, element) => {
    element.dataset.control = name;
    return element;
  };
  const main = h('div', { class: 'main', 'aria-busy': 'false' }, status, x.points.status, x.lessons.build(on, tool),
    stage, panels, explanation, spoken, notices,
    part('table', objective), part('table', h('div', { class: 'panel' }, summary, table)), dataTableBox);
  const app = h('div', { class: 'app', part: 'app' },
    h('header', {}, part('heading', h('h2', {}, 'Regularization explorer')), part('heading', caption), part('toolbar', toolbar)),
    controls, main, keysDialog);
  x.el.shadowRoot.append(...(styles ? [styles] : []), app);
  x.ui = {
    app, controls, main, status, caption, objective, summary, table, notices, explanation, spoken, sweepNote,
    dataTable, dataTableBox, keysDialog, playButton, presenterButton, tableButton, undo, redo, useMin, use1se,
  };
  bindKeys(x, on);
}
