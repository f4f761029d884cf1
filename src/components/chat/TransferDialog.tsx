'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationDto } from '@/domain/conversations/types';
import { cn } from '@/components/ui/cn';
import { request } from './socket';
import type { AgentSocket } from './socket';
import type { AgentResult } from '@/realtime/contract';

/** What `transfer.targets` answers (realtime/contract.ts). */
export type TransferTargets = AgentResult<'transfer.targets'>;
type Status = TransferTargets['agents'][number]['status'];

/** Why an agent cannot take a transferred chat right now, or null when they can. */
export function unavailableReason(a: TransferTargets['agents'][number]): string | null {
  if (a.status === 'offline') return 'Offline';
  if (a.status === 'busy') return 'Busy';
  if (a.load >= a.limit) return 'At their limit';
  return null;
}

const DOT: Record<Status, string> = { online: 'bg-green-500', busy: 'bg-amber-500', offline: 'bg-slate-400' };

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Modal dialog to hand the selected chat to another agent or a skill group (`transfer.targets`, then
 * `chat.transfer`). Native <dialog> opened with showModal (the page behind is inert), Tab cycles inside,
 * Esc closes, focus returns to the button that opened it.
 */
export function TransferDialog({
  socket,
  conversation,
  onClose,
  onTransferred,
}: {
  socket: AgentSocket;
  conversation: ConversationDto;
  onClose: () => void;
  onTransferred: (conversation: ConversationDto) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const load = async () => {
    setLoadError(null);
    const result = await request(socket, 'transfer.targets');
    if (result.ok) setTargets({ agents: result.agents, groups: result.groups });
    else setLoadError(result.error.message);
  };

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    void load();
    return () => {
      dialog?.close();
      opener?.focus();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening
  }, []);

  const choose = async (to: { type: 'agent' | 'group'; id: string }) => {
    setPending(`${to.type}:${to.id}`);
    setError(null);
    const result = await request(socket, 'chat.transfer', { conversationId: conversation.id, to });
    setPending(null);
    if (result.ok) {
      onTransferred(result.conversation);
      return;
    }
    setError(result.error.message);
    void load(); // presence changed under us: show the current loads
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const visitor = conversation.visitorName ?? `Visitor ${conversation.visitorId.slice(0, 8)}`;
  const agents = targets ? [...targets.agents].sort((a, b) => Number(!!unavailableReason(a)) - Number(!!unavailableReason(b)) || a.name.localeCompare(b.name)) : [];
  const optionClass =
    'flex w-full items-center justify-between gap-3 rounded-md px-3 py-2 text-left text-sm ring-1 ring-inset ring-slate-200 hover:bg-indigo-50 hover:ring-indigo-300 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-400 disabled:hover:ring-slate-200';

  return (
    <dialog
      ref={ref}
      aria-labelledby="transfer-title"
      aria-describedby="transfer-desc"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      data-testid="transfer-dialog"
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      <div className="border-b border-slate-200 px-5 py-4">
        <h2 id="transfer-title" className="text-base font-semibold">
          Transfer chat with {visitor}
        </h2>
        <p id="transfer-desc" className="mt-1 text-sm text-slate-500">
          The chat and its history move at once; the visitor is told. You can no longer reply afterwards.
        </p>
      </div>
      <div className="max-h-[60vh] space-y-5 overflow-y-auto px-5 py-4">
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-600/20" data-testid="transfer-error">
            {error}
          </p>
        ) : null}
        {loadError ? (
          <p role="alert" className="text-sm text-red-700">
            {loadError}{' '}
            <button type="button" className="underline" onClick={() => void load()}>
              Retry
            </button>
          </p>
        ) : null}
        {!targets && !loadError ? <p className="text-sm text-slate-500">Loading agents and groups…</p> : null}
        {targets ? (
          <>
            <section aria-labelledby="transfer-agents">
              <h3 id="transfer-agents" className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                Agents
              </h3>
              {agents.length === 0 ? <p className="text-sm text-slate-500">No other team members.</p> : null}
              <ul className="space-y-1.5">
                {agents.map((a) => {
                  const reason = unavailableReason(a);
                  const key = `agent:${a.id}`;
                  return (
                    <li key={a.id}>
                      <button
                        type="button"
                        className={optionClass}
                        disabled={!!reason || pending !== null}
                        onClick={() => void choose({ type: 'agent', id: a.id })}
                        data-testid="transfer-agent"
                        aria-describedby={`transfer-agent-${a.id}`}
                      >
                        <span className="flex min-w-0 items-center gap-2">
                          <span className={cn('h-2 w-2 shrink-0 rounded-full', DOT[a.status])} aria-hidden="true" />
                          <span className="truncate font-medium">{a.name}</span>
                        </span>
                        <span id={`transfer-agent-${a.id}`} className="shrink-0 text-xs text-slate-500">
                          {pending === key ? 'Transferring…' : `${reason ?? 'Online'} · ${a.load} / ${a.limit} chats`}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
            <section aria-labelledby="transfer-groups">
              <h3 id="transfer-groups" className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                Skill groups
              </h3>
              {targets.groups.length === 0 ? <p className="text-sm text-slate-500">No skill groups.</p> : null}
              <ul className="space-y-1.5">
                {targets.groups.map((g) => (
                  <li key={g.id}>
                    <button type="button" className={optionClass} disabled={pending !== null} onClick={() => void choose({ type: 'group', id: g.id })} data-testid="transfer-group">
                      <span className="truncate font-medium">{g.name}</span>
                      <span className="shrink-0 text-xs text-slate-500">{pending === `group:${g.id}` ? 'Transferring…' : 'Best available agent'}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          </>
        ) : null}
      </div>
      <div className="flex justify-end border-t border-slate-200 bg-slate-50 px-5 py-3">
        <button
          type="button"
          onClick={onClose}
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Cancel
        </button>
      </div>
    </dialog>
  );
}
