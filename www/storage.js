// Persistence: the state is saved to localStorage (versioned, per page and instance, every access
// wrapped) a moment after the last change, and the pasted text under a key of its own, written
// once per data change; on a url-state page the address bar follows the state. A restore of large
// data is one worker job (the data and its saved choices), which newer changes beat.
const STORAGE_VERSION = 1;
const SAVE_DELAY_MS = 400;
/** Pasted text longer than this is not kept across a reload (storage holds about 5 M characters). */
export const MAX_STORED_TEXT = 2_000_000;

/** Whether a storage write failed because the store is full (the name differs by browser). */
function isQuotaError(error) {
  return error instanceof DOMException
    && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22);
}

export class Storage {
  #x;
  #timer = 0;
  /** Which data version's text is in storage, under which id. */
  #saved = { version: -1, id: null };

  constructor(instance) {
    this.#x = instance;
  }

  /** This instance's storage key: versioned, per page and per instance. */
  #key() {
    const el = this.#x.el;
    const index = [...document.querySelectorAll('regularization-explorer')].indexOf(el);
    return `regularization-explorer:v${STORAGE_VERSION}:${location.pathname}:${el.id || index}`;
  }

  /** Where the pasted text of this instance's saved state is kept. */
  #dataKey() {
    return `${this.#key()}:data`;
  }

  /** Brings back the state saved on an earlier visit. Storage may be missing or refuse: then nothing. */
  restore() {
    let saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(this.#key()) ?? 'null');
    } catch {
      return;
    }
    if (saved?.version !== STORAGE_VERSION || typeof saved.state !== 'object' || saved.state === null) return;
    const { dataId, ...rest } = saved.state;
    const patch = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null));
    if (typeof dataId === 'string') {
      // The pasted text, kept under its own key; only the very text this state was saved with.
      try {
        const stored = JSON.parse(window.localStorage.getItem(this.#dataKey()) ?? 'null');
        if (stored?.id === dataId && typeof stored.text === 'string') patch.data = stored.text;
      } catch {
        // Unreadable: the saved choices apply to the preset instead.
      }
    }
    if (typeof patch.data === 'string') {
      // Read with the saved choices as one job: a change made meanwhile (an attribute, an API
      // call, a link, new data) is newer, and wins.
      const { data, dataOptions, ...choices } = patch;
      this.#x.worker.load(data, dataOptions ?? {}, { then: choices, origin: 'restore', record: false });
      return;
    }
    try {
      this.#x.model.setState(JSON.stringify(patch));
    } catch {
      // A state from an older build that no longer fits starts afresh.
    }
  }

  /** Saves the state a moment after the last change (a slider drag is one write). */
  schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#x.guard(() => this.#save()), SAVE_DELAY_MS);
  }

  /** Stops the pending save (after a trap nothing more calls into the module). */
  stop() {
    clearTimeout(this.#timer);
  }

  #save() {
    const { model, el } = this.#x;
    if (el.hasAttribute('url-state')) {
      // replaceState: moving a slider must not flood the back button.
      try {
        history.replaceState(history.state, '', `${location.pathname}?${model.stateQuery()}${location.hash}`);
      } catch {
        // A sandboxed frame may refuse; the link then simply stays as it was.
      }
    }
    // The pasted text goes under its own key, written only when the data changes: a slider move
    // on 100 000 pasted rows must not write 2 MB each time.
    const text = this.#x.dataText();
    const version = model.dataVersion();
    let dataId = null;
    if (text !== null && text.length <= MAX_STORED_TEXT) {
      if (this.#saved.version !== version) {
        const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
        try {
          window.localStorage.setItem(this.#dataKey(), JSON.stringify({ version: STORAGE_VERSION, id, text }));
          this.#saved = { version, id };
        } catch (error) {
          // Full, private or sandboxed: the state is saved without the data. A full store is
          // said, or the data would be gone after a reload without a word.
          this.#saved = { version, id: null };
          if (isQuotaError(error)) {
            this.#x.standing('This browser\'s storage is full, so your data is not kept: after a reload it will be gone. Download it as CSV (under “Paste or load your own data”) to keep it.');
          }
        }
      }
      dataId = this.#saved.id;
    } else if (this.#saved.version !== version) {
      // A preset, or text too long to keep: no stale text stays behind.
      try {
        window.localStorage.removeItem(this.#dataKey());
      } catch {
        // Nothing to clean where storage is refused.
      }
      this.#saved = { version, id: null };
    }
    try {
      window.localStorage.setItem(this.#key(),
        JSON.stringify({ version: STORAGE_VERSION, state: { ...this.#x.lite(), data: null, dataId } }));
    } catch {
      // Full, private or sandboxed: give up quietly (a full store of the data is said above).
    }
  }
}
