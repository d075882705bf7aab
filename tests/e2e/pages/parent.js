// The parent side of embed.html's height messages, as a course page would write it: it checks
// the sender's origin and sizes the frame.
const frame = document.getElementById('frame');
window.heights = [];
window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.data?.type !== 'regularization-explorer:height') return;
  window.heights.push(event.data.height);
  frame.style.height = `${event.data.height}px`;
});
frame.src = `../../../embed.html?v=1&preset=sin&origin=${encodeURIComponent(location.origin)}`;
