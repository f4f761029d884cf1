import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { Db } from '../db/client';
import { workspaces } from '../db/schema';
import { loadRoutingProfile, targetExists, transferDirectory } from '../domain/accounts/routing-profile';
import type { ChatNotifier } from '../domain/chat/notifier';
import { ChatService, type StaffActor } from '../domain/chat/service';
import { ConversationService } from '../domain/conversations/service';
import { RoutingEngine } from '../domain/routing/engine';
import { NodeRegistry } from '../domain/routing/nodes';
import { SettingsService } from '../domain/settings/service';
import { socketOriginAllowed } from '../domain/settings/schemas-widget';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { RedisKeys } from '../lib/redis';
import { signVisitorToken, verifyVisitorToken } from '../lib/tokens';
import { bullChatTimers, CHAT_TIMERS_QUEUE, PRESENCE_QUEUE, presenceGraceJobId, type ChatTimerJob, type PresenceGraceJob } from '../worker/jobs';
import { ChatStart, ConversationRef, Empty, History, MessageSend, StatusSet, SubmissionAppend, SubmissionCreate, Transfer, Typing, VisitorAuth } from './protocol';
import { SubmissionService } from '../domain/submissions/service';
import { limitEvents, MAX_FRAME_BYTES, on } from './handler';
import { attachAftercare } from '../domain/chat/aftercare';
import { CustomerService } from '../domain/crm/service';
import { checkIdentity, registerAgentCrm, registerVisitorCrm, saveIdentity, type CrmContext } from './crm-handlers';
import { attachMonitorNamespace, monitoringNotifier } from './monitor';
import { moderationChannel, ModerationService } from '../domain/moderation/service';
import { MonitoringService } from '../domain/monitoring/service';
import { createStatsHandler } from './stats';
import { guardEmitter } from '../lib/dependencies';
import { serveOps } from '../lib/probe';
import { registerRealtimeMetrics } from './metrics';
import { clientIp, trustedProxyList } from '../lib/client-ip';
import { RateLimits, type RateLimitConfig } from '../lib/rate-limits';
import { visitorTokenVersion } from '../domain/security/sessions';
import { guardStaffEvents, staffHandshake, staffUserRoom, type StaffData } from './staff-auth';
import { AGENT_GUARDED_EVENTS, handshakeLimited } from './limits';
import { createConversationFanout } from './fanout';
import { LastSeenBatcher } from '../domain/conversations/last-seen';
import type { BlobStore } from '../domain/attachments/storage';
import { attachmentService } from '../infra/storage/config';
import { agentTools, registerAgentTools } from './agent-tools';
import { banRefusal, recordDevice, registerVisitorTools } from './visitor-tools';
import { attachRecovery } from './recovery';
import { registerSync } from './sync-handlers';
import { PrechatService } from '../domain/widget/prechat';

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

interface VisitorData {
  workspaceId: string;
  visitorId: string;
  token: string;
}

const convRoom = (id: string) => `conv:${id}`;
const visitorRoom = (id: string) => `visitor:${id}`;
const agentRoom = staffUserRoom;
const staffRoom = (workspaceId: string) => `staff:${workspaceId}`;

/**
 * The realtime node: Socket.IO namespaces /visitor and /agent over the Redis adapter. A thin adapter:
 * authenticates, parses payloads and calls the chat domain.
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
  const http: HttpServer = createServer((req, res) => {
    if (stats && req.url?.startsWith('/stats')) return stats(req, res);
    if (serveOps(req, res, { nodeId })) return;
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

  const settings = new SettingsService(db, redis, keys.settingsChannel());
  await settings.listen(settingsSub);
  const conversations = new ConversationService(db);
  const routing = new RoutingEngine(redis, config.redisPrefix);
  const visitorNs = io.of('/visitor');
  const agentNs = io.of('/agent');
  const monitorNs = io.of('/monitor');
  // Conversation events reach all three namespaces with one cross-node publish (src/realtime/fanout.ts).
  const fanout = await createConversationFanout(pub, sub, `${keys.socketIoAdapter()}-conversation`, [visitorNs, agentNs, monitorNs]);
  const monitored = monitoringNotifier(socketNotifier(visitorNs, agentNs), monitorNs, agentNs);
  const notifier: ChatNotifier = {
    ...monitored,
    toConversation: (id, event, payload) => fanout.emit(id, event, payload),
    // Throttled dashboard updates fire from timers: none may publish on connections closed by close().
    toMonitor: (workspaceId, event, payload) => void (!closed && monitored.toMonitor?.(workspaceId, event, payload)),
  };
  const presenceQueue = guardEmitter(new Queue<PresenceGraceJob>(PRESENCE_QUEUE, { connection: redis, prefix: keys.bullPrefix() }), 'presence queue');
  const timerQueue = guardEmitter(new Queue<ChatTimerJob>(CHAT_TIMERS_QUEUE, { connection: redis, prefix: keys.bullPrefix() }), 'chat timers queue');
  const timers = bullChatTimers(timerQueue, redis);
  const chat = new ChatService(conversations, routing, settings, notifier, timers);
  // F8/F9/F2: end-of-chat timers, rating invitations, customer CRM.
  const aftercare = attachAftercare(chat, { db, conversations, settings, notifier, timers });
  const crm: CrmContext = { customers: new CustomerService(db), aftercare, settings, conversations };
  const submissions = new SubmissionService(db, redis, settings, config.redisPrefix);
  chat.attachSubmissions(submissions);
  // Sensitive words (F6) and monitoring (F7): compiled word lists cached here, dropped on invalidation.
  const moderation = new ModerationService(db, redis, moderationChannel(config.redisPrefix), settings);
  await moderation.listen(settingsSub);
  const monitoring = new MonitoringService(db, routing, conversations, settings);
  chat.attachMonitoring({ moderation, monitoring });
  // F11: messages may carry files; history pages get fresh signed links.
  const attachments = attachmentService(db, settings, config.authSecret, config.publicWebUrl ?? 'http://localhost:3000', process.env, config.attachmentStore);
  chat.attachAttachments(attachments);
  conversations.withAttachments((w, c, page) => attachments.decorate(w, c, page));
  const nodes = new NodeRegistry(redis, config.redisPrefix);
  const heartbeatTtl = config.heartbeatTtlSeconds ?? 15;
  await nodes.heartbeat(nodeId, heartbeatTtl);
  const heartbeat = setInterval(() => void nodes.heartbeat(nodeId, heartbeatTtl).catch(() => {}), (heartbeatTtl * 1000) / 3);

  // Lost Redis state (restart without persistence, flush) is rebuilt from PostgreSQL and live sockets.
  const recovery = attachRecovery({ db, redis, prefix: config.redisPrefix, nodeId, routing, nodes, chat, settings, timers, aftercare, visitorNs, agentNs, everyMs: (heartbeatTtl * 1000) / 3 });
  const workspaceByKey = cachedWorkspaceLookup(db);
  const stopMetrics = registerRealtimeMetrics(io, routing);
  const limits = new RateLimits(redis, config.redisPrefix, config.rateLimits);
  const proxies = trustedProxyList(config.trustedProxies ?? '');
  const lastSeen = new LastSeenBatcher(db);
  /** The client's IP: X-Forwarded-For only from TRUSTED_PROXIES. */
  const socketIp = (socket: Socket) => clientIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for'] as string | undefined, proxies);
  // Issue 15: notes, canned replies, tags, visitor context and bans.
  const tools = agentTools(db);
  const prechat = new PrechatService(db, settings);
  chat.attachTagger((ws, conversationId, names) => tools.tags.tagAtStart(ws, conversationId, names));

  // ---------------------------------------------------------------- visitors
  visitorNs.use(async (socket, next) => {
    try {
      const auth = VisitorAuth.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error('bad_request: widgetKey is required'));
      const limited = await handshakeLimited(limits, socketIp(socket), auth.data.widgetKey);
      if (limited) return next(limited);
      const workspaceId = await workspaceByKey(auth.data.widgetKey);
      if (!workspaceId) return next(new Error('unauthorized: unknown widget key'));
      const { allowedDomains } = await settings.value(workspaceId, 'widget');
      if (!socketOriginAllowed(allowedDomains, config.corsOrigins, socket.handshake.headers.origin)) return next(new Error('forbidden: this website may not use the chat'));
      // F2: mandatory identity verification refuses a partnerid without a valid partnerIdHash.
      const identity = await checkIdentity(crm, workspaceId, socket.handshake.auth);
      if (identity.refusal) return next(new Error(identity.refusal));
      const claims = auth.data.token ? await verifyVisitorToken(config.authSecret, auth.data.token) : null;
      // Tokens are bound to their workspace and revocable (token version); a revoked one is refused.
      let visitorId = claims?.wid === workspaceId ? claims.vid : null;
      const banned = await banRefusal(tools, workspaceId, visitorId, socketIp(socket));
      if (banned) return next(new Error(banned));
      const tokenVersion = visitorId ? await visitorTokenVersion(db, workspaceId, visitorId) : null;
      if (visitorId && tokenVersion !== null && tokenVersion !== claims!.tv) return next(new Error('unauthorized: visitor token revoked'));
      if (tokenVersion === null) visitorId = null;
      if (!visitorId) {
        visitorId = await conversations.createVisitor(workspaceId, { name: auth.data.name ?? null });
      } else if (auth.data.name) {
        await conversations.touchVisitor(workspaceId, visitorId, { name: auth.data.name });
      } else {
        lastSeen.touch(workspaceId, visitorId); // deferred: no write per reconnect
      }
      // Sliding renewal: every handshake re-issues a fresh token (the widget keeps the newest).
      const token = await signVisitorToken(config.authSecret, { vid: visitorId, wid: workspaceId, tv: tokenVersion ?? 0 });
      await saveIdentity(crm, workspaceId, visitorId, identity.identity, identity.verified);
      socket.data = { workspaceId, visitorId, token } satisfies VisitorData;
      next();
    } catch (error) {
      logger.error({ err: error }, 'visitor handshake failed');
      next(new Error('internal: handshake failed'));
    }
  });

  visitorNs.on('connection', async (socket: Socket) => {
    const { workspaceId, visitorId, token } = socket.data as VisitorData;
    limitEvents(socket, limits, {
      'message.send': { bucket: 'message', key: `v:${visitorId}` },
      typing: { bucket: 'typing', key: `v:${visitorId}` },
      'submission.create': { bucket: 'submission', key: `v:${visitorId}` },
      'submission.append': { bucket: 'submission', key: `v:${visitorId}` },
    });
    registerVisitorCrm(socket, crm, workspaceId, visitorId);
    registerVisitorTools(socket, tools, workspaceId, visitorId);
    void recordDevice(tools, socket, workspaceId, visitorId);
    socket.join(visitorRoom(visitorId));

    const requireOwn = (conversationId: string) => {
      if (!socket.rooms.has(convRoom(conversationId))) throw new AppError('forbidden', 'Not your conversation');
    };

    on(socket, 'chat.start', ChatStart, async (input) => {
      // Pre-chat form (issue 14): required answers checked and saved first; a chosen group designates the chat.
      const chosen = await prechat.beforeStart(workspaceId, visitorId, input.prechat);
      // An embed may only designate an agent or group of its own workspace; anything else is ignored.
      const designated = chosen ?? (input.designated && (await targetExists(db, workspaceId, input.designated))
        ? { target: { type: input.designated.type, id: input.designated.id }, mode: input.designated.mode }
        : null);
      const tags = input.tags?.length ? await tools.tags.knownNames(workspaceId, input.tags) : [];
      const result = await chat.startConversation(workspaceId, visitorId, { channel: input.channel, entryUrl: input.entryUrl ?? null, designated, tags });
      await crm.customers.linkConversation(workspaceId, result.conversation.id);
      // Chatting (or waiting) after all: an earlier leave-a-message offer no longer applies.
      if (result.conversation.status !== 'ended') await submissions.clearOffer(workspaceId, visitorId);
      visitorNs.in(visitorRoom(visitorId)).socketsJoin(convRoom(result.conversation.id));
      socket.join(convRoom(result.conversation.id));
      return result;
    });
    on(socket, 'message.send', MessageSend, async (input) => {
      requireOwn(input.conversationId);
      return { message: await chat.visitorMessage(workspaceId, visitorId, input.conversationId, input.body, input.clientMsgId, input.attachmentIds) };
    });
    on(socket, 'typing', Typing, async (input) => {
      requireOwn(input.conversationId);
      agentNs.to(convRoom(input.conversationId)).emit('typing', { conversationId: input.conversationId, typing: input.typing });
      return {};
    });
    on(socket, 'chat.end', ConversationRef, async (input) => {
      requireOwn(input.conversationId);
      return { conversation: await chat.endConversation(workspaceId, input.conversationId, 'visitor') };
    });
    on(socket, 'submission.create', SubmissionCreate, async (input) => {
      const submission = await submissions.create(workspaceId, visitorId, input.fields);
      chat.notifySubmissionCreated(workspaceId, submission);
      return { submission };
    });
    on(socket, 'submission.append', SubmissionAppend, async (input) => submissions.append(workspaceId, visitorId, input.submissionId, input.body));
    on(socket, 'submissions.list', Empty, async () => ({ submissions: await submissions.forVisitor(workspaceId, visitorId) }));
    registerSync(socket, { workspaceId, conversations, canRead: async (id) => (await conversations.get(workspaceId, id))?.visitorId === visitorId });
    on(socket, 'history', History, async (input) => {
      const conversation = await conversations.get(workspaceId, input.conversationId);
      if (!conversation || conversation.visitorId !== visitorId) throw new AppError('forbidden', 'Not your conversation');
      return { messages: await conversations.history(workspaceId, input.conversationId, input) };
    });

    // Visitor presence (offline messages, F10): a socket per visitor on this node, removed on disconnect.
    socket.on('disconnect', () => void routing.removeVisitorSocket(workspaceId, visitorId, socket.id).catch(() => {}));
    await routing.addVisitorSocket(workspaceId, visitorId, socket.id, nodeId).catch((error) => logger.error({ err: error }, 'visitor presence failed'));

    // Restore the visitor's latest conversation (identity and history survive reloads and reconnects).
    try {
      const conversation = await conversations.latestForVisitor(workspaceId, visitorId);
      if (conversation && conversation.status !== 'ended') socket.join(convRoom(conversation.id));
      const messages = conversation ? await conversations.history(workspaceId, conversation.id) : [];
      const [queue, offer] = await Promise.all([
        conversation?.status === 'queued' ? chat.queueStatus(workspaceId, conversation.id, 'update') : null,
        submissions.pendingOffer(workspaceId, visitorId),
      ]);
      socket.emit('session', { visitorId, token, conversation, messages, queue, offer, prechatNeeded: await prechat.needed(workspaceId, visitorId) });
    } catch (error) {
      logger.error({ err: error }, 'visitor session restore failed');
      socket.emit('session', { visitorId, token, conversation: null, messages: [], queue: null, offer: null });
    }
  });

  // ---------------------------------------------------------------- staff
  agentNs.use(staffHandshake(db, config.authSecret));

  agentNs.on('connection', async (socket: Socket) => {
    const { workspaceId, actor } = socket.data as StaffData;
    // Everything but the hot path re-checks the account first (role-dependent reads act on the current role).
    guardStaffEvents(socket, db, { events: AGENT_GUARDED_EVENTS });
    limitEvents(socket, limits, { 'message.send': { bucket: 'message', key: `s:${socket.id}` }, typing: { bucket: 'typing', key: `s:${socket.id}` } });
    socket.join([agentRoom(actor.id), staffRoom(workspaceId)]);

    const requireAccess = async (conversationId: string) => {
      const conversation = await conversations.canStaffAccess(workspaceId, conversationId, actor);
      if (!conversation) throw new AppError('forbidden', 'Not your conversation');
      return conversation;
    };
    const requireParticipant = (conversationId: string) => {
      if (!socket.rooms.has(convRoom(conversationId))) throw new AppError('forbidden', 'Not your conversation');
    };
    registerAgentCrm(socket, crm, workspaceId, actor, (id) => socket.rooms.has(convRoom(id)));
    registerAgentTools(socket, workspaceId, actor, tools, {
      db,
      chat,
      conversations,
      routing,
      notifier,
      disconnectVisitor: (visitorId) => visitorNs.in(visitorRoom(visitorId)).disconnectSockets(true),
    });

    // Handlers are registered before the connect bookkeeping finishes (so no event is lost); a status change
    // waits for it, so the initial `presence` can never arrive after, and overwrite, the agent's choice.
    let markConnected!: (done: Promise<void>) => void;
    const connected = new Promise<void>((resolve) => (markConnected = (done) => void done.then(resolve)));
    on(socket, 'status.set', StatusSet, async ({ status }) => {
      await connected;
      return { presence: await chat.setAgentStatus(workspaceId, actor.id, status) };
    });
    on(socket, 'conversations.list', Empty, async () => ({ conversations: await conversations.listForAgent(workspaceId, actor.id) }));
    registerSync(socket, { workspaceId, conversations, canRead: async (id) => !!(await conversations.canStaffAccess(workspaceId, id, actor)), ready: connected });
    on(socket, 'history', History, async (input) => {
      await requireAccess(input.conversationId);
      return { messages: await conversations.history(workspaceId, input.conversationId, input) };
    });
    on(socket, 'whisper.list', ConversationRef, async (input) => {
      await requireAccess(input.conversationId);
      return { whispers: await monitoring.whispers(workspaceId, input.conversationId) };
    });
    on(socket, 'message.send', MessageSend, async (input) => {
      requireParticipant(input.conversationId);
      return { message: await chat.agentMessage(workspaceId, actor, input.conversationId, input.body, input.clientMsgId, input.attachmentIds) };
    });
    on(socket, 'typing', Typing, async (input) => {
      requireParticipant(input.conversationId);
      visitorNs.to(convRoom(input.conversationId)).emit('typing', { conversationId: input.conversationId, typing: input.typing, name: actor.name });
      return {};
    });
    on(socket, 'chat.end', ConversationRef, async (input) => {
      requireParticipant(input.conversationId);
      return { conversation: await chat.endConversation(workspaceId, input.conversationId, 'agent') };
    });
    on(socket, 'pool.list', Empty, async () => ({ conversations: await chat.unassignedPool(workspaceId) }));
    on(socket, 'pool.claim', ConversationRef, async (input) => {
      const conversation = await chat.claimFromPool(workspaceId, input.conversationId, actor.id);
      socket.join(convRoom(conversation.id));
      return { conversation };
    });
    on(socket, 'transfer.targets', Empty, async () => {
      const [directory, agents] = await Promise.all([transferDirectory(db, workspaceId), routing.snapshot(workspaceId)]);
      const presence = new Map(agents.map((a) => [a.id, a]));
      return {
        agents: directory.staff
          .filter((s) => s.id !== actor.id)
          .map((s) => ({ ...s, status: presence.get(s.id)?.status ?? 'offline', load: presence.get(s.id)?.load ?? 0, limit: presence.get(s.id)?.limit ?? 0 })),
        groups: directory.groups,
      };
    });
    on(socket, 'chat.transfer', Transfer, async (input) => {
      requireParticipant(input.conversationId);
      const to = { type: input.to.type, id: input.to.id } as const;
      if (!(await targetExists(db, workspaceId, to))) throw new AppError('not_found', `Unknown ${to.type}`);
      return { conversation: await chat.transfer(workspaceId, input.conversationId, actor.id, to) };
    });

    socket.on('disconnect', async () => {
      try {
        const remaining = await routing.removeSocket(workspaceId, actor.id, socket.id);
        if (remaining === 0) {
          const jobId = presenceGraceJobId(workspaceId, actor.id);
          await presenceQueue.remove(jobId);
          await presenceQueue.add('grace', { workspaceId, agentId: actor.id }, { jobId, delay: config.presenceGraceSeconds * 1000, removeOnComplete: true, removeOnFail: 100 });
        }
      } catch (error) {
        logger.error({ err: error }, 'agent disconnect bookkeeping failed');
      }
    });

    markConnected(
      (async () => {
        try {
          await routing.addSocket(workspaceId, actor.id, socket.id, nodeId);
          await nodes.trackAgent(nodeId, workspaceId, actor.id);
          await presenceQueue.remove(presenceGraceJobId(workspaceId, actor.id));
          const profile = await loadRoutingProfile(db, workspaceId, actor.id);
          const presence = await chat.registerAgent(workspaceId, { id: actor.id, active: profile?.active ?? false, receptionLimit: profile?.receptionLimit ?? null, groupIds: profile?.groupIds ?? [] });
          for (const c of await conversations.listForAgent(workspaceId, actor.id, 0)) socket.join(convRoom(c.id));
          socket.emit('presence', presence);
        } catch (error) {
          logger.error({ err: error }, 'agent connect bookkeeping failed');
        }
      })(),
    );
  });

  attachMonitorNamespace(monitorNs, { db, chat, conversations, monitoring, routing, notifier, authSecret: config.authSecret, tags: tools.tags });

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
      stopMetrics();
      recovery.stop();
      clearInterval(heartbeat);
      for (const ns of [visitorNs, agentNs]) for (const socket of ns.sockets.values()) socket.removeAllListeners('disconnect');
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled([presenceQueue.close(), timerQueue.close(), pub.quit(), sub.quit(), settingsSub.quit()]);
    },
    async close() {
      if (closed) return;
      closed = true;
      stopMetrics();
      recovery.stop();
      clearInterval(heartbeat);
      await fanout.close();
      chat.dispose();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await nodes.leave(nodeId).catch(() => {});
      await lastSeen.flush();
      await Promise.allSettled([presenceQueue.close(), timerQueue.close()]);
      await Promise.allSettled([pub.quit(), sub.quit(), settingsSub.quit()]);
    },
  };
}

function socketNotifier(visitorNs: Namespace, agentNs: Namespace): ChatNotifier {
  return {
    toVisitor: (visitorId, event, payload) => void visitorNs.to(visitorRoom(visitorId)).emit(event, payload),
    toAgent: (agentId, event, payload) => void agentNs.to(agentRoom(agentId)).emit(event, payload),
    toConversation(conversationId, event, payload) {
      visitorNs.to(convRoom(conversationId)).emit(event, payload);
      agentNs.to(convRoom(conversationId)).emit(event, payload);
    },
    joinAgent: (agentId, conversationId) => agentNs.in(agentRoom(agentId)).socketsJoin(convRoom(conversationId)),
    leaveAgent: (agentId, conversationId) => agentNs.in(agentRoom(agentId)).socketsLeave(convRoom(conversationId)),
    disconnectAgent: (agentId) => agentNs.in(agentRoom(agentId)).disconnectSockets(true),
    toStaff: (workspaceId, event, payload) => void agentNs.to(staffRoom(workspaceId)).emit(event, payload),
  };
}

/** Widget key -> workspace id, cached briefly: every visitor handshake needs it. */
function cachedWorkspaceLookup(db: Db) {
  const cache = new Map<string, { id: string | null; at: number }>();
  const TTL_MS = 60_000;
  return async (widgetKey: string): Promise<string | null> => {
    const hit = cache.get(widgetKey);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.id;
    const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.widgetKey, widgetKey));
    const id = row?.id ?? null;
    cache.set(widgetKey, { id, at: Date.now() });
    return id;
  };
}
