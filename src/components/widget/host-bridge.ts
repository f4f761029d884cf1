'use client';

import { isFromHostPage } from '@/widget/handshake';

export interface VisitorIdentityInput {
  partnerId?: string;
  partnerIdHash?: string;
  name?: string;
  email?: string;
  phone?: string;
  params?: Record<string, string>;
}

export interface PageInfo {
  url: string;
  title: string;
  referrer?: string;
}

/** What the loader hands over after the handshake: the identity it keeps in the host page's storage. */
export interface HostInit {
  token: string | null;
  /** `<conversationId>:<seq>` of the newest message the visitor has seen. */
  seen: string | null;
  identity: VisitorIdentityInput | null;
  lang: string | null;
  open: boolean;
  muted: boolean;
  page: PageInfo | null;
}

export type HostMessage =
  | { type: 'init'; init: HostInit }
  | { type: 'visibility'; open: boolean }
  | { type: 'identify'; identity: VisitorIdentityInput | null; token: string | null }
  | { type: 'reset' }
  | { type: 'page'; page: PageInfo }
  | { type: 'language'; lang: string };

const STANDALONE: HostInit = { token: null, seen: null, identity: null, lang: null, open: true, muted: false, page: null };

/**
 * The iframe's end of the loader handshake. It posts `ready` to the parent (only to the origin the loader
 * declared, which the server checked against the allowed domains) and accepts messages only from the parent
 * window, from that origin, carrying the nonce the loader put in our URL fragment. Opened directly (not
 * embedded), the widget runs standalone with an in-memory identity.
 */
export class HostBridge {
  private readonly nonce: string;
  private readonly embedded: boolean;

  constructor(private readonly hostOrigin: string | null) {
    this.nonce = window.location.hash.slice(1);
    this.embedded = window.parent !== window && !!hostOrigin && this.nonce.length >= 16;
  }

  /** Starts listening; `onMessage` gets `init` first (at once when standalone). Returns the stop function. */
  start(onMessage: (message: HostMessage) => void): () => void {
    if (!this.embedded) {
      onMessage({ type: 'init', init: STANDALONE });
      return () => {};
    }
    const listener = (event: MessageEvent) => {
      if (!isFromHostPage(event, window.parent, this.hostOrigin!, this.nonce)) return;
      const m = event.data as Record<string, unknown>;
      if (m.type === 'init') {
        onMessage({
          type: 'init',
          init: {
            token: typeof m.token === 'string' ? m.token : null,
            seen: typeof m.seen === 'string' ? m.seen : null,
            identity: identityOf(m.identity),
            lang: typeof m.lang === 'string' ? m.lang : null,
            open: m.open === true,
            muted: m.muted === true,
            page: pageOf(m.page),
          },
        });
      } else if (m.type === 'visibility') onMessage({ type: 'visibility', open: m.open === true });
      else if (m.type === 'identify') onMessage({ type: 'identify', identity: identityOf(m.identity), token: typeof m.token === 'string' ? m.token : null });
      else if (m.type === 'reset') onMessage({ type: 'reset' });
      else if (m.type === 'page') {
        const page = pageOf(m.page);
        if (page) onMessage({ type: 'page', page });
      } else if (m.type === 'language' && typeof m.lang === 'string') onMessage({ type: 'language', lang: m.lang });
    };
    window.addEventListener('message', listener);
    this.post('ready');
    return () => window.removeEventListener('message', listener);
  }

  /** To the loader; dropped when standalone. The target origin pins delivery to the declared host page. */
  post(type: string, data: Record<string, unknown> = {}): void {
    if (this.embedded) window.parent.postMessage({ ...data, lc: 1, type, nonce: this.nonce }, this.hostOrigin!);
  }
}

function str(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
}

/** Host-page input is untrusted: keep only the known fields, as capped strings. */
export function identityOf(raw: unknown): VisitorIdentityInput | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const params: Record<string, string> = {};
  if (r.params && typeof r.params === 'object') {
    for (const [k, v] of Object.entries(r.params as Record<string, unknown>).slice(0, 20)) if (/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/.test(k) && typeof v === 'string') params[k] = v.slice(0, 500);
  }
  const out: VisitorIdentityInput = { partnerId: str(r.partnerId, 200), partnerIdHash: str(r.partnerIdHash, 200), name: str(r.name, 100), email: str(r.email, 200), phone: str(r.phone, 50), params };
  return out;
}

function pageOf(raw: unknown): PageInfo | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const url = str(r.url, 2000);
  if (!url || !/^https?:\/\//.test(url)) return null;
  return { url, title: str(r.title, 300) ?? '', ...(str(r.referrer, 2000) ? { referrer: str(r.referrer, 2000) } : {}) };
}
