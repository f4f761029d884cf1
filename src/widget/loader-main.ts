/* eslint-disable @typescript-eslint/no-explicit-any */
import type { isFromWidgetFrame } from './handshake';

/**
 * The loader that runs on the customer's page (first-party there). Its source text is embedded in the
 * served script (see ./loader.ts), so this function must be self-contained: it uses only its parameters
 * and browser globals, no imports and no module-level values.
 *
 * It owns the visitor's identity: the visitor token lives in the HOST page's localStorage (cookie as a
 * fallback), namespaced by widget key, and is handed to the iframe over postMessage. The iframe never
 * keeps anything in its own (third-party, often blocked or partitioned) storage.
 */
export interface LoaderHelpers {
  isFromWidgetFrame: typeof isFromWidgetFrame;
}

export interface WidgetAppearance {
  brandColor: string;
  textColor: string;
  position: 'left' | 'right';
  offsetX: number;
  offsetY: number;
  launcherText: string;
  preview: boolean;
  sound: boolean;
  allowed: boolean;
  /** The workspace has active proactive greetings: the (hidden) frame loads for new visitors too. */
  greets?: boolean;
  labels: { open: string; close: string; newMessage: string; dismiss: string };
}

export function livechatLoader(win: any, ORIGIN: string, h: LoaderHelpers): void {
  if (win.__livechatLoaded) return;
  win.__livechatLoaded = true;
  var doc = win.document;
  var script = win.__livechatScript || doc.currentScript || doc.querySelector('script[data-key][src*="widget.js"]');
  if (!script) return;
  var d = script.dataset;
  var key = d.key;
  if (!key) {
    win.console.error('[livechat] data-key is missing on the widget script tag');
    return;
  }
  var STORE = 'livechat:' + key;
  var COOKIE = 'lc_' + key.replace(/[^A-Za-z0-9_-]/g, '');
  var listeners: Record<string, Array<(data: unknown) => void>> = {};
  var lang: string | null = d.lang || null;
  var identity: Record<string, unknown> | null = null;
  if (d.partnerid) {
    identity = { partnerId: d.partnerid, partnerIdHash: d.partneridHash, name: d.name, email: d.email, phone: d.phone, params: {} };
    var KNOWN = ['key', 'partnerid', 'partneridHash', 'name', 'email', 'phone', 'channel', 'group', 'agent', 'designation', 'open', 'lang'];
    Object.keys(d).forEach(function (k) {
      if (KNOWN.indexOf(k) < 0 && d[k] && /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(k)) (identity!.params as any)[k] = String(d[k]).slice(0, 500);
    });
  } else if (d.name) identity = { name: d.name };

  // ------------------------------------------------------------------ host-page storage
  function readState(): any {
    var raw: string | null = null;
    try {
      raw = win.localStorage.getItem(STORE);
    } catch (e) {
      /* storage disabled on this site: the cookie below */
    }
    if (!raw) {
      var m = doc.cookie.match(new RegExp('(?:^|; )' + COOKIE + '=([^;]*)'));
      if (m) raw = decodeURIComponent(m[1]);
    }
    try {
      var s = raw ? JSON.parse(raw) : null;
      return s && typeof s === 'object' ? s : {};
    } catch (e) {
      return {};
    }
  }
  function writeState(s: any) {
    var raw = JSON.stringify(s);
    var secure = win.location.protocol === 'https:' ? '; Secure' : '';
    try {
      win.localStorage.setItem(STORE, raw);
      return;
    } catch (e) {
      /* fall through to the cookie */
    }
    doc.cookie = COOKIE + '=' + encodeURIComponent(raw) + '; path=/; max-age=31536000; SameSite=Lax' + secure;
  }
  function clearState() {
    try {
      win.localStorage.removeItem(STORE);
    } catch (e) {
      /* nothing stored there */
    }
    doc.cookie = COOKIE + '=; path=/; max-age=0';
  }
  var state = readState();
  // A different signed-in customer than the one the stored visitor belongs to: start a fresh visitor.
  if (identity && identity.partnerId && state.p && state.p !== identity.partnerId) state = {};
  function save(patch: any) {
    for (var k in patch) state[k] = patch[k];
    writeState(state);
  }

  // ------------------------------------------------------------------ the iframe and its handshake
  var nonce = (function () {
    var a = new Uint8Array(16);
    win.crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b: number) { return ('0' + b.toString(16)).slice(-2); }).join('');
  })();
  var mobile = win.matchMedia('(max-width: 640px)').matches || /Mobi|Android/i.test(win.navigator.userAgent);
  var frame: any = null;
  var ready = false;
  var open = false;
  var unread = 0;
  var outbox: any[] = [];
  var look: WidgetAppearance | null = null;

  function post(type: string, data?: any) {
    var msg: any = { lc: 1, type: type, nonce: nonce };
    for (var k in data || {}) msg[k] = data[k];
    if (ready && frame && frame.contentWindow) frame.contentWindow.postMessage(msg, ORIGIN);
    else outbox.push(msg);
  }
  function page() {
    return { url: win.location.href.slice(0, 2000), title: String(doc.title || '').slice(0, 300), referrer: doc.referrer ? doc.referrer.slice(0, 2000) : undefined };
  }
  function createFrame() {
    if (frame) return;
    var p = new win.URLSearchParams({ key: key, channel: d.channel || (mobile ? 'mobile' : 'desktop'), host: win.location.origin });
    ['group', 'agent', 'designation'].forEach(function (k) {
      if (d[k]) p.set(k, d[k]);
    });
    if (lang) p.set('lang', lang);
    frame = doc.createElement('iframe');
    frame.className = 'lc-frame';
    frame.title = 'Chat';
    frame.setAttribute('data-testid', 'livechat-frame');
    frame.allow = 'clipboard-write';
    frame.style.display = 'none';
    frame.src = ORIGIN + '/widget?' + p.toString() + '#' + nonce;
    doc.body.appendChild(frame);
  }

  function emit(name: string, data?: unknown) {
    (listeners[name] || []).forEach(function (fn) {
      try {
        fn(data);
      } catch (e) {
        win.console.error(e);
      }
    });
  }

  win.addEventListener('message', function (event: any) {
    if (!h.isFromWidgetFrame(event, ORIGIN, frame && frame.contentWindow, nonce)) return;
    var m = event.data;
    if (m.type === 'ready') {
      ready = true;
      var init = { lc: 1, type: 'init', nonce: nonce, token: state.t || null, seen: state.s || null, identity: identity, lang: lang, open: open, muted: !!state.m, page: page() };
      frame.contentWindow.postMessage(init, ORIGIN);
      outbox.splice(0).forEach(function (msg) { frame.contentWindow.postMessage(msg, ORIGIN); });
    } else if (m.type === 'token' && typeof m.token === 'string') {
      save({ t: m.token, p: identity && identity.partnerId ? identity.partnerId : null });
    } else if (m.type === 'seen' && typeof m.seen === 'string') {
      save({ s: m.seen });
    } else if (m.type === 'mute') {
      save({ m: !!m.muted });
    } else if (m.type === 'close') {
      setOpen(false);
      launcher.focus();
    } else if (m.type === 'unread' && typeof m.count === 'number') {
      var more = m.count > unread;
      unread = open ? 0 : Math.max(0, Math.min(m.count, 99));
      render();
      if (more && !open) {
        emit('unread', unread);
        if (m.preview && look && look.preview) showPreview(m.preview);
        if (look && look.sound && !state.m) beep();
      }
    } else if (m.type === 'message' && m.message) {
      emit('message', m.message);
    }
  });

  // ------------------------------------------------------------------ launcher, badge, preview, title
  var side = 'right';
  var css = doc.createElement('style');
  doc.head.appendChild(css);
  var launcher = doc.createElement('button');
  launcher.type = 'button';
  launcher.className = 'lc-launcher';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('data-testid', 'livechat-launcher');
  var badge = doc.createElement('span');
  badge.className = 'lc-badge';
  badge.setAttribute('data-testid', 'livechat-badge');
  var bubble = doc.createElement('div');
  bubble.className = 'lc-preview';
  bubble.setAttribute('data-testid', 'livechat-preview');
  bubble.setAttribute('role', 'status');

  function styles(a: WidgetAppearance) {
    side = a.position;
    var x = a.offsetX + 'px';
    var y = a.offsetY + 'px';
    var edge = side + ':' + x;
    css.textContent = [
      '.lc-launcher{position:fixed;' + edge + ';bottom:' + y + ';min-width:56px;height:56px;padding:0 16px;border-radius:9999px;border:0;cursor:pointer;background:' + a.brandColor + ';color:' + a.textColor + ';box-shadow:0 8px 24px rgba(15,23,42,.25);z-index:2147483646;display:flex;gap:8px;align-items:center;justify-content:center;font:600 15px system-ui,sans-serif}',
      '.lc-launcher:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}',
      '.lc-badge{position:absolute;top:-4px;' + (side === 'left' ? 'left' : 'right') + ':-4px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;border-radius:9999px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;display:none}',
      '.lc-preview{position:fixed;' + edge + ';bottom:calc(' + y + ' + 68px);max-width:280px;background:#fff;color:#0f172a;border-radius:12px;padding:10px 32px 10px 12px;box-shadow:0 8px 24px rgba(15,23,42,.2);font:14px/1.4 system-ui,sans-serif;z-index:2147483646;display:none;cursor:pointer;word-break:break-word}',
      '.lc-preview b{display:block;font-size:12px;color:#475569;margin-bottom:2px}',
      '.lc-preview button{position:absolute;top:4px;right:4px;border:0;background:none;font-size:16px;line-height:1;cursor:pointer;color:#64748b;padding:4px}',
      '.lc-frame{position:fixed;' + edge + ';bottom:calc(' + y + ' + 68px);width:380px;height:600px;max-height:calc(100vh - ' + (a.offsetY + 88) + 'px);border:0;border-radius:16px;box-shadow:0 12px 40px rgba(15,23,42,.3);z-index:2147483647;background:#fff}',
      '@media (max-width:640px){.lc-frame{left:0;right:0;bottom:0;width:100vw;height:100%;max-height:100%;border-radius:0}}',
    ].join('');
    var icon = '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
    launcher.innerHTML = icon;
    if (a.launcherText) {
      var label = doc.createElement('span');
      label.textContent = a.launcherText;
      launcher.appendChild(label);
    }
    launcher.appendChild(badge);
  }

  function render() {
    badge.textContent = unread ? String(unread) : '';
    badge.style.display = unread && !open ? 'inline-block' : 'none';
    launcher.setAttribute('aria-label', (open ? look!.labels.close : look!.labels.open) + (unread && !open ? ' (' + unread + ')' : ''));
    if (open) bubble.style.display = 'none';
    flashTitle();
  }

  function showPreview(p: { name?: string; body?: string }) {
    bubble.innerHTML = '';
    var who = doc.createElement('b');
    who.textContent = String(p.name || '').slice(0, 80);
    var text = doc.createElement('span');
    var body = String(p.body || '');
    text.textContent = body.length > 140 ? body.slice(0, 140) + '…' : body;
    var x = doc.createElement('button');
    x.type = 'button';
    x.textContent = '×';
    x.setAttribute('aria-label', look!.labels.dismiss);
    x.addEventListener('click', function (e: any) {
      e.stopPropagation();
      bubble.style.display = 'none';
    });
    bubble.appendChild(who);
    bubble.appendChild(text);
    bubble.appendChild(x);
    bubble.style.display = 'block';
  }

  var baseTitle = doc.title;
  var flashTimer: any = null;
  function flashTitle() {
    var on = unread > 0 && !open;
    if (on && !flashTimer) {
      baseTitle = doc.title;
      var alt = false;
      flashTimer = win.setInterval(function () {
        alt = !alt;
        doc.title = alt ? '(' + unread + ') ' + look!.labels.newMessage : baseTitle;
      }, 1200);
    } else if (!on && flashTimer) {
      win.clearInterval(flashTimer);
      flashTimer = null;
      doc.title = baseTitle;
    }
  }

  function beep() {
    try {
      var Ctx = win.AudioContext || win.webkitAudioContext;
      var ctx = new Ctx();
      var o = ctx.createOscillator();
      var g = ctx.createGain();
      o.frequency.value = 880;
      g.gain.setValueAtTime(0.08, ctx.currentTime);
      g.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.3);
      o.connect(g);
      g.connect(ctx.destination);
      o.start();
      o.stop(ctx.currentTime + 0.3);
    } catch (e) {
      /* audio unavailable or not allowed yet */
    }
  }

  function setOpen(next: boolean) {
    if (next === open && (!next || frame)) return;
    open = next;
    if (open) createFrame();
    if (frame) frame.style.display = open ? 'block' : 'none';
    launcher.setAttribute('aria-expanded', String(open));
    if (open) unread = 0;
    render();
    post('visibility', { open: open });
    emit(open ? 'open' : 'close');
  }

  // ------------------------------------------------------------------ page navigation (SPA too)
  var lastUrl = '';
  function reportPage() {
    if (win.location.href === lastUrl) return;
    lastUrl = win.location.href;
    if (frame) post('page', { page: page() });
  }
  ['pushState', 'replaceState'].forEach(function (name) {
    var original = win.history[name];
    win.history[name] = function () {
      var r = original.apply(this, arguments);
      win.setTimeout(reportPage, 0);
      return r;
    };
  });
  win.addEventListener('popstate', reportPage);
  lastUrl = win.location.href;

  // ------------------------------------------------------------------ the public API: LiveChat(command, ...)
  function api(cmd: string, a?: any, b?: any) {
    if (cmd === 'open') setOpen(true);
    else if (cmd === 'close') setOpen(false);
    else if (cmd === 'toggle') setOpen(!open);
    else if (cmd === 'on' && typeof b === 'function' && ['message', 'open', 'close', 'unread'].indexOf(a) >= 0) (listeners[a] = listeners[a] || []).push(b);
    else if (cmd === 'setLanguage' && typeof a === 'string') {
      lang = a.slice(0, 20);
      post('language', { lang: lang });
    } else if (cmd === 'identify' && a && typeof a === 'object') {
      var next: any = {};
      ['partnerId', 'partnerIdHash', 'name', 'email', 'phone'].forEach(function (k) {
        if (a[k] != null) next[k] = String(a[k]);
      });
      if (a.params && typeof a.params === 'object') next.params = a.params;
      if (next.partnerId && state.p && state.p !== next.partnerId) {
        // Another customer signed in on this browser: they get their own visitor, not the previous one's chats
        // (an anonymous visitor who signs in keeps their chat).
        state = {};
        clearState();
      }
      identity = next;
      if (next.partnerId) save({ p: next.partnerId });
      post('identify', { identity: identity, token: state.t || null });
    } else if (cmd === 'reset') {
      state = {};
      clearState();
      identity = null;
      unread = 0;
      if (look) render();
      post('reset');
    } else win.console.warn('[livechat] unknown command', cmd);
  }

  function start(a: WidgetAppearance) {
    look = a;
    if (!a.allowed) {
      win.console.warn('[livechat] this website is not in the allowed domains of the widget');
      return;
    }
    styles(a);
    launcher.addEventListener('click', function () {
      setOpen(!open);
    });
    bubble.addEventListener('click', function () {
      setOpen(true);
    });
    doc.body.appendChild(bubble);
    doc.body.appendChild(launcher);
    render();
    var queued = (win.LiveChat && win.LiveChat.q) || [];
    win.LiveChat = function () {
      api.apply(null, arguments as any);
    };
    // A known visitor stays connected while minimised (unread badge, preview), so the iframe starts hidden.
    if (state.t || look!.greets) createFrame();
    for (var i = 0; i < queued.length; i++) api.apply(null, queued[i]);
    if (d.open === 'true' && !open) setOpen(true);
  }

  var q = new win.URLSearchParams({ key: key, host: win.location.origin, lang: lang || win.navigator.language || 'en' });
  function boot() {
    win
      .fetch(ORIGIN + '/api/widget/config?' + q.toString())
      .then(function (r: any) {
        return r.json();
      })
      .then(start, function () {
        win.console.error('[livechat] could not load the widget settings');
      });
  }
  if (doc.body) boot();
  else doc.addEventListener('DOMContentLoaded', boot);
}
