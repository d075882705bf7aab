// The state's controls, built, bound and synced from Rust's field table (schemaJson): each field
// says its kind, range or choices, label and control block, so nothing here repeats a field's name,
// range or default. Slider input is applied at most once per animation frame. Every number shown
// is Rust's text (textsJson's `shown`), and a control shows only while its field is in use.
import { fill, h, put, putAttribute } from './dom.js';

/** The λ slider's positions (λ is log-spaced over the grid's range; Rust maps a position to λ). */
const SLIDER_STEPS = 1000;

/** One block per author control name, in this order (share and export are built elsewhere). */
export class Controls {
  #x;
  #widgets = [];

  constructor(instance) {
    this.#x = instance;
  }

  /**
   * Builds every block. `id` makes an instance id, `on` binds a guarded handler, `extra` holds
   * the blocks built elsewhere (paste, points, share, export, history, cv), by control name.
   */
  build(id, on, extra) {
    const x = this.#x;
    const slide = this.#slider(on);
    const blocks = new Map();
    const add = (control, element) => {
      if (!blocks.has(control)) blocks.set(control, []);
      blocks.get(control).push(element);
    };
    for (const field of x.schema.fields) {
      if (!field.control) continue;
      const widget = this.#widget(field, id(field.attribute ?? field.name), on, slide);
      if (!widget) continue;
      this.#widgets.push(widget);
      add(field.control, widget.element);
    }
    for (const [control, element] of Object.entries(extra)) add(control, element);
    const tag = (name, element) => {
      element.dataset.control = name;
      return element;
    };
    return x.schema.controls.map(({ name, label }) => {
      const parts = blocks.get(name) ?? [];
      // A lone labelled control or box stands as it is; several, or a group, go in a fieldset,
      // with the checkboxes side by side.
      if (parts.length === 1 && !['radios', 'names', 'check'].includes(parts[0].dataset.block)) return tag(name, parts[0]);
      // Checkboxes side by side, and column pickers (x, y) side by side.
      const rows = { check: 'checks', column: 'pair' };
      const grouped = [];
      for (const part of parts) {
        const row = rows[part.dataset.block];
        const last = grouped[grouped.length - 1];
        if (row && last?.classList.contains(row)) last.append(part);
        else grouped.push(row ? h('div', { class: row }, part) : part);
      }
      return tag(name, h('fieldset', { class: `block ${name}` }, h('legend', {}, label[0].toUpperCase() + label.slice(1)), ...grouped));
    });
  }

  /** Slider input: the first input of a frame is applied at once, later ones when the next frame starts. */
  #slider(on) {
    const x = this.#x;
    let framed = false;
    let pending = null;
    const apply = (patch) => {
      if (framed) {
        pending = Object.assign(pending ?? {}, patch);
        return;
      }
      framed = true;
      requestAnimationFrame(() => x.guard(() => {
        framed = false;
        if (pending !== null) {
          const merged = pending;
          pending = null;
          apply(merged);
        }
      }));
      x.worker.request(patch);
    };
    return (input, patchOf) => on(input, 'input', () => {
      x.sweep.stop();
      apply(patchOf());
    });
  }

  /** The control of one field: its element, and how it follows the state. */
  #widget(field, id, on, slide) {
    const x = this.#x;
    const set = (value) => x.worker.request({ [field.name]: value });
    const labelled = (control, output = null) => {
      const element = h('div', { class: 'field', 'data-block': 'field' },
        h('div', { class: 'row' }, h('label', { for: id }, field.label), output ?? ''), control);
      if (field.help) element.title = field.help;
      return element;
    };
    switch (field.kind) {
      case 'integer':
      case 'number': {
        const log = field.scale === 'log';
        const input = h('input', log
          ? { type: 'range', id, min: 0, max: SLIDER_STEPS, step: 1 }
          : { type: 'range', id, min: field.min, max: field.max, step: field.step ?? 'any' });
        const output = h('output', { for: id });
        slide(input, () => ({ [field.name]: log ? x.model.lambdaAt(input.valueAsNumber / SLIDER_STEPS) : input.valueAsNumber }));
        return {
          field, element: labelled(input, output),
          sync(state, summary) {
            const shown = summary.texts.shown[field.name] ?? '—';
            put(input, 'value', String(log ? Math.round(x.model.lambdaPosition() * SLIDER_STEPS) : state[field.name]));
            put(output, 'textContent', shown);
            putAttribute(input, 'aria-valuetext', `${field.label}: ${shown}`);
          },
        };
      }
      case 'choice': {
        if (field.widget === 'radios') {
          const radios = field.choices.map(({ value, label }) => {
            const radio = h('input', { type: 'radio', name: id, value });
            on(radio, 'change', () => radio.checked && set(value));
            return { radio, label: h('label', {}, radio, label) };
          });
          const element = h('div', { class: `choices ${field.name}`, role: 'radiogroup', 'aria-label': field.label, 'data-block': 'radios' },
            ...radios.map((r) => r.label));
          return { field, element, sync: (state) => radios.forEach(({ radio }) => put(radio, 'checked', radio.value === state[field.name])) };
        }
        const select = h('select', { id }, ...field.choices.map(({ value, label }) => h('option', { value }, label)));
        on(select, 'change', () => set(select.value));
        return { field, element: labelled(select), sync: (state) => put(select, 'value', state[field.name]) };
      }
      case 'flag': {
        const input = h('input', { type: 'checkbox', id });
        on(input, 'change', () => set(input.checked));
        const element = h('label', { class: 'check', for: id, 'data-block': 'check' }, input, field.label);
        if (field.help) element.title = field.help;
        return { field, element, sync: (state) => put(input, 'checked', state[field.name]) };
      }
      case 'preset': {
        const select = h('select', { id });
        select.replaceChildren(...x.presets.map((p) => {
          const option = h('option', { value: p.name }, p.label);
          option.title = p.caption;
          return option;
        }), h('option', { value: '', disabled: true }, 'Your data'));
        on(select, 'change', () => set(select.value));
        return { field, element: labelled(select), sync: (state) => put(select, 'value', state[field.name] ?? '') };
      }
      case 'column': {
        const select = h('select', { id });
        on(select, 'change', () => set(select.value));
        const element = labelled(select);
        element.dataset.block = 'column';
        return {
          field, element,
          sync(state, summary) {
            fill(select, summary.texts.choosableColumns, (name) => h('option', { value: name }, name));
            select.value = state[field.name];
          },
        };
      }
      case 'names': {
        const box = h('div', { class: 'checks features', role: 'group', 'aria-label': field.label, 'data-block': 'names' });
        on(box, 'change', () => set([...box.querySelectorAll('input:checked')].map((input) => input.value)));
        return {
          field, element: box,
          sync(state, summary) {
            fill(box, summary.texts.featureChoices, (name) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: name }), name));
            for (const input of box.querySelectorAll('input')) input.checked = state[field.name].includes(input.value);
          },
        };
      }
      case 'pair': {
        const selects = [0, 1].map((k) => h('select', { id: `${id}-${'ab'[k]}`, 'aria-label': `${field.label}: ${k === 0 ? 'first' : 'second'}` }));
        for (const select of selects) on(select, 'change', () => set(selects.map((s) => s.value)));
        const element = h('div', { class: 'field', 'data-block': 'field' }, h('span', { class: 'label' }, field.label), h('div', { class: 'pair' }, ...selects));
        return {
          field, element,
          sync(state, summary) {
            selects.forEach((select, k) => {
              fill(select, summary.featureNames, (name) => h('option', { value: name }, name));
              select.value = summary.pair?.[k] ?? '';
            });
          },
        };
      }
      default:
        // Data text and its reading options belong to the paste box.
        return null;
    }
  }

  /** Brings every control in line with the state; a control shows only while its field is in use. */
  sync(state, summary) {
    const inUse = new Set(summary.texts.inUse);
    const inactive = new Set(summary.texts.inactive);
    for (const widget of this.#widgets) {
      put(widget.element, 'hidden', !inUse.has(widget.field.name));
      if (widget.element.hidden) continue;
      widget.sync(state, summary);
      for (const input of widget.element.querySelectorAll('input, select')) {
        if (!('lockedOff' in input.dataset)) put(input, 'disabled', inactive.has(widget.field.name));
      }
    }
    // A block whose fields are all out of use (and that holds nothing else) hides too.
    for (const block of this.#x.ui.controls.querySelectorAll('fieldset.block')) {
      const parts = [...block.children].filter((child) => child.tagName !== 'LEGEND');
      const gone = (part) => part.hidden || (['checks', 'pair'].some((c) => part.classList.contains(c)) && [...part.children].every(gone));
      put(block, 'hidden', parts.length > 0 && parts.every(gone));
    }
  }
}
