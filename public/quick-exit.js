// The quick exit with script: leave without a history entry to come back to, also on a double
// press of Escape. Without script the link itself does the same on the server (/weg).
(function () {
  'use strict';
  var link = document.querySelector('a[data-quick-exit]');
  if (!link) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.visibility = 'hidden';
    window.location.replace(link.href);
  }
  link.addEventListener('click', leave);
  var lastEscape = 0;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var now = Date.now();
    if (now - lastEscape < 1000) leave(event);
    lastEscape = now;
  });
})();
