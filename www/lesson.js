// Lessons: the built-in one (lessons.js) or an author's {title, steps} from the API, the `lesson`
// attribute or a child <script type="application/json" data-lesson>. Each step applies its state
// through the one apply path, shows its caption and question, and reveals the answer on demand.
import { BUILTIN_LESSONS } from './lessons.js';
import { h } from './dom.js';

/** Checks a lesson's shape; returns it, or throws with what is wrong. */
export function checkLesson(lesson) {
  const fail = (why) => {
    throw new Error(`the lesson ${why}`);
  };
  if (lesson === null || typeof lesson !== 'object' || Array.isArray(lesson)) fail('must be an object {title, steps}');
  if (typeof lesson.title !== 'string' || lesson.title.length === 0 || lesson.title.length > 200) fail('needs a title of 1 to 200 characters');
  if (!Array.isArray(lesson.steps) || lesson.steps.length === 0 || lesson.steps.length > 100) fail('needs 1 to 100 steps');
  lesson.steps.forEach((step, k) => {
    const where = `step ${k + 1}`;
    if (step === null || typeof step !== 'object') fail(`${where} must be an object {caption, state, question}`);
    if (typeof step.caption !== 'string' || step.caption.length > 2000) fail(`${where} needs a caption of at most 2000 characters`);
    if (step.state !== undefined && (step.state === null || typeof step.state !== 'object' || Array.isArray(step.state))) fail(`${where}: state must be an object`);
    const q = step.question;
    if (q !== undefined && (q === null || typeof q.prompt !== 'string' || typeof q.answer !== 'string')) fail(`${where}: question must be {prompt, answer}`);
  });
  return lesson;
}

export class Lessons {
  #x;
  #current = null;

  constructor(instance) {
    this.#x = instance;
  }

  /** The lesson's step bar; `on` binds a guarded handler, `tool` makes a tool button. */
  build(on, tool) {
    const ui = {
      title: h('h3', {}),
      count: h('span', { class: 'count' }),
      caption: h('p', { class: 'lesson-caption' }),
      prompt: h('p', { class: 'prompt' }),
      answer: h('p', { class: 'answer', hidden: true }),
      back: tool('Back', { 'aria-keyshortcuts': 'Shift+<' }),
      reveal: tool('Reveal', { 'aria-keyshortcuts': 'R' }),
      next: tool('Next', { 'aria-keyshortcuts': 'Shift+>' }),
      close: tool('End the lesson'),
    };
    on(ui.back, 'click', () => this.go(-1));
    on(ui.next, 'click', () => this.go(1));
    on(ui.reveal, 'click', () => this.reveal());
    on(ui.close, 'click', () => this.end());
    this.ui = ui;
    this.bar = h('section', { class: 'panel lesson-bar', hidden: true, 'aria-label': 'Lesson' },
      h('div', { class: 'row' }, ui.title, ui.count), ui.caption, ui.prompt, ui.answer,
      h('div', { class: 'buttons' }, ui.back, ui.reveal, ui.next, ui.close));
    return this.bar;
  }

  /** Starts a lesson: a name of a built-in one ('overfitting') or an object {title, steps}. */
  start(lesson = 'overfitting') {
    const chosen = typeof lesson === 'string' ? BUILTIN_LESSONS[lesson] : lesson;
    if (!chosen) throw new Error(`no built-in lesson named ${JSON.stringify(String(lesson)).slice(0, 60)}`);
    checkLesson(chosen);
    this.#current = { lesson: chosen, index: -1 };
    this.go(1);
    this.bar.scrollIntoView?.({ block: 'nearest' });
  }

  /** Ends the lesson; the state stays where it is. */
  end() {
    this.#current = null;
    this.bar.hidden = true;
  }

  /** The lesson's position: {title, step (1-based), steps, revealed}, or null. */
  get position() {
    if (!this.#current) return null;
    return {
      title: this.#current.lesson.title,
      step: this.#current.index + 1,
      steps: this.#current.lesson.steps.length,
      revealed: !this.ui.answer.hidden,
    };
  }

  /** The lesson the author gave (attribute or child script), started; false if there is none. */
  startSupplied() {
    const supplied = this.#supplied();
    if (supplied === null) return false;
    try {
      this.start(supplied);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) throw error;
      this.#x.notice(`The page's lesson could not start: ${error.message}`);
    }
    return true;
  }

  #supplied() {
    const el = this.#x.el;
    const script = el.querySelector('script[type="application/json"][data-lesson]');
    const text = el.getAttribute('lesson') ?? script?.textContent ?? null;
    if (text === null) return null;
    if (Object.hasOwn(BUILTIN_LESSONS, text.trim())) return text.trim();
    try {
      return JSON.parse(text);
    } catch (error) {
      this.#x.notice(`The page's lesson is not valid JSON: ${error.message}`);
      return null;
    }
  }

  /** Moves the lesson by `delta` steps and applies that step's state. */
  go(delta) {
    const current = this.#current;
    if (!current) return;
    const x = this.#x;
    const steps = current.lesson.steps;
    const index = Math.min(steps.length - 1, Math.max(0, current.index + delta));
    if (index === current.index) return;
    current.index = index;
    const step = steps[index];
    x.sweep.stop();
    if (step.state) {
      const { lambda, ...rest } = step.state;
      try {
        if (Object.keys(rest).length > 0) x.applyHere(rest);
        if (lambda === 'min' || lambda === '1se') {
          const cv = x.summary().cv;
          if (cv) x.applyHere({ lambda: lambda === 'min' ? cv.lambdaMin : cv.lambda1se });
        } else if (lambda !== undefined) {
          x.applyHere({ lambda });
        }
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) throw error;
        x.notice(`Lesson step ${index + 1}: ${error.message}`);
      }
    }
    const { ui } = this;
    this.bar.hidden = false;
    ui.title.textContent = current.lesson.title;
    ui.count.textContent = `Step ${index + 1} of ${steps.length}`;
    ui.caption.textContent = step.caption;
    ui.prompt.textContent = step.question?.prompt ?? '';
    ui.prompt.hidden = !step.question;
    ui.answer.textContent = step.question?.answer ?? '';
    ui.answer.hidden = true;
    ui.reveal.hidden = !step.question;
    ui.back.disabled = index === 0;
    ui.next.disabled = index === steps.length - 1;
    x.refresh();
    x.el.dispatchEvent(new CustomEvent('lessonstep', { detail: this.position }));
  }

  reveal() {
    if (!this.#current) return;
    this.ui.answer.hidden = false;
    this.#x.el.dispatchEvent(new CustomEvent('lessonstep', { detail: this.position }));
  }
}
