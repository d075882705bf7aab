// Editing points: on the fit panel with a pointer (click to add, drag to move), with the keyboard
// (with the fit panel focused, [ and ] pick a point, the arrows move it, Delete removes it), and in
// the list of points. Every edit is a change of the data, through the one apply path.
import { Explorer } from './pkg/regularization_explorer.js';
import { h } from './dom.js';

/** The list shows this many points. */
const POINT_ROWS = 200;
/** An arrow key moves the point by this share of the plot (Shift: the larger). */
const NUDGE = 0.01;
const NUDGE_FAR = 0.1;
const NUDGES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
/** A pointer within this many CSS pixels of a point picks it. */
const PICK_RADIUS = 10;

export class Points {
  #x;
  /** The pointer gesture on the fit panel: its pointer and the point it drags (null: none yet). */
  #gesture = null;

  constructor(instance) {
    this.#x = instance;
  }

  /** The list box; `on` binds a guarded handler. */
  build(on) {
    this.list = h('tbody');
    const add = h('button', { type: 'button' }, 'Add a point');
    this.box = h('details', { class: 'points-box' },
      h('summary', {}, 'Edit the points'),
      h('p', { class: 'hint' }, 'Or on the plot: click to add, drag to move, Delete to remove the ringed point. '
        + 'With the plot focused, [ and ] pick a point, the arrow keys move it (Shift: further).'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'x'),
        h('th', { scope: 'col' }, 'y'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'remove')))),
      this.list),
      h('div', { class: 'buttons' }, add));
    this.status = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    on(this.box, 'toggle', () => this.box.open && this.#x.refresh({ record: false }));
    on(add, 'click', () => {
      const points = JSON.parse(this.#x.model.pointsJson()).points;
      const last = points[points.length - 1] ?? [0, 0];
      this.#edit({ op: 'add', x: last[0], y: last[1] });
    });
    on(this.list, 'change', (event) => {
      const row = event.target.closest('tr');
      if (!row) return;
      const [x, y] = [...row.querySelectorAll('input')].map((input) => Number(input.value));
      this.#edit({ op: 'move', index: Number(row.dataset.index), x, y });
    });
    on(this.list, 'click', (event) => {
      const button = event.target.closest('button');
      if (button) this.#edit({ op: 'remove', index: Number(button.closest('tr').dataset.index) });
    });
    return this.box;
  }

  /**
   * Binds the pointer and keys of the fit panel's canvas. A press picks the point under it or adds
   * one there, and dragging moves that point. From press to release the panel's frame holds
   * (Rust's holdFitFrame), so that a point where the data do not reach stays under the pointer;
   * letting go, a cancel or other data lets the frame go, and the panel rescales once.
   */
  bindCanvas(canvas, on) {
    const x = this.#x;
    const devicePixels = (event) => {
      const ratio = canvas.width / Math.max(1, canvas.clientWidth);
      return [event.offsetX * ratio, event.offsetY * ratio, ratio];
    };
    on(canvas, 'pointerdown', (event) => {
      if (!this.#editable()) return;
      const [px, py, ratio] = devicePixels(event);
      const gesture = { pointerId: event.pointerId, index: null };
      this.#gesture = gesture;
      x.model.holdFitFrame(true);
      canvas.setPointerCapture?.(event.pointerId);
      const hit = x.model.pointAt(px, py, PICK_RADIUS * ratio);
      if (hit !== undefined) {
        x.model.selectPoint(hit);
        gesture.index = hit;
        x.panels.draw();
      } else {
        const at = x.model.dataAt(px, py);
        // The new point is selected, and the drag moves it on (once the edit is made: it may wait its turn).
        if (at) this.#edit({ op: 'add', x: at[0], y: at[1] }, () => { gesture.index = x.model.selectedPoint() ?? null; });
      }
    });
    on(canvas, 'pointermove', (event) => {
      const gesture = this.#gesture;
      if (gesture?.index == null || event.pointerId !== gesture.pointerId || event.buttons !== 1) return;
      // Other data came in under the pointer (and let the frame go): the drag is over.
      if (!x.model.fitFrameHeld()) {
        this.#release(event);
        return;
      }
      const [px, py] = devicePixels(event);
      const at = x.model.dataAt(px, py);
      if (at) this.#edit({ op: 'move', index: gesture.index, x: at[0], y: at[1] });
    });
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture']) on(canvas, type, (event) => this.#release(event));
    on(canvas, 'keydown', (event) => {
      if (!this.#editable()) return;
      if (event.key === '[' || event.key === ']') {
        event.preventDefault();
        x.model.selectStep(event.key === ']' ? 1 : -1);
        x.panels.draw();
        this.#say();
      } else if (NUDGES[event.key] && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        if (x.model.selectedPoint() === undefined) x.model.selectStep(1);
        const step = event.shiftKey ? NUDGE_FAR : NUDGE;
        const [dx, dy] = NUDGES[event.key];
        this.#change(() => x.model.nudgePoint(dx * step, dy * step));
        this.#say();
      }
    });
  }

  #editable() {
    return this.#x.model.pointsEditable() && !this.#x.locked('points');
  }

  /** Removes the picked point; returns whether there was one to remove. */
  removeSelected() {
    const chosen = this.#x.model.selectedPoint();
    if (chosen === undefined || this.#x.locked('points')) return false;
    this.#edit({ op: 'remove', index: chosen });
    return true;
  }

  /** Ends the gesture of this event's pointer: the frame is let go and the panel rescales. */
  #release(event) {
    if (this.#gesture?.pointerId !== event.pointerId) return;
    this.#gesture = null;
    this.#x.model.holdFitFrame(false);
    this.#x.panels.draw();
  }

  /** Makes an edit (now, or in its turn); `then` runs right after it is made. */
  #edit(change, then = () => {}) {
    this.#change(() => {
      this.#x.model.editPoints(JSON.stringify(change));
      then();
    });
  }

  /**
   * An edit is new data, made on the data shown: here and now, or, while work is under way, in the
   * queue behind it (work already sent finishes first; data that comes later supersedes the edit).
   */
  #change(edit) {
    const x = this.#x;
    if (x.worker.busy) {
      x.worker.enqueue(x.worker.job({ kind: 'edit', edit }));
      return;
    }
    try {
      edit();
      x.worker.changedHere({ data: true });
      x.refresh();
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      x.notice(error.message);
    }
  }

  /** The list of points, filled when it is open. */
  sync() {
    const { model } = this.#x;
    const editable = model.pointsEditable();
    this.box.hidden = !editable;
    if (!editable || !this.box.open) return;
    const { points } = JSON.parse(model.pointsJson());
    this.list.replaceChildren(...points.slice(0, POINT_ROWS).map(([px, py], index) => {
      const cell = (value, label) => h('td', {}, h('input', { type: 'number', step: 'any', value, 'aria-label': label }));
      return h('tr', { 'data-index': index }, h('td', {}, String(index + 1)),
        cell(px, `x of point ${index + 1}`), cell(py, `y of point ${index + 1}`),
        h('td', {}, h('button', { type: 'button', 'aria-label': `Remove point ${index + 1}` }, '×')));
    }));
  }

  /** Says which point is picked, and where, to a screen reader (the text from Rust). */
  #say() {
    const index = this.#x.model.selectedPoint();
    this.status.textContent = index === undefined ? '' : this.#x.model.pointText(index);
  }
}
