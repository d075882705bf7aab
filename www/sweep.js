// The λ sweep: λ from λ_max down to the grid's end and back, all panels together. Under the lasso it
// pauses at each knot and names it. With prefers-reduced-motion it steps instead of gliding. It
// only times the moves: every λ comes from Rust (lambdaAt), and so does every text.
import { Explorer } from './pkg/regularization_explorer.js';

/** One way of λ, and the pause at a lasso knot. */
const SWEEP_MS = 5000;
const KNOT_PAUSE_MS = 600;
/** With reduced motion: this many steps each way, this far apart. */
const SWEEP_STEPS = 12;
const SWEEP_STEP_MS = 700;

export class Sweep {
  #x;
  #run = null;

  constructor(instance) {
    this.#x = instance;
  }

  /** Whether the sweep is playing. */
  get playing() {
    return this.#run !== null;
  }

  toggle() {
    if (this.#run) this.stop();
    else this.start();
  }

  start() {
    const x = this.#x;
    if (x.locked('lambda')) return;
    if (JSON.parse(x.model.textsJson()).inactive.includes('lambda')) {
      x.notice('The sweep moves λ: choose ridge, lasso or elastic net first.');
      return;
    }
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    this.#run = { position: 1, direction: -1, reduced, pauseUntil: 0, last: performance.now(), timer: 0, named: new Set() };
    x.ui.playButton.setAttribute('aria-pressed', 'true');
    x.ui.playButton.textContent = 'Pause λ sweep';
    x.applyHere({ lambda: x.model.lambdaAt(0) });
    x.refresh({ record: false });
    this.#schedule();
    x.el.dispatchEvent(new CustomEvent('sweep', { detail: { playing: true } }));
  }

  stop() {
    const run = this.#run;
    if (!run) return;
    clearTimeout(run.timer);
    cancelAnimationFrame(run.timer);
    this.#run = null;
    const { ui } = this.#x;
    ui.playButton.setAttribute('aria-pressed', 'false');
    ui.playButton.textContent = 'Play λ sweep';
    ui.sweepNote.textContent = '';
    if (!this.#x.crashed) this.#x.history.schedule();
    this.#x.el.dispatchEvent(new CustomEvent('sweep', { detail: { playing: false } }));
  }

  #schedule() {
    const run = this.#run;
    if (!run) return;
    const tick = (now) => this.#x.guard(() => this.#tick(now));
    if (run.reduced) run.timer = setTimeout(() => tick(performance.now()), SWEEP_STEP_MS);
    else run.timer = requestAnimationFrame(tick);
  }

  #tick(now) {
    const run = this.#run;
    if (!run) return;
    const x = this.#x;
    const elapsed = now - run.last;
    run.last = now;
    if (now < run.pauseUntil) {
      this.#schedule();
      return;
    }
    x.ui.sweepNote.textContent = '';
    const before = x.lite().lambda;
    const step = run.reduced ? 1 / SWEEP_STEPS : Math.min(elapsed, 100) / SWEEP_MS;
    run.position += run.direction * step;
    let done = false;
    if (run.position <= 0) {
      run.position = 0;
      run.direction = 1;
      run.named.clear();
    } else if (run.position >= 1 && run.direction > 0) {
      run.position = 1;
      done = true;
    }
    // run.position 1 is λ_max, the slider's left end (slider position 0).
    let lambda = x.model.lambdaAt(1 - run.position);
    // A lasso knot between the last λ and this one: stop on it and say what happens there
    // (only the lasso has knots).
    const result = JSON.parse(x.model.summaryJson());
    if (result.knots.length > 0) {
      const [lo, hi] = [Math.min(before, lambda), Math.max(before, lambda)];
      // Each knot is named once each way, so that rounding can never hold the sweep on one.
      const crossed = result.knots
        .filter((k, index) => k.lambda > lo && k.lambda < hi && !run.named.has(index))
        .sort((a, b) => (run.direction < 0 ? b.lambda - a.lambda : a.lambda - b.lambda))[0];
      if (crossed) {
        run.named.add(result.knots.indexOf(crossed));
        lambda = crossed.lambda;
        run.position = 1 - x.model.lambdaPositionOf(lambda);
        const entering = (crossed.event === 'enter') === (run.direction < 0);
        x.ui.sweepNote.textContent = `${crossed.feature} ${entering ? 'enters' : 'leaves'} at λ = ${Explorer.formatNumber(lambda, 3)}`;
        run.pauseUntil = now + KNOT_PAUSE_MS;
      }
    }
    x.applyHere({ lambda });
    x.refresh({ record: false });
    if (done) this.stop();
    else this.#schedule();
  }
}
