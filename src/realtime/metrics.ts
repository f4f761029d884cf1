import type { Server } from 'socket.io';
import { withTimeout } from '../lib/dependencies';
import { addMetricsSource, metrics } from '../lib/metrics';
import type { RoutingEngine } from '../domain/routing/engine';

/** Realtime figures read on scrape: sockets per namespace, queue length of the workspaces served here. */
export function registerRealtimeMetrics(io: Server, routing: RoutingEngine): () => void {
  return addMetricsSource(async () => {
    const workspaces = new Set<string>();
    for (const name of ['/visitor', '/agent', '/monitor']) {
      const sockets = io.of(name).sockets;
      metrics.sockets.set({ namespace: name.slice(1) }, sockets.size);
      for (const socket of sockets.values()) if (socket.data?.workspaceId) workspaces.add(socket.data.workspaceId as string);
    }
    metrics.queueWaiting.reset();
    await Promise.allSettled([...workspaces].slice(0, 500).map(async (ws) => metrics.queueWaiting.set({ workspace: ws }, await withTimeout(routing.queueLength(ws), 2_000, 'redis'))));
  });
}
