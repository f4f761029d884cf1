import type pg from 'pg';
import client from 'prom-client';
import { dependencyIsUp, type DependencyName } from './dependencies';
import { redisEvents } from './redis';

/**
 * Prometheus metrics of one process (prom-client default registry): realtime serves them at `/metrics`,
 * the worker on `WORKER_METRICS_PORT`, web at `/api/metrics`. Gauges that read live state (sockets, queue
 * lengths, pool, webhook lag) are filled on scrape by the sources each process registers.
 */
const registry = client.register;
const started = (globalThis as { __livechatMetrics?: boolean }).__livechatMetrics;
if (!started) {
  (globalThis as { __livechatMetrics?: boolean }).__livechatMetrics = true;
  // Includes nodejs_eventloop_lag_seconds and the p50/p90/p99 event-loop delay gauges.
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
}

function metric<T>(name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

type Source = () => Promise<void> | void;
const sources = new Set<Source>();

/** Registers a scrape-time updater (sets gauges from live state); returns its removal. */
export function addMetricsSource(source: Source): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

export const metrics = {
  messages: metric('livechat_messages_total', () => new client.Counter({ name: 'livechat_messages_total', help: 'Chat messages stored and acknowledged', labelNames: ['sender'] as const })),
  ackLatency: metric(
    'livechat_ack_duration_seconds',
    () => new client.Histogram({ name: 'livechat_ack_duration_seconds', help: 'Socket event handling time until the ack', labelNames: ['event', 'outcome'] as const, buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] }),
  ),
  sockets: metric('livechat_socket_connections', () => new client.Gauge({ name: 'livechat_socket_connections', help: 'Connected sockets on this realtime node', labelNames: ['namespace'] as const })),
  queueWaiting: metric('livechat_queue_waiting', () => new client.Gauge({ name: 'livechat_queue_waiting', help: 'Chats waiting in routing queues (workspaces with sockets on this node)', labelNames: ['workspace'] as const })),
  webhookLag: metric('livechat_webhook_relay_lag_seconds', () => new client.Gauge({ name: 'livechat_webhook_relay_lag_seconds', help: 'Age of the oldest outbox event not yet relayed' })),
  webhookOpen: metric('livechat_webhook_deliveries_open', () => new client.Gauge({ name: 'livechat_webhook_deliveries_open', help: 'Webhook deliveries not finished (pending, in flight, retrying)' })),
  webhookFailures: metric('livechat_webhook_failed_attempts_total', () => new client.Counter({ name: 'livechat_webhook_failed_attempts_total', help: 'Webhook delivery attempts that did not get a 2xx', labelNames: ['final'] as const })),
  jobs: metric('livechat_bull_jobs', () => new client.Gauge({ name: 'livechat_bull_jobs', help: 'BullMQ jobs by queue and state', labelNames: ['queue', 'state'] as const })),
  pgPool: metric('livechat_pg_pool_clients', () => new client.Gauge({ name: 'livechat_pg_pool_clients', help: 'PostgreSQL pool clients by state (waiting = callers queued for a client)', labelNames: ['state'] as const })),
  redisReconnects: metric('livechat_redis_reconnects_total', () => new client.Gauge({ name: 'livechat_redis_reconnects_total', help: 'Redis reconnect attempts since start' })),
  dependencyUp: metric('livechat_dependency_up', () => new client.Gauge({ name: 'livechat_dependency_up', help: '1 when the dependency answers', labelNames: ['dependency'] as const })),
  rebuilds: metric('livechat_routing_rebuilds_total', () => new client.Counter({ name: 'livechat_routing_rebuilds_total', help: 'Routing state rebuilds from PostgreSQL performed by this process' })),
};

/** The pool's figures on every scrape. */
export function watchPool(pool: pg.Pool): () => void {
  return addMetricsSource(() => {
    metrics.pgPool.set({ state: 'total' }, pool.totalCount);
    metrics.pgPool.set({ state: 'idle' }, pool.idleCount);
    metrics.pgPool.set({ state: 'waiting' }, pool.waitingCount);
  });
}

/** Text exposition for a scrape: runs the sources (each bounded by its own timeouts), then serialises. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  await Promise.allSettled([...sources].map(async (source) => source()));
  metrics.redisReconnects.set(redisEvents.reconnects);
  for (const name of ['database', 'redis'] as DependencyName[]) metrics.dependencyUp.set({ dependency: name }, dependencyIsUp(name) ? 1 : 0);
  return { contentType: registry.contentType, body: await registry.metrics() };
}
