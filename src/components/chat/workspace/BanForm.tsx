'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { request } from '../socket';
import type { AgentSocket } from '../socket';
import { cn } from '@/components/ui/cn';
import { inputClass } from './form-classes';

const BAN_CHOICES: { label: string; minutes: number | null }[] = [
  { label: '1 hour', minutes: 60 },
  { label: '1 day', minutes: 24 * 60 },
  { label: '7 days', minutes: 7 * 24 * 60 },
  { label: '30 days', minutes: 30 * 24 * 60 },
  { label: 'Until lifted', minutes: null },
];

/** Ban the visitor (and, as a separate choice, their address) from the visitor panel (issue 22). */
export function BanForm({ socket, conversationId, onClose }: { socket: AgentSocket | null; conversationId: string; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number | null>(24 * 60);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  // Banning the address is a separate choice: it shows first how many other visitors share it.
  const [address, setAddress] = useState<{ ip: string | null; otherVisitors: number } | null>(null);
  const [banAddress, setBanAddress] = useState(false);
  useEffect(() => {
    if (!socket) return;
    void request(socket, 'visitor.ban.preview', { conversationId }).then((r) => setAddress(r.ok ? r.address : { ip: null, otherVisitors: 0 }));
  }, [socket, conversationId]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!socket) return;
    if (!reason.trim()) return setError('Give a reason (colleagues see it in the console).');
    const r = await request(socket, 'visitor.ban', { conversationId, reason, durationMinutes: minutes, address: banAddress ? { minutes: 24 * 60 } : null });
    if (r.ok) setDone(true);
    else setError(r.error.message);
  };
  if (done) return <p className="rounded-md bg-slate-100 px-3 py-2 text-slate-700" data-testid="ban-done">The visitor is banned and the chat has ended. Admins can lift the ban in the console.</p>;
  const others = address?.otherVisitors ?? 0;
  return (
    <form onSubmit={submit} className="space-y-2 rounded-md p-3 ring-1 ring-red-200" data-testid="ban-form">
      <p className="font-medium text-red-800">Ban this visitor</p>
      <p className="text-xs text-slate-600">Ends the chat and refuses new chats from this visitor. They only see “Chat is not available at the moment.”</p>
      <label className="block text-xs text-slate-600">
        Reason
        <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} className={inputClass} data-testid="ban-reason" />
      </label>
      <label className="block text-xs text-slate-600">
        For
        <select value={minutes ?? ''} onChange={(e) => setMinutes(e.target.value ? Number(e.target.value) : null)} className={inputClass} data-testid="ban-duration">
          {BAN_CHOICES.map((c) => (
            <option key={c.label} value={c.minutes ?? ''}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {address === null ? (
        <p className="text-xs text-slate-500">Checking their address…</p>
      ) : address.ip ? (
        <label className="flex items-start gap-2 text-xs text-slate-700">
          <input type="checkbox" checked={banAddress} onChange={(e) => setBanAddress(e.target.checked)} className="mt-0.5" data-testid="ban-address" />
          <span>
            Also block their address {address.ip} for 24 hours.{' '}
            <span className={cn(others > 0 && 'font-medium text-red-700')} data-testid="ban-address-others">
              {others === 0 ? 'No other visitor was seen from it in the last 30 days.' : `${others} other ${others === 1 ? 'visitor was' : 'visitors were'} seen from it in the last 30 days and would be blocked too.`}
            </span>
          </span>
        </label>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500" data-testid="ban-submit">
          Ban visitor
        </button>
        <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}
