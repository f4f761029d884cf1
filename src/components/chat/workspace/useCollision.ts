'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ConversationViewer } from '@/domain/collision/presence';
import type { TranscriptItem } from '@/domain/collision/replied-since';
import { request, type AgentSocket } from '../socket';
import { collidingRepliers, collisionReducer, initialCollision } from './collision-state';

/** How often an open chat refreshes its presence entry (the server forgets it after 45 s). */
const REFRESH_MS = 20_000;

/**
 * Collision guard (F17) for the open chat: tells the server what this agent does there (`collision.update`),
 * keeps the list of colleagues on it (`collision` events, from every node), and holds a reply back for
 * confirmation when a colleague replied since this agent started writing it.
 */
export function useCollision(socket: AgentSocket | null, conversationId: string | null, selfId: string, transcript: readonly TranscriptItem[]) {
  const [state, dispatch] = useReducer(collisionReducer, initialCollision);
  const transcriptRef = useRef(transcript);
  const heldRef = useRef<(() => void) | null>(null);
  transcriptRef.current = transcript;

  useEffect(() => dispatch({ type: 'open', conversationId }), [conversationId]);

  useEffect(() => {
    if (!socket) return;
    const onCollision = (e: { conversationId: string; viewers: ConversationViewer[] }) => dispatch({ type: 'viewers', ...e });
    socket.on('collision', onCollision);
    return () => void socket.off('collision', onCollision);
  }, [socket]);

  // Announce what this agent does on the open chat; refresh while it stays open; leave when it closes.
  useEffect(() => {
    if (!socket || !conversationId || state.conversationId !== conversationId) return;
    const announce = () =>
      void request(socket, 'collision.update', { conversationId, activity: state.activity }).then((r) => {
        if (r.ok) dispatch({ type: 'viewers', conversationId, viewers: r.viewers });
      });
    announce();
    const timer = setInterval(announce, REFRESH_MS);
    socket.on('connect', announce);
    return () => {
      clearInterval(timer);
      socket.off('connect', announce);
    };
  }, [socket, conversationId, state.conversationId, state.activity]);
  useEffect(() => {
    if (!socket || !conversationId) return;
    return () => void request(socket, 'collision.update', { conversationId, activity: 'left' });
  }, [socket, conversationId]);

  const typing = useCallback((kind: 'replying' | 'noting', isTyping: boolean) => dispatch({ type: 'typing', kind, typing: isTyping, transcript: transcriptRef.current }), []);

  /** Sends now, or holds the reply for confirmation when a colleague replied meanwhile. */
  const guardSend = useCallback(
    (body: string, send: () => void) => {
      const names = collidingRepliers(state, transcriptRef.current, selfId);
      if (names.length) {
        heldRef.current = send;
        return dispatch({ type: 'hold', body, names });
      }
      dispatch({ type: 'settled' });
      send();
    },
    [state, selfId],
  );

  return {
    others: state.viewers.filter((v) => v.userId !== selfId),
    pending: state.pending,
    typing,
    guardSend,
    /** "Send anyway": the held reply goes out. */
    release: useCallback(() => {
      heldRef.current?.();
      heldRef.current = null;
      dispatch({ type: 'settled' });
    }, []),
    /** "Keep editing": returns the held text (for the reply box) and drops the send. */
    keep: useCallback(() => {
      heldRef.current = null;
      dispatch({ type: 'settled' });
    }, []),
  };
}
