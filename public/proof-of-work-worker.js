// The search of /assets/proof-of-work.js, off the page's main thread so that the page stays
// responsive while it runs: finds n with SHA-256(salt + n) === challenge and posts it back.
'use strict';
self.onmessage = async function (event) {
  var challenge = event.data;
  var encoder = new TextEncoder();
  var max = challenge.maxnumber || 1000000;
  for (var n = 0; n <= max; n++) {
    var bytes = new Uint8Array(
      await crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n)),
    );
    var hex = '';
    for (var i = 0; i < bytes.length; i++)
      hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    if (hex === challenge.challenge) return self.postMessage(n);
  }
  self.postMessage(null);
};
