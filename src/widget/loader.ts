/**
 * The embeddable loader served at /widget.js. Plain ES2017 so it runs on any customer page. It reads the
 * data-* attributes of its own <script> tag, adds a launcher button and lazily opens the chat iframe
 * (served by us at /widget), which holds the visitor's identity and talks to the realtime server.
 *
 * Attributes: data-key (required), data-partnerid, data-partnerid-hash, data-name, data-email,
 * data-phone, data-channel (desktop|mobile|app; detected when absent), data-group, data-agent,
 * data-designation (must|may), data-open ("true" opens on load).
 */
export function buildLoaderScript(webOrigin: string): string {
  return `(function () {
  'use strict';
  if (window.__livechatLoaded) return;
  window.__livechatLoaded = true;
  var ORIGIN = ${JSON.stringify(webOrigin)};
  var script = document.currentScript || document.querySelector('script[data-key][src*="widget.js"]');
  if (!script) return;
  var d = script.dataset;
  if (!d.key) { console.error('[livechat] data-key is missing on the widget script tag'); return; }
  var mobile = window.matchMedia('(max-width: 640px)').matches || /Mobi|Android/i.test(navigator.userAgent);
  var params = new URLSearchParams({ key: d.key, channel: d.channel || (mobile ? 'mobile' : 'desktop'), entry: location.href.slice(0, 2000) });
  ['partnerid', 'name', 'email', 'phone', 'group', 'agent', 'designation'].forEach(function (k) { if (d[k]) params.set(k, d[k]); });
  if (d.partneridHash) params.set('partnerid_hash', d.partneridHash);
  // Any other data-* attribute is a custom customer param (F2), passed as x_<name>.
  var KNOWN = ['key', 'partnerid', 'partneridHash', 'name', 'email', 'phone', 'channel', 'group', 'agent', 'designation', 'open'];
  Object.keys(d).forEach(function (k) { if (KNOWN.indexOf(k) < 0 && d[k] && /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(k)) params.set('x_' + k, String(d[k]).slice(0, 500)); });

  var css = document.createElement('style');
  css.textContent = [
    '.lc-launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:9999px;border:0;cursor:pointer;background:#4f46e5;color:#fff;box-shadow:0 8px 24px rgba(15,23,42,.25);z-index:2147483646;display:flex;align-items:center;justify-content:center}',
    '.lc-launcher:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}',
    '.lc-badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:9999px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;display:none}',
    '.lc-frame{position:fixed;right:20px;bottom:88px;width:380px;height:600px;max-height:calc(100vh - 108px);border:0;border-radius:16px;box-shadow:0 12px 40px rgba(15,23,42,.3);z-index:2147483647;background:#fff;display:none}',
    '@media (max-width:640px){.lc-frame{right:0;bottom:0;width:100vw;height:100%;max-height:100%;border-radius:0}}'
  ].join('');
  document.head.appendChild(css);

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'lc-launcher';
  button.setAttribute('aria-label', 'Open chat');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('data-testid', 'livechat-launcher');
  button.innerHTML = '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg><span class="lc-badge"></span>';
  var badge = button.querySelector('.lc-badge');
  var frame = null;
  var open = false;

  function setOpen(next) {
    open = next;
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.className = 'lc-frame';
      frame.title = 'Chat with us';
      frame.setAttribute('data-testid', 'livechat-frame');
      frame.allow = 'clipboard-write';
      frame.src = ORIGIN + '/widget?' + params.toString();
      document.body.appendChild(frame);
    }
    if (frame) frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    if (open) { badge.style.display = 'none'; badge.textContent = ''; }
  }

  button.addEventListener('click', function () { setOpen(!open); });
  window.addEventListener('message', function (event) {
    if (event.origin !== ORIGIN || !event.data || typeof event.data.type !== 'string') return;
    if (event.data.type === 'livechat:close') { setOpen(false); button.focus(); }
    if (event.data.type === 'livechat:unread' && !open && event.data.count > 0) {
      badge.textContent = String(Math.min(event.data.count, 99));
      badge.style.display = 'inline-block';
    }
  });
  function mount() { document.body.appendChild(button); if (d.open === 'true') setOpen(true); }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
`;
}
