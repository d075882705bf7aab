// The keys: one keymap for the ? list and the handler, and one rule (isTyping) for when a key
// belongs to what the user types instead. Keys act only while focus is inside this instance, and a
// locked control ignores its keys.
import { isTyping } from './dom.js';

/** The ? list: [keys, what they do]. */
export const KEYS = [
  ['−  or  _', 'λ smaller'],
  ['+  or  =', 'λ larger'],
  ['d  /  Shift+D', 'degree down / up'],
  ['1  2  3  4', 'penalty: OLS, ridge, lasso, elastic net'],
  ['p', 'play or pause the λ sweep'],
  ['5  6  7  8', 'presenter mode: show the fit, path, geometry or error panel (two at a time)'],
  ['n', 'a new sample (synthetic data)'],
  ['f', 'fullscreen on or off'],
  ['u  /  Shift+U  (or Ctrl+Z / Ctrl+Shift+Z)', 'undo / redo'],
  ['>  /  <', 'next / previous lesson step'],
  ['r', 'reveal the lesson step\'s answer'],
  ['[  /  ]', 'with the fit panel focused: pick the previous / next point'],
  ['arrow keys, Delete', 'with the fit panel focused: move the picked point, remove it'],
  ['?', 'this list'],
];

/** A λ key moves the slider's position by this share of its range. */
const LAMBDA_STEP = 0.02;

/** What each plain key does: [control it belongs to (a lock stops it), action]. */
function keymap(x) {
  const state = () => x.lite();
  // λ has no effect now (OLS): its keys do nothing (Rust says which fields are inactive).
  const lambdaIdle = () => JSON.parse(x.model.textsJson()).inactive.includes('lambda');
  const lambdaStep = (sign) => {
    if (lambdaIdle()) return;
    x.sweep.stop();
    // A larger λ is further left on the slider (position 0 is λ_max).
    const position = Math.min(1, Math.max(0, x.model.lambdaPosition() - sign * LAMBDA_STEP));
    x.worker.request({ lambda: x.model.lambdaAt(position) });
  };
  // 1 to 4: the choices of the field the penalty block shows, in the table's order.
  const penalty = x.schema.fields.find((f) => f.control === 'penalty' && f.kind === 'choice');
  const choose = (k) => () => {
    const choice = penalty?.choices[k];
    if (choice) x.worker.request({ [penalty.name]: choice.value });
  };
  return {
    '-': ['lambda', () => lambdaStep(-1)],
    _: ['lambda', () => lambdaStep(-1)],
    '+': ['lambda', () => lambdaStep(1)],
    '=': ['lambda', () => lambdaStep(1)],
    d: ['degree', () => x.worker.request({ degree: state().degree - 1 })],
    D: ['degree', () => x.worker.request({ degree: state().degree + 1 })],
    1: ['penalty', choose(0)],
    2: ['penalty', choose(1)],
    3: ['penalty', choose(2)],
    4: ['penalty', choose(3)],
    5: [null, () => x.panels.present(0)],
    6: [null, () => x.panels.present(1)],
    7: [null, () => x.panels.present(2)],
    8: [null, () => x.panels.present(3)],
    p: ['lambda', () => x.sweep.toggle()],
    P: ['lambda', () => x.sweep.toggle()],
    n: ['sample', () => state().n !== null && x.worker.request({ seed: (state().seed ?? 0) + 1 })],
    f: [null, () => x.toggleFullscreen()],
    F: [null, () => x.toggleFullscreen()],
    u: ['history', () => x.history.undo()],
    U: ['history', () => x.history.redo()],
    '>': [null, () => x.lessons.go(1)],
    '<': [null, () => x.lessons.go(-1)],
    r: [null, () => x.lessons.reveal()],
    '?': [null, () => x.ui.keysDialog.showModal()],
  };
}

/** Binds the instance's keys to its host element; `on` binds a guarded handler. */
export function bindKeys(x, on) {
  const keys = keymap(x);
  on(x.el, 'keydown', (event) => {
    const target = event.composedPath()[0];
    if (event.defaultPrevented || isTyping(target)) return;
    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y: undo and redo.
    if (event.ctrlKey || event.metaKey) {
      const key = event.key.toLowerCase();
      if (x.locked('history') || event.altKey) return;
      if (key === 'z' && !event.shiftKey) x.history.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') x.history.redo();
      else return;
      event.preventDefault();
      return;
    }
    if (event.altKey) return;
    // Delete or Backspace removes the picked point (not while a control has focus).
    if (['Delete', 'Backspace'].includes(event.key)) {
      if (target instanceof HTMLInputElement) return;
      if (x.points.removeSelected()) event.preventDefault();
      return;
    }
    const entry = keys[event.key];
    if (!entry || !x.model) return;
    const [control, act] = entry;
    if (control === null || !x.locked(control)) act();
    event.preventDefault();
  });
}
