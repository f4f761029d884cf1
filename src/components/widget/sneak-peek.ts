'use client';

import { useCallback, useEffect, useRef } from 'react';
import type { VisitorSocket } from '@/components/chat/socket';
import { PreviewThrottle, SNEAK_PEEK_PER_SECOND } from '@/domain/sneakpeek/throttle';

/**
 * Sneak peek (F17), visitor side: with the workspace setting on, the composer's text goes to the agent as
 * `typing.preview`, at most 4 updates a second (the server holds the same limit), '' once sent or erased.
 * Off: returns a no-op and nothing leaves the browser.
 */
export function useSneakPeekSender(socket: VisitorSocket | null, conversationId: string | null, enabled: boolean): (text: string) => void {
  const throttle = useRef<PreviewThrottle | null>(null);
  useEffect(() => {
    if (!enabled || !socket || !conversationId) return;
    const t = new PreviewThrottle(1000 / SNEAK_PEEK_PER_SECOND, (text) => void socket.emit('typing.preview', { conversationId, text }, () => {}));
    throttle.current = t;
    return () => {
      t.dispose();
      throttle.current = null;
    };
  }, [socket, conversationId, enabled]);
  return useCallback((text: string) => throttle.current?.push(text.slice(0, 5000)), []);
}
