// For a page that shows the explorer in an iframe (embed.html): sizes each such frame to its
// content from the height messages the frame posts. A classic script, so it runs under a strict
// policy and in an LMS page: <script src="https://…/www/frame-height.js"></script>. It listens only
// to messages from the origin it was loaded from (the explorer's), and sizes only the frame that
// sent the message.
(function () {
  'use strict';
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : null;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== 'regularization-explorer:height') return;
    var height = Number(data.height);
    if (!(height > 0 && height < 100000)) return;
    var frames = document.querySelectorAll('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(height) + 'px';
    }
  });
}());
