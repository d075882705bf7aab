// embed.html in an iframe: reports the page's height to the parent, so that the parent can size
// the frame, with postMessage to one exact origin, never '*'. The parent names its origin in the
// link (`origin=https://lms.example.edu`); otherwise the referrer's origin is used, if there is
// one. The message is {type: 'regularization-explorer:height', height} in CSS pixels.

function parentOrigin() {
  const candidates = [new URLSearchParams(location.search).get('origin'), document.referrer];
  for (const candidate of candidates) {
    try {
      const origin = new URL(candidate).origin;
      if (origin && origin !== 'null' && /^https?:/.test(origin)) return origin;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return null;
}

const origin = window.parent !== window ? parentOrigin() : null;
if (origin) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'regularization-explorer:height', height }, origin);
  };
  new ResizeObserver(report).observe(document.body);
  report();
}
