'use client';

import { useEffect, useState } from 'react';
import { connectStaffSocket } from '@/components/chat/staff-socket';
import type { MonitorSocket } from '@/components/chat/socket';
import { request } from '@/components/chat/socket';
import type { ConversationDto } from '@/domain/conversations/types';
import type { MonitorAgent, MonitorQueue, MonitorSnapshot } from '@/domain/monitoring/types';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/Badge';
import { Spinner } from '@/components/ui/Spinner';
import { duration } from './state';

const STATUS = { online: { tone: 'green', label: 'Online' }, busy: { tone: 'amber', label: 'Busy' }, offline: { tone: 'gray', label: 'Offline' } } as const;

/**
 * Live: waiting now, longest wait, agents by status with their load, chats in progress. The /monitor
 * socket's snapshot, then its pushed deltas (monitor.agent / monitor.queues / monitor.conversation); the
 * one-second timer only re-renders the waits.
 */
export function LiveTab() {
  const [agents, setAgents] = useState<MonitorAgent[]>([]);
  const [queues, setQueues] = useState<MonitorQueue[]>([]);
  const [open, setOpen] = useState<Pick<ConversationDto, 'id' | 'status'>[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const loadSnapshot = (socket: MonitorSocket) =>
      void request(socket, 'monitor.snapshot').then((r) => {
        if (!r.ok) return setError(r.error.message);
        setAgents(r.snapshot.agents);
        setQueues(r.snapshot.queues);
        setOpen(r.snapshot.conversations.map((c) => ({ id: c.id, status: c.status })));
        setLoaded(true);
      });
    const timer = setInterval(() => setNow(Date.now()), 1000);
    const close = connectStaffSocket({
      namespace: '/monitor',
      callbackPath: '/admin/reports?tab=live',
      onConnectedChange: setConnected,
      onError: setError,
      onConnect: (socket) => loadSnapshot(socket),
      attach: (socket) => {
        // An agent the snapshot did not list (e.g. signed in since): take a new snapshot (names, roles).
        socket.on('monitor.agent', (a: Pick<MonitorAgent, 'id' | 'status' | 'load' | 'limit'>) =>
          setAgents((list) => {
            if (!list.some((x) => x.id === a.id)) {
              loadSnapshot(socket);
              return list;
            }
            return list.map((x) => (x.id === a.id ? { ...x, ...a } : x));
          }),
        );
        socket.on('monitor.queues', (p: { queues: MonitorQueue[] }) => setQueues(p.queues));
        socket.on('monitor.conversation', (c: ConversationDto) =>
          setOpen((list) => (c.status === 'ended' ? list.filter((x) => x.id !== c.id) : list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? { id: c.id, status: c.status } : x)) : [...list, { id: c.id, status: c.status }])),
        );
      },
    });
    return () => {
      clearInterval(timer);
      close();
    };
  }, []);

  if (error && !loaded) return <Alert tone="error">The live view could not connect: {error}</Alert>;
  if (!loaded) return <Spinner label="Connecting to the live view" />;
  const waiting = queues.reduce((n, q) => n + q.length, 0);
  const oldest = queues.map((q) => q.oldestEnqueuedAt).filter((x): x is string => Boolean(x)).sort()[0] ?? null;
  const staff = agents.filter((a) => a.role === 'agent' || a.load > 0 || a.status !== 'offline');
  const by = (s: MonitorAgent['status']) => staff.filter((a) => a.status === s).length;
  const inProgress = open.filter((c) => c.status === 'active').length;
  const stats: [string, string][] = [
    ['Waiting now', String(waiting)],
    ['Longest wait', oldest ? duration((now - Date.parse(oldest)) / 1000) : '–'],
    ['Chats in progress', String(inProgress)],
    ['Agents online / busy', `${by('online')} / ${by('busy')}`],
  ];
  return (
    <div className="space-y-6" data-testid="live-tab">
      <p className="flex items-center gap-2 text-xs text-slate-500">
        <span className={`inline-block h-2 w-2 rounded-full ${connected ? 'bg-green-500' : 'bg-amber-500'}`} aria-hidden="true" />
        {connected ? 'Live: updates as they happen' : 'Reconnecting…'}
      </p>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {stats.map(([k, v]) => (
          <div key={k} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-medium text-slate-500">{k}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-left text-sm">
          <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-900">Agents</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 text-right font-medium">Load</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {staff.length ? (
              staff.map((a) => (
                <tr key={a.id}>
                  <td className="px-4 py-2 font-medium text-slate-800">{a.name}</td>
                  <td className="px-4 py-2">
                    <Badge tone={STATUS[a.status].tone}>{STATUS[a.status].label}</Badge>
                  </td>
                  <td className="px-4 py-2 text-right">
                    {a.load} / {a.limit}
                  </td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={3} className="px-4 py-6 text-center text-slate-500">
                  No agent is signed in right now.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {queues.length ? (
        <ul className="grid gap-3 sm:grid-cols-2">
          {queues.map((q) => (
            <li key={q.key} className="rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
              <p className="font-medium text-slate-800">{q.label}</p>
              <p className="text-slate-600">
                {q.length} waiting · longest {q.oldestEnqueuedAt ? duration((now - Date.parse(q.oldestEnqueuedAt)) / 1000) : '–'}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
