'use client';

import { useState, type FormEvent } from 'react';
import type { CannedReplyDto } from '@/domain/canned/service';
import { request } from '../socket';
import type { AgentSocket } from '../socket';
import { inputClass } from './form-classes';


/**
 * The agent's own canned replies (shared ones are managed by admins in the console). Placeholders:
 * {visitor.name}, {visitor.email}, {agent.name}, {workspace.name}.
 */
export function CannedManager({ socket, replies, onChanged, onClose }: { socket: AgentSocket; replies: CannedReplyDto[]; onChanged: () => void; onClose: () => void }) {
  const [editing, setEditing] = useState<{ id?: string; shortcut: string; body: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const personal = replies.filter((r) => r.scope === 'personal');
  const shared = replies.filter((r) => r.scope === 'shared');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const r = await request(socket, 'canned.save', editing);
    if (!r.ok) return setError(r.error.message.replace(/^Invalid canned reply: \w+: /, ''));
    setEditing(null);
    setError(null);
    onChanged();
  };
  const remove = async (id: string) => {
    const r = await request(socket, 'canned.delete', { id });
    if (r.ok) onChanged();
    else setError(r.error.message);
  };

  return (
    <div role="dialog" aria-modal="true" aria-label="Canned replies" className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/40 sm:items-center" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="max-h-[90dvh] w-full max-w-lg overflow-y-auto rounded-t-xl bg-white p-4 shadow-xl sm:rounded-xl" data-testid="canned-manager">
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold text-slate-900">Canned replies</h2>
          <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" autoFocus>
            Close
          </button>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          Type <kbd className="rounded bg-slate-100 px-1 font-mono">/</kbd> in the reply box to insert one. Placeholders: <code className="text-xs">{'{visitor.name}'}</code>, <code className="text-xs">{'{visitor.email}'}</code>, <code className="text-xs">{'{agent.name}'}</code>, <code className="text-xs">{'{workspace.name}'}</code>.
        </p>
        {error ? (
          <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}

        <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Yours</h3>
        {personal.length === 0 && !editing ? <p className="mt-1 text-sm text-slate-500">You have no personal canned replies yet.</p> : null}
        <ul className="mt-1 divide-y divide-slate-100">
          {personal.map((r) => (
            <li key={r.id} className="flex items-start justify-between gap-2 py-2 text-sm">
              <span className="min-w-0">
                <span className="font-medium text-slate-900">/{r.shortcut}</span>
                <span className="block whitespace-pre-wrap break-words text-slate-600">{r.body}</span>
              </span>
              <span className="flex shrink-0 gap-2">
                <button type="button" onClick={() => setEditing({ id: r.id, shortcut: r.shortcut, body: r.body })} className="text-indigo-700 hover:underline">
                  Edit
                </button>
                <button type="button" onClick={() => void remove(r.id)} className="text-red-700 hover:underline">
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
        {editing ? (
          <form onSubmit={save} className="mt-2 space-y-2 rounded-md bg-slate-50 p-3" data-testid="canned-form">
            <label className="block text-xs text-slate-600">
              Shortcut (after the /)
              <input value={editing.shortcut} maxLength={40} onChange={(e) => setEditing({ ...editing, shortcut: e.target.value })} className={inputClass} data-testid="canned-shortcut" autoFocus />
            </label>
            <label className="block text-xs text-slate-600">
              Reply
              <textarea value={editing.body} rows={3} maxLength={5000} onChange={(e) => setEditing({ ...editing, body: e.target.value })} className={inputClass} data-testid="canned-body" />
            </label>
            <div className="flex gap-2">
              <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500" data-testid="canned-save">
                Save
              </button>
              <button type="button" onClick={() => setEditing(null)} className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-white">
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" onClick={() => setEditing({ shortcut: '', body: '' })} className="mt-2 rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50" data-testid="canned-add">
            Add a canned reply
          </button>
        )}

        <h3 className="mt-5 text-xs font-semibold uppercase tracking-wide text-slate-500">Shared by your team</h3>
        {shared.length === 0 ? <p className="mt-1 text-sm text-slate-500">None yet. Admins add them in the console.</p> : null}
        <ul className="mt-1 divide-y divide-slate-100">
          {shared.map((r) => (
            <li key={r.id} className="py-2 text-sm">
              <span className="font-medium text-slate-900">/{r.shortcut}</span>
              {r.groupName ? <span className="ml-2 text-xs text-slate-500">{r.groupName}</span> : null}
              <span className="block whitespace-pre-wrap break-words text-slate-600">{r.body}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
