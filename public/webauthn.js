// WebAuthn in the browser: enrol a key on /account/security, use one on /login/two-factor.
// Progressive enhancement: the buttons stay hidden without JavaScript or WebAuthn support,
// and the TOTP form keeps working. Same-origin file (CSP script-src 'self'), no inline script;
// its requests need CSP connect-src 'self' (src/server/http/security.ts).
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function toBytes(b64url) {
    var b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
    var bin = atob(b64 + '==='.slice((b64.length + 3) % 4));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  function toB64url(buf) {
    var bytes = new Uint8Array(buf);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function post(url, csrf, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body || {}),
    });
  }
  function serialise(cred) {
    var r = cred.response;
    var response = { clientDataJSON: toB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64url(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    }
    if (r.authenticatorData) response.authenticatorData = toB64url(r.authenticatorData);
    if (r.signature) response.signature = toB64url(r.signature);
    if (r.userHandle) response.userHandle = toB64url(r.userHandle);
    return {
      id: cred.id,
      rawId: toB64url(cred.rawId),
      type: cred.type,
      response: response,
      clientExtensionResults: cred.getClientExtensionResults
        ? cred.getClientExtensionResults()
        : {},
    };
  }
  function creationOptions(o) {
    o.challenge = toBytes(o.challenge);
    o.user.id = toBytes(o.user.id);
    (o.excludeCredentials || []).forEach(function (c) {
      c.id = toBytes(c.id);
    });
    return { publicKey: o };
  }
  function requestOptions(o) {
    o.challenge = toBytes(o.challenge);
    (o.allowCredentials || []).forEach(function (c) {
      c.id = toBytes(c.id);
    });
    return { publicKey: o };
  }

  document.querySelectorAll('[data-webauthn]').forEach(function (section) {
    var button = section.querySelector('button');
    var status = section.querySelector('[role="status"]');
    var csrfInput = section.querySelector('input[name="_csrf"]');
    var register = section.getAttribute('data-webauthn') === 'register';
    var base = section.getAttribute('data-endpoint');
    section.hidden = false;
    button.addEventListener('click', function (event) {
      event.preventDefault();
      if (button.disabled) return;
      var csrf = csrfInput ? csrfInput.value : '';
      status.textContent = '';
      // One ceremony at a time: a second click while the browser's dialog is open would fail it.
      button.disabled = true;
      post(base + '/options', csrf)
        .then(function (res) {
          if (!res.ok) throw new Error('options');
          return res.json();
        })
        .then(function (o) {
          return register
            ? navigator.credentials.create(creationOptions(o))
            : navigator.credentials.get(requestOptions(o));
        })
        .then(function (cred) {
          return post(base, csrf, serialise(cred));
        })
        .then(function (res) {
          if (!res.ok) throw new Error('verify');
          return res.json();
        })
        .then(function (body) {
          window.location.assign(body.redirect);
        })
        .catch(function () {
          button.disabled = false;
          status.textContent = section.getAttribute('data-error');
        });
    });
  });
})();
