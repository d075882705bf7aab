// The one apply path, and the worker behind it. One rule decides every race: the newest change
// wins.
//   - A change is applied here and now when it is light, or sent to this instance's worker when it
//     means heavy work on large data (Rust decides: wantsWorker).
//   - While the worker works, a light change (λ, the view) applies at once, and any other change
//     waits its turn behind the work, in the order it was made.
//   - A change made here and now (an API call, a point edit, a small paste) takes its keys from the
//     pending jobs (the newer value wins), and new data supersedes pending data.
//   - A reply computed at another revision of the inputs (App::revision) is never taken on: the job
//     is done again from what is here now, or dropped when superseded.
import { Explorer } from './pkg/regularization_explorer.js';

/** The one-file build has no worker file beside it (REGULARIZATION_EXPLORER_INLINE_WASM). */
/* global REGULARIZATION_EXPLORER_INLINE_WASM */
const ONE_FILE = typeof REGULARIZATION_EXPLORER_INLINE_WASM === 'string';

export class WorkerClient {
  #x;
  #worker = undefined;
  #jobs = [];
  #inFlight = null;
  #count = 0;
  #workerText = null;

  constructor(instance) {
    this.#x = instance;
  }

  /** Whether work is under way or waiting. */
  get busy() {
    return this.#inFlight !== null || this.#jobs.length > 0;
  }

  /** Applies a patch from the controls, keys, attributes or history (see the rule above). */
  request(patch, { record = true, label = null } = {}) {
    const { model, schema } = this.#x;
    const json = this.#x.json(patch);
    const light = Object.keys(patch).every((key) => schema.weights[key] === 'light');
    if (((this.busy && !light) || model.wantsWorker(json)) && this.#ensure()) {
      this.enqueue(this.job({ kind: 'patch', patch, record, label }));
      return;
    }
    try {
      model.setState(json);
      this.changedHere({ keys: Object.keys(patch), data: Explorer.replacesData(json) });
      this.#x.refresh({ record });
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      this.#x.notice(label ? `${label}: ${error.message}` : error.message);
    }
  }

  /** Loads text: in the worker when it is long, else here; `note` is shown with the result. */
  load(text, options, { note = null, then = null, origin = 'user', record = true } = {}) {
    if (Explorer.wantsWorkerForText(text) && this.#ensure()) {
      this.enqueue(this.job({ kind: 'load', text, options, note, then, origin, record }));
      return null;
    }
    const report = this.#x.loadHere(text, options);
    if (report.ok && then && Object.keys(then).length > 0) {
      try {
        this.#x.model.setState(this.#x.json(then));
        this.#x.refresh({ record });
      } catch (error) {
        report.warnings.push(`the saved choices do not fit this data (${error.message}), so its defaults are used`);
      }
    }
    if (note && report.ok) report.warnings.unshift(note);
    return report;
  }

  /** A job. `replacesData`: whether it brings new data (then newer data supersedes it). */
  job(fields) {
    const replacesData = fields.kind !== 'patch' || Explorer.replacesData(JSON.stringify(fields.patch ?? {}));
    return { record: true, origin: 'user', ...fields, replacesData, dropped: false };
  }

  /**
   * Tells the pending work about a change made here and now: keys it set are no longer theirs to
   * set, and new data supersedes their data (a reply for it is dropped, not applied after).
   */
  changedHere({ keys = [], data = false }) {
    for (const job of [this.#inFlight, ...this.#jobs]) {
      if (!job) continue;
      if (data && job.replacesData) job.dropped = true;
      const own = job.kind === 'load' ? job.then : job.patch;
      for (const key of keys) if (own) delete own[key];
    }
    const queued = this.#jobs.length;
    this.#jobs = this.#jobs.filter((job) => !job.dropped);
    if (this.#jobs.length < queued && !this.busy) this.#x.busy(false);
  }

  /** This instance's worker, started on first use; false where workers are not allowed. */
  #ensure() {
    if (ONE_FILE) this.#worker = false;
    if (this.#worker === undefined) {
      try {
        this.#worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
        this.#worker.addEventListener('message', ({ data }) => this.#x.guard(() => this.#finish(data)));
        this.#worker.addEventListener('error', (event) => {
          // A worker that cannot start (a policy, a missing file): do everything here instead.
          event.preventDefault?.();
          this.#worker?.terminate();
          this.#worker = false;
          const stranded = [this.#inFlight, ...this.#jobs].filter((job) => job && !job.dropped);
          this.#inFlight = null;
          this.#jobs = [];
          for (const job of stranded) this.#runHere(job);
          this.#x.busy(false);
        });
      } catch {
        this.#worker = false;
      }
    }
    return this.#worker !== false;
  }

  /**
   * Queues a job. New data supersedes data still waiting (and the data the worker is reading);
   * patches queued back to back merge into one, so a drag does its work once.
   */
  enqueue(job) {
    if (job.replacesData) {
      // Point edits compose: an edit supersedes data waiting before it, not the edits before it.
      for (const pending of [this.#inFlight, ...this.#jobs]) {
        if (pending?.replacesData && !(job.kind === 'edit' && pending.kind === 'edit')) pending.dropped = true;
      }
      this.#jobs = this.#jobs.filter((pending) => !pending.dropped);
    }
    const last = this.#jobs[this.#jobs.length - 1];
    if (job.kind === 'patch' && last?.kind === 'patch' && !job.replacesData && !last.replacesData
      && job.origin === last.origin && job.label === last.label) {
      Object.assign(last.patch, job.patch);
      last.record ||= job.record;
    } else {
      this.#jobs.push(job);
    }
    if (this.#worker === false) {
      // No worker (any more): the queue runs here, in order.
      const jobs = this.#jobs;
      this.#jobs = [];
      for (const queued of jobs) this.#runHere(queued);
      return;
    }
    this.#pump();
  }

  /** Sends the next job to the worker with the state it must start from (a point edit is made here). */
  #pump() {
    if (this.#inFlight !== null || !this.#worker) return;
    while (this.#jobs[0]?.kind === 'edit') this.#runHere(this.#jobs.shift());
    const job = this.#jobs.shift();
    if (!job) {
      this.#x.busy(false);
      return;
    }
    const base = Object.fromEntries(Object.entries(this.#x.lite()).filter(([, value]) => value !== null));
    const message = {
      id: ++this.#count,
      base,
      job: { kind: job.kind, patch: job.patch, text: job.text, options: job.options, then: job.then },
    };
    const text = this.#x.dataText();
    if (text !== null) {
      if (text !== this.#workerText) {
        message.text = text;
        message.dataOptions = base.dataOptions;
      }
    }
    // What the reply is computed from: the revision of the inputs here, now.
    this.#inFlight = Object.assign(job, { id: message.id, sentText: text, revision: this.#x.model.revision() });
    this.#x.busy(true);
    this.#worker.postMessage(message);
  }

  /**
   * Takes on the worker's result without redoing its work, unless it is stale: work superseded by
   * newer data is dropped, and work computed from a revision that has changed since is done again
   * from what is here now (with the keys set since left out).
   */
  #finish(reply) {
    const job = this.#inFlight;
    if (!job || reply.id !== job.id) return;
    const { model } = this.#x;
    // What the worker holds now: the text it read, or the text it was sent.
    this.#workerText = job.kind === 'load' && reply.report?.ok ? job.text : job.sentText;
    let changed = false;
    let report = null;
    if (!job.dropped && model.revision() !== job.revision) {
      const own = job.kind === 'load' ? null : job.patch;
      if (own === null || Object.keys(own).length > 0) this.#jobs.unshift(job);
    } else if (!job.dropped) {
      try {
        if (reply.error) throw new Error(reply.error);
        if (job.kind === 'load') {
          report = reply.report;
          if (report.ok && job.note) report = { ...report, warnings: [job.note, ...report.warnings] };
          if (report.ok) {
            const adopt = (then) => model.adoptData(job.text, JSON.stringify(job.options ?? {}),
              reply.names, reply.columns, JSON.stringify(then), reply.heavy);
            try {
              adopt(job.then ?? {});
            } catch (error) {
              // The choices saved or linked with the data no longer fit it: the data comes with its own.
              adopt({});
              report = { ...report, warnings: [...report.warnings, `the saved choices do not fit this data (${error.message}), so its defaults are used`] };
            }
            this.#x.adoptedText(job.text);
            changed = true;
          }
        } else {
          model.setStateWith(this.#x.json(job.patch), reply.heavy);
          changed = true;
        }
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) return;
        this.#x.notice(job.label ? `${job.label}: ${error.message}` : error.message);
      }
    }
    // Taking the new state on and drawing it are two tasks, so that neither holds the page long.
    setTimeout(() => this.#x.guard(() => {
      this.#inFlight = null;
      if (changed) this.#x.refresh({ record: job.record ?? true });
      if (report) this.#x.loaded(report, job);
      this.#pump();
    }));
  }

  /** Does a job on the main thread (a point edit, or any job where there is no worker). */
  #runHere(job) {
    if (job.dropped) return;
    if (job.kind === 'edit') {
      try {
        job.edit();
        this.#x.refresh({ record: job.record });
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) throw error;
        this.#x.notice(error.message);
      }
      return;
    }
    if (job.kind === 'load') {
      const { text, options, ...rest } = job;
      const report = this.load(text, options, { ...rest, note: job.note });
      if (report) this.#x.loaded(report, job);
      return;
    }
    try {
      this.#x.model.setState(this.#x.json(job.patch));
      this.#x.refresh({ record: job.record ?? true });
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) return;
      this.#x.notice(job.label ? `${job.label}: ${error.message}` : error.message);
    }
  }
}
