'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ConversationDto } from '@/domain/conversations/types';
import { request } from './socket';
import type { AgentSocket } from './socket';

function waitingFor(since: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(since)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/**
 * F1/F11: the always-on Unassigned pool in the agent's conversation list. Loaded with `pool.list` on every
 * connect and kept live with `pool.changed`; "Take" claims a chat (`pool.claim`), errors shown on the item.
 * Hidden while the pool is empty.
 */
export function UnassignedPool({ socket, connected, onClaimed }: { socket: AgentSocket | null; connected: boolean; onClaimed: (c: ConversationDto) => void }) {
  const [pool, setPool] = useState<ConversationDto[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    if (!socket) return;
    const res = await request(socket, 'pool.list', {});
    if (res.ok) setPool(res.conversations);
  }, [socket]);

  useEffect(() => {
    if (!socket) return;
    const onChanged = (e: { conversation: ConversationDto; inPool: boolean }) => {
      setPool((all) => {
        const rest = all.filter((c) => c.id !== e.conversation.id);
        return e.inPool ? [...rest, e.conversation].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)) : rest;
      });
      if (!e.inPool) setErrors(({ [e.conversation.id]: _gone, ...rest }) => rest);
    };
    socket.on('connect', load);
    socket.on('pool.changed', onChanged);
    if (socket.connected) void load();
    return () => {
      socket.off('connect', load);
      socket.off('pool.changed', onChanged);
    };
  }, [socket, load]);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);

  async function take(c: ConversationDto) {
    if (!socket) return;
    setBusy(c.id);
    setErrors(({ [c.id]: _old, ...rest }) => rest);
    const res = await request(socket, 'pool.claim', { conversationId: c.id });
    setBusy(null);
    if (!res.ok) {
      setErrors((all) => ({ ...all, [c.id]: res.error.message }));
      if (res.error.code === 'conflict') void load();
      return;
    }
    setPool((all) => all.filter((x) => x.id !== c.id));
    onClaimed(res.conversation);
  }

  if (!pool.length) return null;

  return (
    <section className="border-b border-slate-100 bg-amber-50/40 py-2" data-testid="unassigned-pool" aria-label="Unassigned chats">
      <h2 className="px-4 py-1 text-xs font-semibold uppercase tracking-wide text-amber-800">Unassigned ({pool.length})</h2>
      <ul>
        {pool.map((c) => (
          <li key={c.id} className="px-4 py-2" data-testid="pool-item">
            <div className="flex items-center justify-between gap-2">
              <span className="min-w-0 text-sm">
                <span className="block truncate font-medium text-slate-800">{c.visitorName ?? `Visitor ${c.visitorId.slice(0, 8)}`}</span>
                <span className="block truncate text-xs text-slate-500">
                  waiting {waitingFor(c.startedAt, now)} · {c.channel}
                </span>
              </span>
              <button
                type="button"
                onClick={() => void take(c)}
                disabled={!connected || busy !== null}
                className="shrink-0 rounded-md bg-indigo-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:bg-indigo-300"
                aria-describedby={errors[c.id] ? `pool-error-${c.id}` : undefined}
                data-testid="pool-take"
              >
                {busy === c.id ? 'Taking…' : 'Take'}
              </button>
            </div>
            {errors[c.id] ? (
              <p id={`pool-error-${c.id}`} role="alert" className="mt-1 text-xs text-red-700">
                {errors[c.id]}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
