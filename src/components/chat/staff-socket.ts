'use client';

import { io, type Socket } from 'socket.io-client';
import type { AgentClientToServer, AgentServerToClient, MonitorClientToServer, MonitorServerToClient } from '../../realtime/events';

/** A staff socket typed with its namespace's event maps (realtime/events.ts, shared with the server). */
export type StaffSocket<NS extends '/agent' | '/monitor'> = NS extends '/agent' ? Socket<AgentServerToClient, AgentClientToServer> : Socket<MonitorServerToClient, MonitorClientToServer>;

interface TokenResponse {
  ok: boolean;
  token: string;
  realtimeUrl: string;
}

/** A short-lived staff token for the signed-in user (GET /api/realtime/token); signed out -> sign-in page. */
async function fetchToken(callbackPath: string): Promise<TokenResponse> {
  const res = await fetch('/api/realtime/token', { cache: 'no-store' });
  if (res.status === 401) {
    window.location.href = `/signin?callbackUrl=${encodeURIComponent(callbackPath)}`;
    throw new Error('Signed out');
  }
  if (!res.ok) throw new Error('Could not get a realtime token');
  return res.json();
}

export interface StaffSocketOptions<NS extends '/agent' | '/monitor'> {
  namespace: NS;
  /** Where a signed-out user comes back to after signing in. */
  callbackPath: string;
  /** Registers the component's event handlers (before the first connect). */
  attach: (socket: StaffSocket<NS>) => void;
  /** After every (re)connect: reload what may have been missed. */
  onConnect?: (socket: StaffSocket<NS>) => void;
  onConnectedChange?: (connected: boolean) => void;
  onError?: (message: string | null) => void;
}

/**
 * Connects a staff socket (`/agent` or `/monitor`) to the realtime server and keeps it for a component:
 * staff tokens live 10 minutes, so every reconnect fetches a fresh one (`auth` as a function); connection
 * state and errors are reported; the returned function closes it (also if called before it opened).
 */
export function connectStaffSocket<NS extends '/agent' | '/monitor'>(options: StaffSocketOptions<NS>): () => void {
  let closed = false;
  let socket: Socket | null = null;
  fetchToken(options.callbackPath).then(
    (first) => {
      if (closed) return;
      let initialToken: string | null = first.token;
      socket = io(`${first.realtimeUrl}${options.namespace}`, {
        transports: ['websocket', 'polling'],
        auth: (cb) => {
          if (initialToken) {
            cb({ token: initialToken });
            initialToken = null;
            return;
          }
          fetchToken(options.callbackPath).then((t) => cb({ token: t.token }), () => cb({ token: '' }));
        },
      });
      const opened = socket;
      opened.on('connect', () => {
        options.onConnectedChange?.(true);
        options.onError?.(null);
        options.onConnect?.(opened as StaffSocket<NS>);
      });
      opened.on('disconnect', () => options.onConnectedChange?.(false));
      // Handshake refusals read "<code>: <reason>"; show the reason.
      opened.on('connect_error', (err) => options.onError?.(err.message.replace(/^\w+: /, '')));
      options.attach(opened as StaffSocket<NS>);
    },
    (error: Error) => options.onError?.(error.message),
  );
  return () => {
    closed = true;
    socket?.disconnect();
  };
}
