import type { AgentSnapshot } from '../routing/strategies';
import { RoutingEngine, type QueueEntry } from '../routing/engine';
import { averageHandleSeconds, estimateWaitSeconds, fillQueueMessage } from './wait';

export interface PositionUpdate {
  visitorId: string;
  payload: { conversationId: string; position: number; waitSeconds: number | null; text: string };
}

/** What each waiting visitor is told after the queues moved: position (1-based), estimated wait, the configured text. */
export function positionUpdates(queues: Map<string, QueueEntry[]>, agents: AgentSnapshot[], recentDurations: number[], template: string): PositionUpdate[] {
  const handle = averageHandleSeconds(recentDurations);
  const updates: PositionUpdate[] = [];
  for (const [key, entries] of queues) {
    const capacity = RoutingEngine.capacityFor(agents, key);
    entries.forEach((entry, index) => {
      const position = index + 1;
      const waitSeconds = estimateWaitSeconds(position, handle, capacity);
      updates.push({ visitorId: entry.visitorId, payload: { conversationId: entry.conversationId, position, waitSeconds, text: fillQueueMessage(template, position, waitSeconds) } });
    });
  }
  return updates;
}

export function waitingCount(queues: Map<string, QueueEntry[]>): number {
  return [...queues.values()].reduce((n, q) => n + q.length, 0);
}
