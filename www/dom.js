// Small DOM helpers shared by the element's modules. Nothing here knows about the explorer.

/** Creates an element with attributes and children (strings become text nodes, never HTML). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) el.append(child);
  return el;
}

/** Sets a property only when it changes: every DOM write makes the browser lay the page out again. */
export function put(element, key, value) {
  if (element[key] !== value) element[key] = value;
}

/** Sets an attribute only when it changes. */
export function putAttribute(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** Replaces an element's children only when the list of names changes (a λ move changes none). */
export function fill(element, names, make) {
  const key = JSON.stringify(names);
  if (element.dataset.names === key) return;
  element.dataset.names = key;
  element.replaceChildren(...names.map(make));
}

/** Freezes an object and everything in it. */
export function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** requestIdleCallback, or a timer where the browser has none (Safari). */
export function whenIdle(callback) {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback);
  return -setTimeout(() => {
    const end = performance.now() + 30;
    callback({ timeRemaining: () => Math.max(0, end - performance.now()), didTimeout: false });
  }, 100);
}

/** Cancels what whenIdle scheduled (a negative handle is a timer). */
export function cancelIdle(handle) {
  if (handle > 0 && typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else if (handle < 0) clearTimeout(-handle);
}

/**
 * Whether a key press belongs to what the user is typing (a text field, a select, a dialog),
 * and not to the explorer's keys. The one rule for every key handler.
 */
export function isTyping(target) {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['range', 'checkbox', 'radio', 'button', 'submit'].includes(target.type);
  return target instanceof HTMLDialogElement || Boolean(target?.closest?.('dialog'));
}
