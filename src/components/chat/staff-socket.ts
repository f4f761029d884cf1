'use client';

import { io, type Socket } from 'socket.io-client';

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

/**
 * Opens a staff socket (`/agent` or `/monitor`) on the realtime server. Staff tokens live 10 minutes, so
 * every reconnect fetches a fresh one (`auth` as a function). Throws if the first token cannot be had.
 */
export async function openStaffSocket(namespace: '/agent' | '/monitor', callbackPath: string): Promise<Socket> {
  const first = await fetchToken(callbackPath);
  let initialToken: string | null = first.token;
  return io(`${first.realtimeUrl}${namespace}`, {
    transports: ['websocket', 'polling'],
    auth: (cb) => {
      if (initialToken) {
        cb({ token: initialToken });
        initialToken = null;
        return;
      }
      fetchToken(callbackPath).then((t) => cb({ token: t.token }), () => cb({ token: '' }));
    },
  });
}
