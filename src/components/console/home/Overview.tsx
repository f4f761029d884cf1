import Link from 'next/link';
import type { MonitorSnapshot } from '../../../domain/monitoring/types';
import { Card, CardHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';

const STATUS: Record<string, { label: string; dot: string }> = {
  online: { label: 'Online', dot: 'bg-green-500' },
  busy: { label: 'Busy', dot: 'bg-amber-500' },
  offline: { label: 'Offline', dot: 'bg-slate-300' },
};

/** Today's figures and who is online now (the console home). */
export function Overview({ chatsToday, snapshot, canMonitor }: { chatsToday: number; snapshot: MonitorSnapshot; canMonitor: boolean }) {
  const ongoing = snapshot.conversations.filter((c) => c.status === 'active').length;
  const waiting = snapshot.conversations.filter((c) => c.status === 'queued' || c.status === 'unassigned').length;
  const present = snapshot.agents.filter((a) => a.status !== 'offline');
  const stats = [
    { label: 'Chats today', value: chatsToday },
    { label: 'Ongoing now', value: ongoing },
    { label: 'Waiting now', value: waiting },
    { label: 'Team online', value: present.length },
  ];
  return (
    <>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="overview-stats">
        {stats.map((s) => (
          <Card key={s.label} as="div" className="px-4 py-4">
            <dt className="text-xs font-medium text-slate-500">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{s.value}</dd>
          </Card>
        ))}
      </dl>
      <Card className="mt-6">
        <CardHeader
          title="Who is online"
          description="Agents and supervisors available for chats right now, with how many chats each has."
          actions={
            canMonitor ? (
              <Link href="/admin/live-chat/monitoring" className="text-sm font-medium text-indigo-700 hover:text-indigo-600">
                Open monitoring
              </Link>
            ) : null
          }
        />
        {present.length === 0 ? (
          <EmptyState title="Nobody is online" description="Visitors can leave a message. Agents go online in the agent workspace." />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="online-list">
            {present.map((a) => (
              <li key={a.id} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
                <span className="flex min-w-0 items-center gap-2">
                  <span className={`h-2.5 w-2.5 shrink-0 rounded-full ${STATUS[a.status]?.dot ?? 'bg-slate-300'}`} aria-hidden="true" />
                  <span className="truncate font-medium text-slate-900">{a.name}</span>
                  <span className="text-slate-500">{STATUS[a.status]?.label ?? a.status}</span>
                </span>
                <span className="shrink-0 text-slate-600">
                  {a.load} of {a.limit} chats
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
