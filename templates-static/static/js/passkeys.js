// Passkeys, through Spring Security's WebAuthn endpoints (/webauthn/register/options,
// /webauthn/register, /webauthn/authenticate/options, /login/webauthn), after Spring Security's
// own webauthn-core.js. A file of the site's own, allowed by hash: no inline script (CSP).
// The buttons stay hidden in a browser without WebAuthn; the code forms work without this file.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !window.fetch) { return; }

  function encode(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return window.btoa(text).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
  }

  function decode(base64url) {
    var text = window.atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return bytes.buffer;
  }

  function post(element, url, body) {
    var headers = { 'Content-Type': 'application/json' };
    headers[element.getAttribute('data-csrf-header')] = element.getAttribute('data-csrf');
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    });
  }

  function say(status, text) {
    if (status) { status.textContent = text; }
  }

  function register(form, status) {
    var label = form.querySelector('input[name=label]').value.trim();
    if (!label) { say(status, 'Give the passkey a name first, e.g. “Work laptop”.'); return; }
    say(status, 'Follow your browser’s prompt to make the passkey…');
    post(form, '/webauthn/register/options').then(function (options) {
      options.user.id = decode(options.user.id);
      options.challenge = decode(options.challenge);
      options.excludeCredentials = (options.excludeCredentials || []).map(function (c) {
        return Object.assign({}, c, { id: decode(c.id) });
      });
      return navigator.credentials.create({ publicKey: options });
    }).then(function (credential) {
      var response = credential.response;
      return post(form, '/webauthn/register', {
        publicKey: {
          credential: {
            id: credential.id,
            rawId: encode(credential.rawId),
            response: {
              attestationObject: encode(response.attestationObject),
              clientDataJSON: encode(response.clientDataJSON),
              transports: response.getTransports ? response.getTransports() : []
            },
            type: credential.type,
            clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment
          },
          label: label
        }
      });
    }).then(function (result) {
      if (!result || !result.success) { throw new Error('not saved'); }
      window.location.assign(form.getAttribute('data-next'));
    }).catch(function (error) {
      say(status, 'The passkey was not added (' + error.message + '). Try again, or use another device.');
    });
  }

  function signIn(button, status) {
    say(status, 'Follow your browser’s prompt to use your passkey…');
    post(button, '/webauthn/authenticate/options').then(function (options) {
      options.challenge = decode(options.challenge);
      options.allowCredentials = (options.allowCredentials || []).map(function (c) {
        return Object.assign({}, c, { id: decode(c.id) });
      });
      return navigator.credentials.get({ publicKey: options });
    }).then(function (credential) {
      var response = credential.response;
      return post(button, '/login/webauthn', {
        id: credential.id,
        rawId: encode(credential.rawId),
        response: {
          authenticatorData: encode(response.authenticatorData),
          clientDataJSON: encode(response.clientDataJSON),
          signature: encode(response.signature),
          userHandle: response.userHandle ? encode(response.userHandle) : undefined
        },
        credType: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      });
    }).then(function (result) {
      if (!result || !result.authenticated) { throw new Error('refused'); }
      window.location.assign(button.getAttribute('data-next'));
    }).catch(function (error) {
      say(status, 'The passkey was not accepted (' + error.message + '). Try again, or type a code below.');
    });
  }

  var status = document.getElementById('passkey-status');
  var form = document.getElementById('passkey-add');
  if (form) {
    form.hidden = false;
    form.addEventListener('submit', function (event) { event.preventDefault(); register(form, status); });
  }
  var button = document.getElementById('passkey-sign-in');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', function () { signIn(button, status); });
  }
}());
