'use client';

import { useCallback, useEffect, useState } from 'react';
import { request } from './socket';
import type { AgentSocket } from './socket';
import type { AgentResult } from '@/realtime/contract';

/** What `customer.get` answers (realtime/contract.ts). */
type Panel = AgentResult<'customer.get'>;

/**
 * Beside the chat in the agent workspace (F2, F11): the CRM profile of the visitor (when identified by
 * partnerid), their past conversations and, if the workspace lets agents see results, past ratings. Also
 * the agent's "Invite to rate" action (F8).
 */
export function CustomerPanel({ socket, conversationId, open }: { socket: AgentSocket | null; conversationId: string; open: boolean }) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inviteNote, setInviteNote] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    if (!socket) return;
    const r = await request(socket, 'customer.get', { conversationId });
    if (r.ok) {
      setPanel(r);
      setError(null);
    } else setError(r.error.message);
  }, [socket, conversationId]);

  useEffect(() => {
    setPanel(null);
    setInviteNote(null);
    void load();
    if (!socket) return;
    const onRated = (e: { conversationId: string }) => {
      if (e.conversationId === conversationId) void load();
    };
    socket.on('rating.received', onRated);
    return () => {
      socket.off('rating.received', onRated);
    };
  }, [socket, conversationId, load]);

  const invite = async () => {
    if (!socket) return;
    const r = await request(socket, 'rating.invite', { conversationId });
    setInviteNote(r.ok ? { ok: true, text: `Invitation sent (${r.invitations} of ${r.max}).` } : { ok: false, text: r.error.message });
  };

  const c = panel?.customer;
  return (
    <section aria-label="Customer" className="mt-6 border-t border-slate-200 pt-4" data-testid="customer-panel">
      {open ? (
        <div className="mb-4">
          <button type="button" onClick={() => void invite()} className="w-full rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50" data-testid="invite-rating">
            Invite to rate the chat
          </button>
          {inviteNote ? (
            <p role={inviteNote.ok ? 'status' : 'alert'} className={`mt-1 text-xs ${inviteNote.ok ? 'text-green-700' : 'text-red-700'}`}>
              {inviteNote.text}
            </p>
          ) : null}
        </div>
      ) : null}
      {panel?.ratingsVisible ? <ChatRating rating={panel.rating ?? null} /> : null}
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">CRM record</h3>
      {error ? <p className="mt-2 text-xs text-red-700">{error}</p> : null}
      {!panel && !error ? <p className="mt-2 text-xs text-slate-400">Loading…</p> : null}
      {panel && !c ? <p className="mt-2 text-xs text-slate-500">Visitor not signed in on your site: not saved as a customer.</p> : null}
      {c ? (
        <>
          <dl className="mt-2 space-y-1.5">
            {c.partnerId ? <Row label="Partner id" value={`${c.partnerId}${c.verified ? ' ✓ verified' : ''}`} /> : null}
            <Row label="Name" value={c.name ?? '–'} />
            <Row label="Email" value={c.email ?? '–'} />
            <Row label="Phone" value={c.phone ?? '–'} />
            {Object.entries(c.params).map(([k, v]) => (
              <Row key={k} label={k} value={v} />
            ))}
            <Row label="Visits" value={String(c.visits)} />
          </dl>
          <h4 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Past conversations</h4>
          <ul className="mt-1 space-y-1 text-xs text-slate-700">
            {panel!.conversations.map((x) => (
              <li key={x.id} className={x.id === conversationId ? 'font-medium' : undefined}>
                {new Date(x.startedAt).toLocaleDateString()} · {x.agentName ?? 'no agent'} · {x.id === conversationId ? 'this chat' : x.status}
              </li>
            ))}
          </ul>
          {panel!.ratingsVisible ? (
            <>
              <h4 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Past ratings</h4>
              {panel!.ratings?.length ? (
                <ul className="mt-1 space-y-1 text-xs text-slate-700" data-testid="customer-ratings">
                  {panel!.ratings.map((r) => (
                    <li key={r.id}>
                      {r.score}/{r.scale} {r.label}
                      {r.tags.length ? ` · ${r.tags.join(', ')}` : ''}
                      {r.comment ? ` · “${r.comment}”` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-xs text-slate-400">No ratings yet.</p>
              )}
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The visitor's rating of this chat, beside the chat (also after it ended). */
function ChatRating({ rating }: { rating: Panel['rating'] }) {
  return (
    <div className="mb-4" data-testid="chat-rating">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Rating of this chat</h3>
      {rating ? (
        <div className="mt-1 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200">
          <p>
            <span aria-hidden="true" className="text-amber-500">
              {rating.scale === 2 ? (rating.score === 2 ? '👍' : '👎') : '★'.repeat(rating.score) + '☆'.repeat(Math.max(0, rating.scale - rating.score))}
            </span>{' '}
            <span className="font-medium">{rating.label}</span>
            <span className="sr-only">
              {' '}
              ({rating.score} of {rating.scale})
            </span>
          </p>
          {rating.tags.length ? <p className="mt-0.5 text-xs text-slate-600">{rating.tags.join(', ')}</p> : null}
          {rating.comment ? <p className="mt-0.5 text-xs text-slate-600">“{rating.comment}”</p> : null}
          {rating.solved !== null ? <p className="mt-0.5 text-xs text-slate-600">{rating.solved ? 'Problem solved' : 'Problem not solved'}</p> : null}
        </div>
      ) : (
        <p className="mt-1 text-xs text-slate-400">Not rated yet.</p>
      )}
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-all text-slate-800">{value}</dd>
    </div>
  );
}
