import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io';
import { Server } from 'socket.io';
import type { Db } from '../db/client';
import type { BlobStore } from '../domain/attachments/storage';
import type { ChatService } from '../domain/chat/service';
import { CollisionPresence } from '../domain/collision/presence';
import { LastSeenBatcher } from '../domain/conversations/last-seen';
import { VisitorGate } from '../domain/security/visitor-gate';
import type { RoutingEngine } from '../domain/routing/engine';
import { NodeRegistry } from '../domain/routing/nodes';
import type { SettingsService } from '../domain/settings/service';
import { PRESENCE_QUEUE, type PresenceGraceJob } from '../infra/jobs';
import { NAMESPACES } from '../infra/rooms';
import { roomNotifier, type EmitSurface } from '../infra/notifier';
import { AddressWatch } from '../lib/address-watch';
import { clientIp, isTrustedProxy, trustedProxyList } from '../lib/client-ip';
import { guardEmitter } from '../lib/dependencies';
import { logger } from '../lib/logger';
import { serveOps } from '../lib/probe';
import { RateLimits, type RateLimitConfig } from '../lib/rate-limits';
import { RedisKeys } from '../lib/redis';
import { compose } from '../server/compose';
import { registerAgentNamespace } from './agent';
import type { AgentNamespace, MonitorNamespace, RealtimeContext, VisitorNamespace } from './context';
import { createConversationFanout } from './fanout';
import { MAX_FRAME_BYTES } from './handler';
import { registerRealtimeMetrics } from './metrics';
import { registerMonitorNamespace } from './monitor';
import { attachRecovery } from './recovery';
import { createStatsHandler } from './stats';
import { registerVisitorNamespace } from './visitor';

export interface RealtimeConfig {
  authSecret: string;
  redisPrefix: string;
  /** Browser origin(s) allowed for long-polling (CORS); websocket clients are checked by token anyway. */
  corsOrigins: string[];
  presenceGraceSeconds: number;
  /** Heartbeat TTL: a node that stops refreshing it is considered dead and its agents are swept offline. */
  heartbeatTtlSeconds?: number;
  port: number;
  nodeId?: string;
  /** Abuse limits (docs/security.md); defaults when omitted. */
  rateLimits?: RateLimitConfig;
  /** TRUSTED_PROXIES: whose X-Forwarded-For is believed for the client IP. */
  trustedProxies?: string;
  /** Distinct visitors from one untrusted address in 10 minutes above which readiness warns (PROXY_WARNING_VISITORS; 0 = off). */
  addressWarningVisitors?: number;
  /** Base of signed attachment links (the web app serves /api/files). */
  publicWebUrl?: string;
  /** Attachment storage override (tests); otherwise from the environment (src/infra/storage/config.ts). */
  attachmentStore?: BlobStore;
}

export interface RealtimeServer {
  port: number;
  nodeId: string;
  io: Server;
  chat: ChatService;
  settings: SettingsService;
  routing: RoutingEngine;
  /** Checks (and if lost, rebuilds) the routing state in Redis now instead of at the next heartbeat. */
  checkRoutingState(): Promise<string>;
  crash(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The realtime node: Socket.IO namespaces /visitor, /agent and /monitor (visitor.ts, agent.ts, monitor.ts)
 * over the Redis adapter. Thin adapters: they authenticate, parse payloads and call the chat domain.
 */
export async function startRealtimeServer(config: RealtimeConfig, db: Db, redis: Redis): Promise<RealtimeServer> {
  const nodeId = config.nodeId ?? randomUUID();
  let closed = false;
  const keys = new RedisKeys(config.redisPrefix);
  const pub = redis.duplicate();
  const sub = redis.duplicate();
  const settingsSub = redis.duplicate();

  // Opt-in process figures for `npm run bench` (BENCH_STATS=1): RSS, event-loop delay, connections.
  const stats = process.env.BENCH_STATS === '1' ? createStatsHandler(() => io) : null;
  const addressWatch = new AddressWatch(redis, config.redisPrefix, config.addressWarningVisitors ?? 50);
  const http: HttpServer = createServer((req, res) => {
    if (stats && req.url?.startsWith('/stats')) return stats(req, res);
    if (serveOps(req, res, { nodeId }, () => addressWatch.warnings())) return;
    res.writeHead(404).end();
  });
  const io = new Server(http, {
    cors: { origin: config.corsOrigins },
    adapter: createAdapter(pub, sub, { key: keys.socketIoAdapter() }),
    // Hard transport cap (connection closed); payloads over MAX_EVENT_BYTES get `payload_too_large` (handler.ts).
    maxHttpBufferSize: MAX_FRAME_BYTES,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  // One Server, three namespaces with their own event maps (realtime/events.ts).
  const visitorNs = io.of(NAMESPACES.visitor) as unknown as VisitorNamespace;
  const agentNs = io.of(NAMESPACES.agent) as unknown as AgentNamespace;
  const monitorNs = io.of(NAMESPACES.monitor) as unknown as MonitorNamespace;
  // Conversation events reach all three namespaces with one cross-node publish (src/realtime/fanout.ts).
  const fanout = await createConversationFanout(pub, sub, `${keys.socketIoAdapter()}-conversation`, [visitorNs, agentNs, monitorNs]);
  const app = compose({
    db,
    redis,
    redisPrefix: config.redisPrefix,
    authSecret: config.authSecret,
    publicWebUrl: config.publicWebUrl,
    attachmentStore: config.attachmentStore,
    // Throttled dashboard updates fire from timers: none may publish on connections closed by close().
    notifier: () => roomNotifier(io as unknown as EmitSurface, { toConversation: (id, event, payload) => fanout.emit(id, event, payload), isOpen: () => !closed }),
  });
  await app.listen(settingsSub);
  const { chat, routing, settings } = app;
  const presenceQueue = guardEmitter(new Queue<PresenceGraceJob>(PRESENCE_QUEUE, { connection: redis, prefix: keys.bullPrefix() }), 'presence queue');
  const nodes = new NodeRegistry(redis, config.redisPrefix);
  const heartbeatTtl = config.heartbeatTtlSeconds ?? 15;
  await nodes.heartbeat(nodeId, heartbeatTtl);
  const heartbeat = setInterval(() => void nodes.heartbeat(nodeId, heartbeatTtl).catch(() => {}), (heartbeatTtl * 1000) / 3);

  // Lost Redis state (restart without persistence, flush) is rebuilt from PostgreSQL and live sockets.
  const recovery = attachRecovery({ db, redis, subscribers: [sub, settingsSub], prefix: config.redisPrefix, nodeId, routing, nodes, chat, settings, timers: app.timers, aftercare: chat.aftercare, visitorNs, agentNs, everyMs: (heartbeatTtl * 1000) / 3 });
  const stopMetrics = registerRealtimeMetrics(io, routing);
  const proxies = trustedProxyList(config.trustedProxies ?? '');
  const lastSeen = new LastSeenBatcher(db);
  const gate = new VisitorGate(db).listen(); // token versions and bans of the handshake, cached (issue 16)
  const ctx: RealtimeContext = {
    app,
    nodeId,
    authSecret: config.authSecret,
    corsOrigins: config.corsOrigins,
    presenceGraceSeconds: config.presenceGraceSeconds,
    visitorNs,
    agentNs,
    monitorNs,
    limits: new RateLimits(redis, config.redisPrefix, config.rateLimits),
    nodes,
    presenceQueue,
    crm: { customers: app.customers, aftercare: chat.aftercare, events: chat.events, settings, conversations: app.conversations },
    collision: new CollisionPresence(redis, config.redisPrefix),
    socketIp: (socket: Socket) => clientIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for'] as string | undefined, proxies),
    peerOf: (socket: Socket) => {
      const fromPeer = !isTrustedProxy(proxies, socket.handshake.address);
      const headers = socket.handshake.headers;
      return { fromPeer, forwardingIgnored: fromPeer && Boolean(headers['x-forwarded-for'] ?? headers.forwarded ?? headers['x-real-ip']) };
    },
    addressWatch,
  };
  registerVisitorNamespace(ctx, lastSeen, gate);
  registerAgentNamespace(ctx);
  registerMonitorNamespace(ctx);
  await new Promise<void>((resolve) => http.listen(config.port, '0.0.0.0', resolve));
  const port = (http.address() as AddressInfo).port;
  logger.info({ port, nodeId }, 'realtime server listening');

  return {
    port,
    nodeId,
    io,
    chat,
    settings,
    routing,
    checkRoutingState: () => recovery.check(),
    /** Simulates a crash (tests): stops heartbeats and drops sockets without any bookkeeping. */
    async crash() {
      if (closed) return;
      closed = true;
      addressWatch.close();
      stopMetrics();
      recovery.stop();
      clearInterval(heartbeat);
      for (const ns of [visitorNs, agentNs]) for (const socket of ns.sockets.values()) socket.removeAllListeners('disconnect');
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled([presenceQueue.close(), app.timerQueue.close(), pub.quit(), sub.quit(), settingsSub.quit(), gate.close()]);
    },
    async close() {
      if (closed) return;
      closed = true;
      addressWatch.close();
      stopMetrics();
      recovery.stop();
      clearInterval(heartbeat);
      await fanout.close();
      chat.dispose();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await nodes.leave(nodeId).catch(() => {});
      await Promise.allSettled([lastSeen.flush(), app.tools.context.flushDevices(), gate.close()]);
      await Promise.allSettled([presenceQueue.close(), app.close()]);
      await Promise.allSettled([pub.quit(), sub.quit(), settingsSub.quit()]);
    },
  };
}
