'use client';

import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { MessageDto } from '@/domain/conversations/types';
import type { WidgetLanguage } from '@/domain/settings/schemas-widget';
import { hasDictionary, registerDictionary, resolveLanguage } from '@/widget/i18n';
import { HostBridge, type HostInit, type PageInfo, type VisitorIdentityInput } from '@/components/widget/host-bridge';
import { seenMarker } from '@/components/widget/unread';
import type { UiMessage } from '../messages';

/**
 * The widget frame's side of the loader handshake (the host page keeps identity, seen marker, mute): init,
 * visibility, identify/reset (`onReconnect`, `onClear`), SPA page changes, language; the unread badge.
 */
export function useHostBridge({ hostOrigin, initialLanguage, messagesRef, onClear, onReconnect, onPage, onSeen, onLanguage }: {
  hostOrigin: string | null;
  initialLanguage: WidgetLanguage;
  messagesRef: MutableRefObject<UiMessage[]>;
  onClear: () => void;
  onReconnect: () => void;
  onPage: (page: PageInfo) => void;
  /** The visitor saw everything up to this message (the server stops it from being emailed, F15). */
  onSeen: (conversationId: string, seq: number) => void;
  /** The site chose another widget language (`setLanguage`): the server's visitor emails follow it. */
  onLanguage: (lang: string) => void;
}) {
  const bridgeRef = useRef<HostBridge | null>(null);
  const tokenRef = useRef<string | null>(null);
  const identityRef = useRef<VisitorIdentityInput | null>(null);
  const openRef = useRef(false);
  const seenRef = useRef<string | null>(null);
  const unreadRef = useRef(0);
  const pageRef = useRef<PageInfo | null>(null);
  /** The language the site chose (embed `data-lang`, `setLanguage`); null = none (the browser's applies). */
  const chosenLangRef = useRef<string | null>(null);
  const [init, setInit] = useState<HostInit | null>(null);
  const [lang, setLang] = useState<WidgetLanguage>(initialLanguage);
  const [muted, setMuted] = useState(false);
  const [scrollKey, setScrollKey] = useState(0);
  const handlers = useRef({ onClear, onReconnect, onPage, onSeen, onLanguage });
  handlers.current = { onClear, onReconnect, onPage, onSeen, onLanguage };

  /** The visitor has seen everything up to the newest message: remember it (host storage) and clear the badge. */
  const markSeen = useCallback(() => {
    const confirmed = messagesRef.current.filter((m) => m.id && !m.pending && !m.failed);
    const newest = confirmed[confirmed.length - 1];
    if (newest) {
      seenRef.current = seenMarker(newest.conversationId, newest.seq);
      bridgeRef.current?.post('seen', { seen: seenRef.current });
      handlers.current.onSeen(newest.conversationId, newest.seq);
    }
    if (unreadRef.current !== 0) {
      unreadRef.current = 0;
      bridgeRef.current?.post('unread', { count: 0 });
    }
  }, [messagesRef]);

  const reportUnread = useCallback((latest: MessageDto | undefined) => {
    bridgeRef.current?.post('unread', {
      count: unreadRef.current,
      ...(latest ? { preview: { name: latest.senderName ?? '', body: latest.body.slice(0, 300) } } : {}),
    });
  }, []);

  /** Shows another language, fetching its texts first when this page does not have them yet. */
  const switchLanguage = useCallback((next: WidgetLanguage) => {
    if (hasDictionary(next)) return setLang(next);
    void import('@/widget/dictionaries').then(({ DICTIONARIES }) => {
      if (next !== 'en') registerDictionary(next, DICTIONARIES[next]);
      setLang(next);
    });
  }, []);

  // The handshake with the loader: nothing connects before the loader hands over the identity.
  useEffect(() => {
    const bridge = new HostBridge(hostOrigin);
    bridgeRef.current = bridge;
    const stop = bridge.start((m) => {
      if (m.type === 'init') {
        tokenRef.current = m.init.token;
        identityRef.current = m.init.identity;
        seenRef.current = m.init.seen;
        openRef.current = m.init.open;
        pageRef.current = m.init.page;
        chosenLangRef.current = m.init.lang || null;
        setMuted(m.init.muted);
        if (m.init.lang) switchLanguage(resolveLanguage([m.init.lang], initialLanguage));
        setInit(m.init);
      } else if (m.type === 'visibility') {
        openRef.current = m.open;
        if (m.open) {
          markSeen();
          setScrollKey((k) => k + 1);
        }
      } else if (m.type === 'identify') {
        identityRef.current = m.identity;
        if (m.token !== tokenRef.current) handlers.current.onClear();
        tokenRef.current = m.token;
        handlers.current.onReconnect();
      } else if (m.type === 'reset') {
        tokenRef.current = null;
        identityRef.current = null;
        seenRef.current = null;
        unreadRef.current = 0;
        handlers.current.onClear();
        handlers.current.onReconnect();
      } else if (m.type === 'page') {
        pageRef.current = m.page;
        handlers.current.onPage(m.page);
      } else if (m.type === 'language') {
        chosenLangRef.current = m.lang;
        handlers.current.onLanguage(m.lang);
        switchLanguage(resolveLanguage([m.lang], initialLanguage));
      }
    });
    return () => {
      stop();
      bridgeRef.current = null;
    };
  }, [hostOrigin, initialLanguage, markSeen, switchLanguage]);

  const toggleMute = () => {
    setMuted((m) => {
      bridgeRef.current?.post('mute', { muted: !m });
      return !m;
    });
  };

  return { bridgeRef, tokenRef, identityRef, openRef, seenRef, unreadRef, pageRef, chosenLangRef, init, lang, muted, scrollKey, markSeen, reportUnread, toggleMute };
}
