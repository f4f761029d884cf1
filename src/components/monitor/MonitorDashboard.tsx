'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Socket } from 'socket.io-client';
import { connectStaffSocket } from '@/components/chat/staff-socket';
import type { ConversationDto, MessageDto } from '@/domain/conversations/types';
import type { MonitorAgent, MonitorAlert, MonitorConversation, MonitorLastMessage, MonitorQueue, MonitorSnapshot, WhisperDto } from '@/domain/monitoring/types';
import { MessageList } from '@/components/chat/MessageList';
import { mergeMessages, whisperToUi, type UiMessage } from '@/components/chat/messages';
import { TagChip } from '@/components/chat/workspace/ConversationList';
import { filterByTags } from '@/domain/tags/filter';
import type { TagDto } from '@/domain/tags/service';
import { request } from '@/components/chat/socket';
import { api } from '@/components/console/api';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { Input, Select, Textarea } from '@/components/ui/Input';
import { cn } from '@/components/ui/cn';
import { DateTime } from '../ui/DateTime';
import { WatchCollision } from './WatchCollision'; // F17 collision guard

type Delta = { event: string; payload: unknown };

const STATUS_TONE = { online: 'green', busy: 'amber', offline: 'gray' } as const;

function since(iso: string | null, now: number): string {
  if (!iso) return '–';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/**
 * Live chat monitoring (F7). One /monitor socket: a snapshot on (re)connect, then pushed deltas from
 * every node (no polling). The one-second timer only re-renders durations locally.
 */
export function MonitorDashboard({ canEditSettings, userId = '' }: { canEditSettings: boolean; userId?: string }) {
  const socketRef = useRef<Socket | null>(null);
  const [connected, setConnected] = useState(false);
  const [connectError, setConnectError] = useState<string | null>(null);
  const [agents, setAgents] = useState<MonitorAgent[]>([]);
  const [queues, setQueues] = useState<MonitorQueue[]>([]);
  const [conversations, setConversations] = useState<MonitorConversation[]>([]);
  const [alerts, setAlerts] = useState<MonitorAlert[]>([]);
  const [longWait, setLongWait] = useState<number>(120);
  const [loaded, setLoaded] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [watchId, setWatchId] = useState<string | null>(null);
  const [watchMessages, setWatchMessages] = useState<UiMessage[]>([]);
  // Tags (issue 15): the workspace's tags, each conversation's tags, and the chosen filter.
  const [tagList, setTagList] = useState<TagDto[]>([]);
  const [convTags, setConvTags] = useState<Record<string, TagDto[]>>({});
  const [tagFilter, setTagFilter] = useState('');
  const watchRef = useRef<string | null>(null);
  watchRef.current = watchId;

  const applyDelta = useCallback(({ event, payload }: Delta, refetch: () => void) => {
    switch (event) {
      case 'monitor.agent': {
        const a = payload as Pick<MonitorAgent, 'id' | 'status' | 'load' | 'limit'>;
        setAgents((list) => {
          if (!list.some((x) => x.id === a.id)) {
            refetch();
            return list;
          }
          return list.map((x) => (x.id === a.id ? { ...x, ...a } : x));
        });
        break;
      }
      case 'monitor.queues':
        setQueues((payload as { queues: MonitorQueue[] }).queues);
        break;
      case 'monitor.conversation': {
        const c = payload as ConversationDto;
        setConversations((list) => {
          if (c.status === 'ended') return list.filter((x) => x.id !== c.id);
          const existing = list.find((x) => x.id === c.id);
          return existing ? list.map((x) => (x.id === c.id ? { ...x, ...c } : x)) : [...list, { ...c, lastMessage: null, alertCount: 0 }];
        });
        break;
      }
      case 'monitor.activity': {
        const { conversationId, lastMessage } = payload as { conversationId: string; lastMessage: MonitorLastMessage };
        setConversations((list) => list.map((x) => (x.id === conversationId ? { ...x, lastMessage } : x)));
        break;
      }
      case 'monitor.alert': {
        const alert = payload as MonitorAlert;
        setAlerts((list) => (list.some((x) => x.id === alert.id) ? list : [alert, ...list].slice(0, 100)));
        if (alert.conversationId) setConversations((list) => list.map((x) => (x.id === alert.conversationId ? { ...x, alertCount: x.alertCount + 1 } : x)));
        break;
      }
    }
  }, []);

  useEffect(() => {
    let socket: Socket | null = null;
    let buffer: Delta[] | null = null;
    const loadSnapshot = async () => {
      if (!socket) return;
      buffer = [];
      const result = await request<{ snapshot: MonitorSnapshot; tags: TagDto[]; conversationTags: Record<string, TagDto[]> }>(socket, 'monitor.snapshot');
      if (!result.ok) {
        setConnectError(result.error.message);
        buffer = null;
        return;
      }
      const s = result.snapshot;
      setTagList(result.tags ?? []);
      setConvTags(result.conversationTags ?? {});
      setAgents(s.agents);
      setQueues(s.queues);
      setConversations(s.conversations);
      setAlerts(s.alerts);
      setLongWait(s.settings.longWaitSeconds);
      setLoaded(true);
      const pending = buffer;
      buffer = null;
      for (const d of pending) applyDelta(d, () => void loadSnapshot());
    };
    const close = connectStaffSocket({
      namespace: '/monitor',
      callbackPath: '/admin/live-chat/monitoring',
      onConnectedChange: setConnected,
      onError: setConnectError,
      onConnect: (opened) => {
        void loadSnapshot();
        if (watchRef.current) void request(opened, 'monitor.watch', { conversationId: watchRef.current });
      },
      attach: (opened) => {
        socket = opened;
        socketRef.current = opened;
        for (const event of ['monitor.agent', 'monitor.queues', 'monitor.conversation', 'monitor.activity', 'monitor.alert'] as const) {
          opened.on(event, (payload: unknown) => {
            if (buffer) buffer.push({ event, payload });
            else applyDelta({ event, payload }, () => void loadSnapshot());
          });
        }
        opened.on('message', (m: MessageDto) => {
          if (m.conversationId === watchRef.current) setWatchMessages((list) => mergeMessages(list, [m]));
        });
        for (const event of ['whisper', 'note'] as const) {
          opened.on(event, (w: WhisperDto) => {
            if (w.conversationId === watchRef.current) setWatchMessages((list) => mergeMessages(list, [whisperToUi(w)]));
          });
        }
        opened.on('conversation.tags', (e: { conversationId: string; tags: TagDto[] }) => setConvTags((all) => ({ ...all, [e.conversationId]: e.tags })));
        opened.on('conversation.updated', (c: ConversationDto) => applyDelta({ event: 'monitor.conversation', payload: c }, () => void loadSnapshot()));
      },
    });
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(tick);
      close();
    };
  }, [applyDelta]);

  const watch = async (conversationId: string | null) => {
    const socket = socketRef.current;
    if (!socket) return;
    if (watchRef.current && watchRef.current !== conversationId) void request(socket, 'monitor.unwatch', { conversationId: watchRef.current });
    setWatchId(conversationId);
    setWatchMessages([]);
    if (!conversationId) return;
    const result = await request<{ messages: MessageDto[]; whispers: WhisperDto[] }>(socket, 'monitor.watch', { conversationId });
    if (result.ok) setWatchMessages((list) => mergeMessages(list, [...result.messages, ...result.whispers.map(whisperToUi)]));
  };

  const watched = conversations.find((c) => c.id === watchId) ?? null;
  const online = agents.filter((a) => a.status === 'online').length;
  const queued = queues.reduce((n, q) => n + q.length, 0);
  const active = conversations.filter((c) => c.status === 'active').length;
  const shown = filterByTags(conversations, convTags, tagFilter ? [tagFilter] : []);
  const agentName = useMemo(() => new Map(agents.map((a) => [a.id, a.name])), [agents]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className={cn('inline-flex items-center gap-1.5', connected ? 'text-green-700' : 'text-amber-700')} data-testid="monitor-connection">
          <span className={cn('h-2 w-2 rounded-full', connected ? 'bg-green-500' : 'bg-amber-500')} aria-hidden="true" />
          {connected ? 'Live' : connectError ? `Not connected: ${connectError}` : 'Connecting…'}
        </span>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Agents online" value={`${online} / ${agents.length}`} />
        <Stat label="Waiting in queue" value={String(queued)} testId="stat-queued" />
        <Stat label="Active chats" value={String(active)} testId="stat-active" />
        <Stat label="Alerts" value={String(alerts.length)} testId="stat-alerts" />
      </dl>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title="Active conversations"
            description="Open chats of the workspace. Watch one to follow it live, whisper to its agent, transfer or end it."
            actions={
              tagList.length ? (
                <label className="text-sm text-slate-600">
                  <span className="sr-only">Filter by tag</span>
                  <select value={tagFilter} onChange={(e) => setTagFilter(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm" data-testid="monitor-tag-filter">
                    <option value="">All tags</option>
                    {tagList.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null
            }
          />
          {shown.length === 0 ? (
            <p className="px-5 py-6 text-sm text-slate-500">{!loaded ? 'Loading…' : tagFilter ? 'No open chat has this tag.' : 'No open chats right now.'}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="px-4 py-2 font-medium">Visitor</th>
                    <th className="px-4 py-2 font-medium">Agent</th>
                    <th className="px-4 py-2 font-medium">Duration</th>
                    <th className="px-4 py-2 font-medium">Last message</th>
                    <th className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {shown.map((c) => (
                    <tr key={c.id} className={cn(c.id === watchId && 'bg-indigo-50')} data-testid="monitor-conversation">
                      <td className="px-4 py-2">
                        <span className="font-medium text-slate-900">{c.visitorName ?? `Visitor ${c.visitorId.slice(0, 8)}`}</span>
                        {c.alertCount ? (
                          <Badge tone="red" className="ml-2">
                            <span data-testid="alert-badge">{c.alertCount}</span>&nbsp;{c.alertCount === 1 ? 'alert' : 'alerts'}
                          </Badge>
                        ) : null}
                        <span className="block text-xs text-slate-500">{c.status}</span>
                        {convTags[c.id]?.length ? (
                          <span className="mt-1 flex flex-wrap gap-1">
                            {convTags[c.id].map((t) => (
                              <TagChip key={t.id} tag={t} small />
                            ))}
                          </span>
                        ) : null}
                      </td>
                      <td className="px-4 py-2 text-slate-700">{c.agentName ?? (c.agentId ? agentName.get(c.agentId) : null) ?? '–'}</td>
                      <td className="px-4 py-2 tabular-nums text-slate-700">{since(c.startedAt, now)}</td>
                      <td className="max-w-64 truncate px-4 py-2 text-slate-600" title={c.lastMessage?.body}>
                        {c.lastMessage ? `${c.lastMessage.senderType === 'agent' ? 'Agent' : c.lastMessage.senderType === 'visitor' ? 'Visitor' : 'System'}: ${c.lastMessage.body}` : '–'}
                      </td>
                      <td className="px-4 py-2 text-right">
                        <Button size="sm" className="whitespace-nowrap" variant={c.id === watchId ? "primary" : "secondary"} onClick={() => void watch(c.id === watchId ? null : c.id)} data-testid="monitor-watch">
                          {c.id === watchId ? 'Stop watching' : 'Watch'}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        <Card>
          <CardHeader title="Alerts" description="Sensitive-word hits, long waits and reply timeouts, newest first." />
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" data-testid="alert-feed" aria-live="polite">
            {alerts.length === 0 ? <li className="px-5 py-4 text-sm text-slate-500">No alerts.</li> : null}
            {alerts.map((a) => (
              <li key={a.id} className="px-5 py-2 text-sm" data-testid="alert-item">
                <div className="flex items-center gap-2">
                  <Badge tone={a.kind === 'sensitive_word' ? (a.action === 'alert' || a.action === 'block' ? 'red' : 'amber') : 'indigo'}>
                    {a.kind === 'sensitive_word' ? 'Sensitive word' : a.kind === 'long_wait' ? 'Long wait' : 'Reply timeout'}
                  </Badge>
                  <time className="text-xs text-slate-500" dateTime={a.createdAt}>
                    <DateTime value={a.createdAt} style="time-seconds" />
                  </time>
                </div>
                <p className="mt-1 text-slate-800">{a.text}</p>
                {a.conversationId && conversations.some((c) => c.id === a.conversationId) ? (
                  <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => void watch(a.conversationId)}>
                    Watch this chat
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      </div>

      {watched ? <WatchPanel key={watched.id} socket={socketRef.current} conversation={watched} messages={watchMessages} onClose={() => void watch(null)} userId={userId} /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Agents" />
          <table className="min-w-full text-sm" data-testid="monitor-agents">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Load / limit</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {agents.map((a) => (
                <tr key={a.id} data-testid="monitor-agent">
                  <td className="px-4 py-2 text-slate-900">{a.name}</td>
                  <td className="px-4 py-2">
                    <Badge tone={STATUS_TONE[a.status]}>{a.status}</Badge>
                  </td>
                  <td className="px-4 py-2 tabular-nums text-slate-700">
                    {a.load} / {a.limit}
                  </td>
                </tr>
              ))}
              {agents.length === 0 ? (
                <tr>
                  <td colSpan={3} className="px-4 py-4 text-slate-500">
                    No agent has connected yet.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </Card>
        <Card>
          <CardHeader title="Queues" description={longWait ? `A wait over ${longWait} s raises an alert.` : 'Long-wait alerts are off.'} />
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Queue</th>
                <th className="px-4 py-2 font-medium">Waiting</th>
                <th className="px-4 py-2 font-medium">Longest wait</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {queues.map((q) => (
                <tr key={q.key}>
                  <td className="px-4 py-2 text-slate-900">{q.label}</td>
                  <td className="px-4 py-2 tabular-nums">{q.length}</td>
                  <td className={cn('px-4 py-2 tabular-nums', longWait && q.oldestEnqueuedAt && now - Date.parse(q.oldestEnqueuedAt) > longWait * 1000 ? 'font-medium text-red-700' : 'text-slate-700')}>
                    {since(q.oldestEnqueuedAt, now)}
                  </td>
                </tr>
              ))}
              {queues.length === 0 ? (
                <tr>
                  <td colSpan={3} className="px-4 py-4 text-slate-500">
                    Nobody is waiting.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {canEditSettings ? <ThresholdForm value={longWait} onSaved={setLongWait} /> : null}
        </Card>
      </div>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function ThresholdForm({ value, onSaved }: { value: number; onSaved: (v: number) => void }) {
  const [text, setText] = useState(String(value));
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => setText(String(value)), [value]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const current = await api<{ value: Record<string, unknown> }>('GET', '/api/admin/settings/monitoring');
    const res = await api<{ value: { longWaitSeconds: number } }>('PUT', '/api/admin/settings/monitoring', { value: { ...(current.ok ? current.value : {}), longWaitSeconds: Number(text) } });
    if (!res.ok) return setMessage({ tone: 'error', text: res.error.message });
    onSaved(res.value.longWaitSeconds);
    setMessage({ tone: 'success', text: 'Saved.' });
  };
  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-2 border-t border-slate-200 px-5 py-3" noValidate>
      <div>
        <label htmlFor="long-wait" className="block text-xs font-medium text-slate-600">
          Long-wait alert after (seconds, 0 = off)
        </label>
        <Input id="long-wait" type="number" min={0} max={86400} value={text} onChange={(e) => setText(e.target.value)} className="mt-1 w-32" />
      </div>
      <Button type="submit" size="md" variant="secondary">
        Save
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </form>
  );
}

interface Targets {
  agents: { id: string; name: string; status: string; load: number; limit: number }[];
  groups: { id: string; name: string }[];
}

function WatchPanel({ socket, conversation, messages, onClose, userId }: { socket: Socket | null; conversation: MonitorConversation; messages: UiMessage[]; onClose: () => void; userId: string }) {
  const [whisper, setWhisper] = useState('');
  const [targets, setTargets] = useState<Targets | null>(null);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    void request<Targets>(socket, 'transfer.targets').then((r) => r.ok && setTargets({ agents: r.agents, groups: r.groups }));
  }, [socket, conversation.agentId]);

  const run = async (what: string, fn: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setBusy(what);
    setError(null);
    const result = await fn();
    setBusy(null);
    if (!result.ok) setError(result.error?.message ?? 'Failed');
    return result.ok;
  };

  const sendWhisper = async (e: FormEvent) => {
    e.preventDefault();
    if (!socket || !whisper.trim()) return;
    if (await run('whisper', () => request(socket, 'whisper.send', { conversationId: conversation.id, body: whisper }))) setWhisper('');
  };
  const transfer = async () => {
    if (!socket || !target) return;
    const [type, id] = target.split(':');
    await run('transfer', () => request(socket, 'chat.transfer', { conversationId: conversation.id, to: { type, id } }));
  };
  const end = async () => {
    if (!socket) return;
    if (await run('end', () => request(socket, 'chat.end', { conversationId: conversation.id }))) onClose();
  };

  return (
    <Card>
      <CardHeader
        title={`Watching: ${conversation.visitorName ?? `Visitor ${conversation.visitorId.slice(0, 8)}`}`}
        description={`${conversation.status} · agent ${conversation.agentName ?? '–'} · ${conversation.channel}`}
        actions={
          <Button variant="ghost" size="sm" onClick={onClose}>
            Close
          </Button>
        }
      />
      <WatchCollision socket={socket} conversationId={conversation.id} selfId={userId} writing={whisper.trim().length > 0} />
      <div className="grid gap-0 lg:grid-cols-3">
        <div className="flex h-96 flex-col border-slate-200 bg-slate-50 lg:col-span-2 lg:border-r" data-testid="monitor-transcript">
          <MessageList messages={messages} self="agent" emptyText="No messages yet." />
        </div>
        <CardBody className="space-y-5">
          <form onSubmit={sendWhisper} className="space-y-2" noValidate>
            <label htmlFor="whisper" className="block text-sm font-medium text-slate-800">
              Whisper to the agent
            </label>
            <Textarea id="whisper" rows={3} value={whisper} maxLength={5000} onChange={(e) => setWhisper(e.target.value)} placeholder="Only the agent sees this" data-testid="whisper-input" />
            <Button type="submit" size="sm" loading={busy === 'whisper'} disabled={!whisper.trim() || conversation.status === 'ended'} data-testid="whisper-send">
              Send whisper
            </Button>
          </form>
          {conversation.status === 'active' ? (
            <div className="space-y-2">
              <label htmlFor="transfer-target" className="block text-sm font-medium text-slate-800">
                Transfer to
              </label>
              <Select id="transfer-target" value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">Choose an agent or group…</option>
                {targets?.agents
                  .filter((a) => a.id !== conversation.agentId)
                  .map((a) => (
                    <option key={a.id} value={`agent:${a.id}`}>
                      {a.name} ({a.status}, {a.load}/{a.limit})
                    </option>
                  ))}
                {targets?.groups.map((g) => (
                  <option key={g.id} value={`group:${g.id}`}>
                    Group {g.name}
                  </option>
                ))}
              </Select>
              <Button size="sm" variant="secondary" loading={busy === 'transfer'} disabled={!target} onClick={() => void transfer()}>
                Transfer
              </Button>
            </div>
          ) : null}
          <Button size="sm" variant="danger" loading={busy === 'end'} onClick={() => void end()} data-testid="monitor-end">
            End chat
          </Button>
          {error ? <Alert tone="error">{error}</Alert> : null}
        </CardBody>
      </div>
    </Card>
  );
}
