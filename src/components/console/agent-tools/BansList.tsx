'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { BanDto } from '@/domain/bans/service';
import { Alert } from '../../ui/Alert';
import { Card, CardHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { api } from '../api';
import { useDateFormatter } from '../../ui/DateTime';

function until(b: BanDto, format: ReturnType<typeof useDateFormatter>): string {
  if (b.liftedAt) return `Lifted ${format(b.liftedAt)}`;
  if (!b.active) return `Expired ${format(b.expiresAt)}`;
  return b.expiresAt ? `Until ${format(b.expiresAt)}` : 'Until lifted';
}

/** Console > Live Chat > Banned visitors: who was banned, why, by whom, until when; lift a ban. */
export function BansList({ bans }: { bans: BanDto[] }) {
  const router = useRouter();
  const format = useDateFormatter();
  const [error, setError] = useState<string | null>(null);
  const lift = async (b: BanDto) => {
    const res = await api('DELETE', `/api/admin/bans/${b.id}`);
    if (!res.ok) setError(res.error.message);
    router.refresh();
  };
  return (
    <Card>
      <CardHeader title="Banned visitors" description="Agents and supervisors ban a visitor from the chat's details panel. A banned visitor and their device (IP address) cannot start chats; they only see “Chat is not available at the moment.”" />
      <div className="px-5 pb-5">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {bans.length === 0 ? (
          <EmptyState title="Nobody is banned" description="Bans appear here when an agent bans a visitor." />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="bans-list">
            {bans.map((b) => (
              <li key={b.id} className="flex flex-wrap items-start justify-between gap-2 py-3 text-sm">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {b.kind === 'address' ? `Address ${b.ip} (of ${b.visitorName ?? 'a visitor'})` : (b.visitorName ?? 'Visitor')} {b.active ? <span className="ml-1 rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-800">Active</span> : <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Inactive</span>}
                  </p>
                  <p className="break-words text-slate-700">“{b.reason}”</p>
                  <p className="text-xs text-slate-500">
                    By {b.createdByName ?? 'a former colleague'} on {format(b.createdAt)} · {until(b, format)}
                  </p>
                </div>
                {b.active ? (
                  <button type="button" onClick={() => void lift(b)} className="rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50" data-testid="ban-lift">
                    Lift ban
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
