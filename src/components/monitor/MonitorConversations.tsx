'use client';

import { TagChip } from '@/components/chat/workspace/ConversationList';
import type { MonitorConversation } from '@/domain/monitoring/types';
import type { TagDto } from '@/domain/tags/service';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { cn } from '../ui/cn';
import { since } from './monitor-state';

export const CONVERSATION_STATUS: Record<string, string> = { queued: 'Waiting', active: 'Ongoing', unassigned: 'Unassigned', ended: 'Ended' };

function lastLine(c: MonitorConversation): string {
  if (!c.lastMessage) return '–';
  const who = c.lastMessage.senderType === 'agent' ? 'Agent' : c.lastMessage.senderType === 'visitor' ? 'Visitor' : 'System';
  return `${who}: ${c.lastMessage.body}`;
}

/**
 * Open chats of the workspace with a Watch button each. Below 640 px the table folds to two columns (the
 * chat with its agent, duration and last message; the button), so it fits a 390 px phone without scrolling.
 */
export function MonitorConversations({
  conversations,
  tags,
  conversationTags,
  tagFilter,
  onTagFilter,
  loaded,
  watchId,
  onWatch,
  agentName,
  now,
}: {
  conversations: MonitorConversation[];
  tags: TagDto[];
  conversationTags: Record<string, TagDto[]>;
  tagFilter: string;
  onTagFilter: (id: string) => void;
  loaded: boolean;
  watchId: string | null;
  onWatch: (id: string | null) => void;
  agentName: (c: MonitorConversation) => string;
  now: number;
}) {
  return (
    <Card className="min-w-0 lg:col-span-2">
      <CardHeader
        title="Active conversations"
        description="Open chats of the workspace. Watch one to follow it live, whisper to its agent, transfer or end it."
        actions={
          tags.length ? (
            <label className="text-sm text-slate-600">
              <span className="sr-only">Filter by tag</span>
              <select value={tagFilter} onChange={(e) => onTagFilter(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm" data-testid="monitor-tag-filter">
                <option value="">All tags</option>
                {tags.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null
        }
      />
      {conversations.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">{!loaded ? 'Loading…' : tagFilter ? 'No open chat has this tag.' : 'No open chats right now.'}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Visitor</th>
                <th className="hidden px-4 py-2 font-medium sm:table-cell">Agent</th>
                <th className="hidden px-4 py-2 font-medium sm:table-cell">Duration</th>
                <th className="hidden px-4 py-2 font-medium sm:table-cell">Last message</th>
                <th className="px-4 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {conversations.map((c) => (
                <tr key={c.id} className={cn(c.id === watchId && 'bg-indigo-50')} data-testid="monitor-conversation">
                  <td className="min-w-0 px-4 py-2">
                    <span className="font-medium text-slate-900">{c.visitorName ?? 'Visitor'}</span>
                    {c.alertCount ? (
                      <Badge tone="red" className="ml-2">
                        <span data-testid="alert-badge">{c.alertCount}</span>&nbsp;{c.alertCount === 1 ? 'alert' : 'alerts'}
                      </Badge>
                    ) : null}
                    <span className="block text-xs text-slate-500">{CONVERSATION_STATUS[c.status] ?? c.status}</span>
                    <span className="block text-xs text-slate-600 sm:hidden">
                      {agentName(c)} · <span className="tabular-nums">{since(c.startedAt, now)}</span>
                    </span>
                    <span className="block max-w-[14rem] truncate text-xs text-slate-600 sm:hidden">{lastLine(c)}</span>
                    {conversationTags[c.id]?.length ? (
                      <span className="mt-1 flex flex-wrap gap-1">
                        {conversationTags[c.id].map((t) => (
                          <TagChip key={t.id} tag={t} small />
                        ))}
                      </span>
                    ) : null}
                  </td>
                  <td className="hidden px-4 py-2 text-slate-700 sm:table-cell">{agentName(c)}</td>
                  <td className="hidden px-4 py-2 tabular-nums text-slate-700 sm:table-cell">{since(c.startedAt, now)}</td>
                  <td className="hidden px-4 py-2 text-slate-600 sm:table-cell">
                    {/* Truncated inside a box of its own: a table cell alone would grow and push the button out. */}
                    <div className="max-w-[11rem] truncate" title={c.lastMessage?.body}>
                      {lastLine(c)}
                    </div>
                  </td>
                  <td className="px-4 py-2 text-right">
                    <Button size="sm" className="whitespace-nowrap" variant={c.id === watchId ? 'primary' : 'secondary'} onClick={() => onWatch(c.id === watchId ? null : c.id)} data-testid="monitor-watch">
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
  );
}
