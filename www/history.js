// Undo and redo: snapshots of the state (as JSON, with the pasted text shared by reference), one
// per pause in the changes, so that a drag or a paste is one step.
const HISTORY_LIMIT = 500;
const COMMIT_DELAY_MS = 400;

export class History {
  #x;
  #past = [];
  #future = [];
  #committed = null;
  #timer = 0;

  constructor(instance) {
    this.#x = instance;
  }

  /** A snapshot: the state as JSON, and the pasted text shared by reference. */
  #snapshot() {
    return { state: JSON.stringify(this.#x.lite()), data: this.#x.dataText() };
  }

  /** Takes the current state as the first step (after load, or after a link's data arrived). */
  start() {
    this.#committed = this.#snapshot();
  }

  /** Undoes the last change (a whole drag or paste is one). Returns whether there was one. */
  undo() {
    return this.#travel(this.#past, this.#future);
  }

  /** Redoes the last undone change. Returns whether there was one. */
  redo() {
    return this.#travel(this.#future, this.#past);
  }

  #travel(from, to) {
    this.commitNow();
    if (from.length === 0) return false;
    const target = from.pop();
    to.push(this.#committed);
    this.#committed = target;
    const patch = Object.fromEntries(Object.entries(JSON.parse(target.state)).filter(([, value]) => value !== null));
    if (target.data !== null && target.data !== this.#x.dataText()) patch.data = target.data;
    this.#x.worker.request(patch, { record: false });
    return true;
  }

  /** Records the state as one step, a moment after the last change, so a drag is one step. */
  schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#x.guard(() => this.commitNow()), COMMIT_DELAY_MS);
  }

  /** Records the state as one step now, if it changed. */
  commitNow() {
    clearTimeout(this.#timer);
    const current = this.#snapshot();
    if (this.#committed === null) {
      this.#committed = current;
    } else if (current.state !== this.#committed.state || current.data !== this.#committed.data) {
      this.#past.push(this.#committed);
      if (this.#past.length > HISTORY_LIMIT) this.#past.shift();
      this.#future = [];
      this.#committed = current;
    }
    this.updateButtons();
  }

  /** Stops the pending commit (after a trap nothing more calls into the module). */
  stop() {
    clearTimeout(this.#timer);
  }

  /** Undo is possible with a past step or an uncommitted change; redo with a future step. */
  updateButtons() {
    const { undo, redo } = this.#x.ui;
    const current = this.#snapshot();
    undo.disabled = this.#past.length === 0
      && current.state === this.#committed?.state && current.data === this.#committed?.data;
    redo.disabled = this.#future.length === 0;
  }
}
