import type { Redis } from 'ioredis';
import type { Namespace } from 'socket.io';
import { logger } from '../lib/logger';
import { metrics } from '../lib/metrics';
import { RoutingRecovery, type LiveSockets } from '../domain/routing/recovery';
import { isUnavailableError } from '../lib/dependencies';

type Deps = Omit<ConstructorParameters<typeof RoutingRecovery>[0], 'liveSockets' | 'onRebuilt'>;

/**
 * Runs the routing-state check (domain/routing/recovery.ts) of this node: at start, on every heartbeat and
 * whenever Redis becomes ready again, with this node's live sockets as the presence to restore.
 */
export function attachRecovery(deps: Deps & { redis: Redis; subscribers: Redis[]; visitorNs: Namespace; agentNs: Namespace; everyMs: number }) {
  const liveSockets = (): LiveSockets => ({
    agents: [...deps.agentNs.sockets.values()].flatMap((s) => (s.data?.actor ? [{ workspaceId: s.data.workspaceId as string, agentId: s.data.actor.id as string, socketId: s.id }] : [])),
    visitors: [...deps.visitorNs.sockets.values()].flatMap((s) => (s.data?.visitorId ? [{ workspaceId: s.data.workspaceId as string, visitorId: s.data.visitorId as string, socketId: s.id }] : [])),
  });
  const recovery = new RoutingRecovery({
    ...deps,
    liveSockets,
    onRebuilt: (workspaces, ms) => {
      metrics.rebuilds.inc();
      logger.warn({ nodeId: deps.nodeId, workspaces, ms }, 'routing state was missing in Redis: rebuilt from PostgreSQL and live sockets');
    },
  });
  /**
   * A rebuild re-arms overdue timers, which fire at once in a worker and reach this node's sockets through
   * pub/sub: so it waits until this node's subscriber connections are back and have re-subscribed (ioredis
   * re-subscribes when a connection is ready; a PING on it answers after that SUBSCRIBE was processed).
   */
  const subscribed = async () => {
    if (deps.subscribers.some((s) => s.status !== 'ready')) return false;
    await Promise.all(deps.subscribers.map((s) => s.ping()));
    return true;
  };
  const check = async () => {
    try {
      if (!(await subscribed())) return 'busy' as const;
      return await recovery.check();
    } catch (error) {
      // Redis or PostgreSQL still down: the outage is logged by the dependency state; the next beat retries.
      if (!isUnavailableError(error)) logger.error({ err: error }, 'routing state check failed');
      return 'busy' as const;
    }
  };
  const timer = setInterval(() => void check(), deps.everyMs);
  const onReady = () => void check();
  deps.redis.on('ready', onReady);
  for (const s of deps.subscribers) s.on('ready', onReady);
  void check();
  return {
    check,
    stop() {
      clearInterval(timer);
      deps.redis.off('ready', onReady);
      for (const s of deps.subscribers) s.off('ready', onReady);
    },
  };
}
