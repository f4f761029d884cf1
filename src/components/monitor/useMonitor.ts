'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { connectStaffSocket } from '@/components/chat/staff-socket';
import { request, type MonitorSocket } from '@/components/chat/socket';
import type { ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { MonitorSnapshot, WhisperDto } from '@/domain/monitoring/types';
import type { TagDto } from '@/domain/tags/service';
import { INITIAL_MONITOR, MONITOR_DELTAS, monitorReducer, type MonitorAction } from './monitor-state';

/**
 * The monitoring session: one /monitor socket, a snapshot on (re)connect (deltas arriving meanwhile are
 * buffered and applied after it), then pushed deltas from every node (no polling). The one-second clock
 * only re-renders durations locally.
 */
export function useMonitor() {
  const [state, dispatch] = useReducer(monitorReducer, INITIAL_MONITOR);
  const [connected, setConnected] = useState(false);
  const [connectError, setConnectError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [socket, setSocket] = useState<MonitorSocket | null>(null);
  const socketRef = useRef<MonitorSocket | null>(null);
  const watchRef = useRef<string | null>(null);
  const reloadRef = useRef<() => void>(() => {});

  useEffect(() => {
    let opened: MonitorSocket | null = null;
    let buffer: MonitorAction[] | null = null;
    const feed = (action: MonitorAction) => (buffer ? buffer.push(action) : dispatch(action));
    const loadSnapshot = async () => {
      if (!opened) return;
      buffer = [];
      const result = await request(opened, 'monitor.snapshot');
      const pending = buffer;
      buffer = null;
      if (!result.ok) return setConnectError(result.error.message);
      dispatch({ type: 'snapshot', snapshot: result.snapshot, tags: result.tags ?? [], conversationTags: result.conversationTags ?? {} });
      for (const action of pending) dispatch(action);
    };
    reloadRef.current = () => void loadSnapshot();
    const close = connectStaffSocket({
      namespace: '/monitor',
      callbackPath: '/admin/live-chat/monitoring',
      onConnectedChange: setConnected,
      onError: setConnectError,
      onConnect: (s) => {
        void loadSnapshot();
        if (watchRef.current) void request(s, 'monitor.watch', { conversationId: watchRef.current });
      },
      attach: (s) => {
        opened = s;
        socketRef.current = s;
        setSocket(s);
        for (const event of MONITOR_DELTAS) s.on(event, (payload: unknown) => feed({ type: 'delta', event, payload }));
        s.on('message', (message: MessageDto) => dispatch({ type: 'message', message }));
        for (const event of ['whisper', 'note'] as const) s.on(event, (whisper: WhisperDto) => dispatch({ type: 'whisper', whisper }));
        s.on('conversation.tags', (e: { conversationId: string; tags: TagDto[] }) => dispatch({ type: 'conversationTags', ...e }));
        s.on('conversation.updated', (c: ConversationDto) => feed({ type: 'delta', event: 'monitor.conversation', payload: c }));
      },
    });
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(tick);
      close();
    };
  }, []);

  // A delta about someone the snapshot did not know (a new agent): reload it.
  useEffect(() => {
    if (state.stale) reloadRef.current();
  }, [state.stale]);

  const watch = useCallback(async (conversationId: string | null) => {
    const s = socketRef.current;
    if (!s) return;
    if (watchRef.current && watchRef.current !== conversationId) void request(s, 'monitor.unwatch', { conversationId: watchRef.current });
    watchRef.current = conversationId;
    dispatch({ type: 'watch', conversationId });
    if (!conversationId) return;
    const result = await request(s, 'monitor.watch', { conversationId });
    if (result.ok) dispatch({ type: 'watchMessages', conversationId, messages: result.messages, whispers: result.whispers });
  }, []);

  const setLongWait = useCallback((seconds: number) => dispatch({ type: 'longWait', seconds }), []);

  return { state, connected, connectError, now, socket, watch, setLongWait };
}
