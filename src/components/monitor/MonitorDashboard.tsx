'use client';

import { useMemo, useState } from 'react';
import { filterByTags } from '@/domain/tags/filter';
import type { MonitorConversation } from '@/domain/monitoring/types';
import { cn } from '../ui/cn';
import { monitorStats } from './monitor-state';
import { MonitorConversations } from './MonitorConversations';
import { AgentsCard, AlertsCard, QueuesCard, Stat } from './MonitorPanels';
import { useMonitor } from './useMonitor';
import { WatchPanel } from './WatchPanel';

/** Live chat monitoring (F7): the view of `useMonitor`'s state (src/components/monitor/monitor-state.ts). */
export function MonitorDashboard({ canEditSettings, userId = '' }: { canEditSettings: boolean; userId?: string }) {
  const { state, connected, connectError, now, socket, watch, setLongWait } = useMonitor();
  const [tagFilter, setTagFilter] = useState('');
  const stats = monitorStats(state);
  const shown = filterByTags(state.conversations, state.conversationTags, tagFilter ? [tagFilter] : []);
  const names = useMemo(() => new Map(state.agents.map((a) => [a.id, a.name])), [state.agents]);
  const agentName = (c: MonitorConversation) => c.agentName ?? (c.agentId ? names.get(c.agentId) : null) ?? '–';
  const watched = state.conversations.find((c) => c.id === state.watchId) ?? null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className={cn('inline-flex items-center gap-1.5', connected ? 'text-green-700' : 'text-amber-700')} data-testid="monitor-connection">
          <span className={cn('h-2 w-2 rounded-full', connected ? 'bg-green-500' : 'bg-amber-500')} aria-hidden="true" />
          {connected ? 'Live' : connectError ? `Not connected: ${connectError}` : 'Connecting…'}
        </span>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Agents online" value={`${stats.online} / ${stats.agents}`} />
        <Stat label="Waiting in queue" value={String(stats.queued)} testId="stat-queued" />
        <Stat label="Active chats" value={String(stats.active)} testId="stat-active" />
        <Stat label="Alerts" value={String(stats.alerts)} testId="stat-alerts" />
      </dl>

      <div className="grid gap-6 lg:grid-cols-3">
        <MonitorConversations
          conversations={shown}
          tags={state.tags}
          conversationTags={state.conversationTags}
          tagFilter={tagFilter}
          onTagFilter={setTagFilter}
          loaded={state.loaded}
          watchId={state.watchId}
          onWatch={(id) => void watch(id)}
          agentName={agentName}
          now={now}
        />
        <AlertsCard alerts={state.alerts} isOpen={(id) => state.conversations.some((c) => c.id === id)} onWatch={(id) => void watch(id)} />
      </div>

      {watched ? <WatchPanel key={watched.id} socket={socket} conversation={watched} messages={state.watchMessages} onClose={() => void watch(null)} userId={userId} /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <AgentsCard agents={state.agents} />
        <QueuesCard queues={state.queues} longWait={state.longWait} now={now} canEditSettings={canEditSettings} onLongWait={setLongWait} />
      </div>
    </div>
  );
}
