// embed.html's fallback, a classic script (not a module): in a sandboxed iframe without
// allow-same-origin the page has no origin of its own, so the browser fetches modules and the
// wasm with CORS, and a host that sends no CORS headers refuses them: the element then never
// starts. A classic script still loads there, and says so instead of leaving a blank frame.
(function () {
  'use strict';
  var explained = false;
  function explain() {
    var element = document.querySelector('regularization-explorer');
    if (explained || !element || (window.customElements && customElements.get('regularization-explorer'))) return;
    explained = true;
    var box = element.querySelector('.rx-fallback');
    if (!box) return;
    box.setAttribute('role', 'alert');
    box.textContent = 'The explorer could not load in this frame. If this page is in a sandboxed iframe, '
      + 'its sandbox attribute needs both allow-scripts and allow-same-origin: without allow-same-origin '
      + 'the frame has no origin, and the browser then loads the explorer\u2019s scripts and WebAssembly only '
      + 'from a server that sends CORS headers (Access-Control-Allow-Origin), which this one does not. ';
    var link = document.createElement('a');
    link.href = location.href;
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = 'Open the explorer in a tab of its own.';
    box.appendChild(link);
  }
  var module = document.querySelector('script[type="module"][src$="regularization-explorer.js"]');
  if (module) module.addEventListener('error', explain);
  // Whatever else stops it (a blocked wasm shows its own message inside the element).
  setTimeout(explain, 15000);
}());
