// Proof of work for the anonymous forms (docs/decisions/025-anti-automation.md), our own code,
// no third party. Finds n with SHA-256(salt + n) === challenge, starting when the page loads,
// in a worker (proof-of-work-worker.js) so the page stays responsive, or on the page where
// workers are not available, and puts the ALTCHA payload in the hidden "proof" field before the
// form is sent. Without
// JavaScript, or without Web Crypto (plain http), the field stays empty and the server applies
// the stricter no-script budget.
(function () {
  'use strict';
  var input = document.querySelector('input[data-proof-challenge]');
  if (!input || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var form = input.form;
  var status = form && form.querySelector('[data-proof-status]');
  var challenge = JSON.parse(input.getAttribute('data-proof-challenge'));
  var encoder = new TextEncoder();
  var scriptSrc = document.currentScript ? document.currentScript.src : '';
  var sending = false;

  function hex(buffer) {
    var bytes = new Uint8Array(buffer),
      out = '';
    for (var i = 0; i < bytes.length; i++)
      out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }

  async function solve() {
    var max = challenge.maxnumber || 1000000;
    for (var n = 0; n <= max; n++) {
      var digest = await crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) return n;
    }
    return null;
  }

  /** In a worker beside the page (same origin: the CSP's script-src 'self' admits it). */
  function solveInWorker() {
    return new Promise(function (resolve, reject) {
      var worker = new Worker(scriptSrc.replace('/proof-of-work.js', '/proof-of-work-worker.js'));
      worker.onmessage = function (event) {
        worker.terminate();
        resolve(event.data);
      };
      worker.onerror = function (event) {
        event.preventDefault();
        worker.terminate();
        reject(new Error('worker failed'));
      };
      worker.postMessage(challenge);
    });
  }

  var search = window.Worker && scriptSrc ? solveInWorker().catch(solve) : solve();
  var solved = search
    .then(function (n) {
      if (n === null) return;
      input.value = btoa(
        JSON.stringify({
          algorithm: challenge.algorithm,
          challenge: challenge.challenge,
          number: n,
          salt: challenge.salt,
          signature: challenge.signature,
        }),
      );
    })
    .catch(function () {
      /* leave the field empty: the no-script budget applies */
    });

  form.addEventListener('submit', function (event) {
    if (input.value || sending) return;
    event.preventDefault();
    sending = true;
    if (status) status.textContent = input.getAttribute('data-proof-busy');
    solved.then(function () {
      form.submit();
    });
  });
})();
