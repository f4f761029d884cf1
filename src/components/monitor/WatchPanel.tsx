'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { MessageList } from '@/components/chat/MessageList';
import type { UiMessage } from '@/components/chat/messages';
import { request, type MonitorSocket } from '@/components/chat/socket';
import type { MonitorConversation } from '@/domain/monitoring/types';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardBody, CardHeader } from '../ui/Card';
import { WatchCollision } from './WatchCollision'; // F17 collision guard
import { Select, Textarea } from '../ui/Input';
import { CONVERSATION_STATUS } from './MonitorConversations';

interface Targets {
  agents: { id: string; name: string; status: string; load: number; limit: number }[];
  groups: { id: string; name: string }[];
}

const CHANNEL_LABEL: Record<string, string> = { desktop: 'Desktop site', mobile: 'Mobile site', app: 'App' };

/** A watched chat: its live transcript, a whisper to the agent, transfer and end. */
export function WatchPanel({ socket, conversation, messages, onClose, userId = '' }: { socket: MonitorSocket | null; conversation: MonitorConversation; messages: UiMessage[]; onClose: () => void; userId?: string }) {
  const [whisper, setWhisper] = useState('');
  const [targets, setTargets] = useState<Targets | null>(null);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    void request(socket, 'transfer.targets').then((r) => r.ok && setTargets({ agents: r.agents, groups: r.groups }));
  }, [socket, conversation.agentId]);

  const run = async (what: string, fn: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setBusy(what);
    setError(null);
    const result = await fn();
    setBusy(null);
    if (!result.ok) setError(result.error?.message ?? 'That did not work. Try again.');
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
    await run('transfer', () => request(socket, 'chat.transfer', { conversationId: conversation.id, to: { type: type as 'agent' | 'group', id } }));
  };
  const end = async () => {
    if (!socket) return;
    if (await run('end', () => request(socket, 'chat.end', { conversationId: conversation.id }))) onClose();
  };

  return (
    <Card className="min-w-0">
      <CardHeader
        title={`Watching: ${conversation.visitorName ?? 'Visitor'}`}
        description={`${CONVERSATION_STATUS[conversation.status] ?? conversation.status} · agent ${conversation.agentName ?? '–'} · ${CHANNEL_LABEL[conversation.channel] ?? conversation.channel}`}
        actions={
          <Button variant="ghost" size="sm" onClick={onClose}>
            Close
          </Button>
        }
      />
      <WatchCollision socket={socket} conversationId={conversation.id} selfId={userId} writing={whisper.trim().length > 0} />
      <div className="grid gap-0 lg:grid-cols-3">
        <div className="flex h-96 min-w-0 flex-col border-slate-200 bg-slate-50 lg:col-span-2 lg:border-r" data-testid="monitor-transcript">
          <MessageList messages={messages} self="agent" emptyText="No messages yet." />
        </div>
        <CardBody className="min-w-0 space-y-5">
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
