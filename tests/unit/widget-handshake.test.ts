import { describe, expect, it } from 'vitest';
import { isFromHostPage, isFromWidgetFrame } from '../../src/widget/handshake';
import { loaderScript } from '../../src/widget/loader';
import { widgetFrameAncestors } from '../../src/widget/frame-policy';

const PRODUCT = 'https://chat.example.com';
const HOST = 'https://shop.example.org';
const NONCE = '0123456789abcdef0123456789abcdef';
const frameWindow = { name: 'widget frame' };
const parentWindow = { name: 'host page' };
const otherWindow = { name: 'another frame' };

const msg = (over: Record<string, unknown> = {}) => ({ lc: 1, type: 'token', nonce: NONCE, token: 't', ...over });

describe('loader side: messages from the widget frame', () => {
  it('accepts our frame, our origin, our nonce', () => {
    expect(isFromWidgetFrame({ origin: PRODUCT, source: frameWindow, data: msg() }, PRODUCT, frameWindow, NONCE)).toBe(true);
  });
  it('refuses another origin, even from the same window object', () => {
    expect(isFromWidgetFrame({ origin: 'https://evil.example', source: frameWindow, data: msg() }, PRODUCT, frameWindow, NONCE)).toBe(false);
    expect(isFromWidgetFrame({ origin: HOST, source: frameWindow, data: msg() }, PRODUCT, frameWindow, NONCE)).toBe(false);
  });
  it('refuses our origin from another window (a second product iframe on the page)', () => {
    expect(isFromWidgetFrame({ origin: PRODUCT, source: otherWindow, data: msg() }, PRODUCT, frameWindow, NONCE)).toBe(false);
  });
  it('refuses a wrong or missing nonce and malformed data', () => {
    expect(isFromWidgetFrame({ origin: PRODUCT, source: frameWindow, data: msg({ nonce: 'f'.repeat(32) }) }, PRODUCT, frameWindow, NONCE)).toBe(false);
    expect(isFromWidgetFrame({ origin: PRODUCT, source: frameWindow, data: msg({ nonce: undefined }) }, PRODUCT, frameWindow, NONCE)).toBe(false);
    expect(isFromWidgetFrame({ origin: PRODUCT, source: frameWindow, data: msg({ lc: undefined }) }, PRODUCT, frameWindow, NONCE)).toBe(false);
    expect(isFromWidgetFrame({ origin: PRODUCT, source: frameWindow, data: msg({ type: 5 }) }, PRODUCT, frameWindow, NONCE)).toBe(false);
    expect(isFromWidgetFrame({ origin: PRODUCT, source: frameWindow, data: null }, PRODUCT, frameWindow, NONCE)).toBe(false);
    expect(isFromWidgetFrame({ origin: PRODUCT, source: frameWindow, data: 'livechat:close' }, PRODUCT, frameWindow, NONCE)).toBe(false);
  });
  it('refuses everything before the frame exists, and a too-short nonce', () => {
    expect(isFromWidgetFrame({ origin: PRODUCT, source: null, data: msg() }, PRODUCT, null, NONCE)).toBe(false);
    expect(isFromWidgetFrame({ origin: PRODUCT, source: frameWindow, data: msg({ nonce: 'short' }) }, PRODUCT, frameWindow, 'short')).toBe(false);
  });
});

describe('iframe side: messages from the host page', () => {
  it('accepts the parent window from the declared origin with the nonce', () => {
    expect(isFromHostPage({ origin: HOST, source: parentWindow, data: msg({ type: 'init' }) }, parentWindow, HOST, NONCE)).toBe(true);
  });
  it('refuses another origin (a page that framed us while claiming another host)', () => {
    expect(isFromHostPage({ origin: 'https://evil.example', source: parentWindow, data: msg() }, parentWindow, HOST, NONCE)).toBe(false);
  });
  it('refuses other windows: sibling frames, popups, ourselves', () => {
    expect(isFromHostPage({ origin: HOST, source: otherWindow, data: msg() }, parentWindow, HOST, NONCE)).toBe(false);
    expect(isFromHostPage({ origin: HOST, source: frameWindow, data: msg() }, parentWindow, HOST, NONCE)).toBe(false);
  });
  it('refuses without a declared host or with a wrong nonce', () => {
    expect(isFromHostPage({ origin: HOST, source: parentWindow, data: msg() }, parentWindow, '', NONCE)).toBe(false);
    expect(isFromHostPage({ origin: HOST, source: parentWindow, data: msg({ nonce: 'x'.repeat(32) }) }, parentWindow, HOST, NONCE)).toBe(false);
  });
});

describe('served loader', () => {
  it('embeds the same check and stays small', async () => {
    const { source, hash } = loaderScript(PRODUCT);
    expect(source).toContain(JSON.stringify(PRODUCT));
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const { gzipSync } = await import('node:zlib');
    expect(gzipSync(source).length).toBeLessThan(6 * 1024);
    // The embedded check runs as a plain function in a browser-like scope.
    const check = new Function(`return (${isFromWidgetFrame.toString()})`)() as typeof isFromWidgetFrame;
    expect(check({ origin: PRODUCT, source: frameWindow, data: msg() }, PRODUCT, frameWindow, NONCE)).toBe(true);
    expect(check({ origin: HOST, source: frameWindow, data: msg() }, PRODUCT, frameWindow, NONCE)).toBe(false);
  });
});

describe('frame-ancestors', () => {
  it('pins framing to the declared host origin, else nobody', () => {
    expect(widgetFrameAncestors(new URLSearchParams({ host: HOST }))).toBe(`frame-ancestors ${HOST}`);
    expect(widgetFrameAncestors(new URLSearchParams({ host: 'http://127.0.0.1:8080' }))).toBe('frame-ancestors http://127.0.0.1:8080');
    expect(widgetFrameAncestors(new URLSearchParams())).toBe("frame-ancestors 'none'");
    expect(widgetFrameAncestors(new URLSearchParams({ host: 'javascript:alert(1)' }))).toBe("frame-ancestors 'none'");
    expect(widgetFrameAncestors(new URLSearchParams({ host: 'https://a.example/path; script-src *' }))).toBe("frame-ancestors 'none'");
  });
});
