import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io';
import type { Db } from '../db/client';
import { workspaces } from '../db/schema';
import { LastSeenBatcher } from '../domain/conversations/last-seen';
import { emailTranscript } from '../domain/email/visitor-transcript';
import { recordVisitorSeen } from '../domain/email/unseen-replies';
import { socketOriginAllowed } from '../domain/settings/schemas-widget';
import type { VisitorGate } from '../domain/security/visitor-gate';
import { VisitorIdentities } from '../domain/visitors/identity';
import { rooms } from '../infra/rooms';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { signVisitorToken, verifyVisitorToken } from '../lib/tokens';
import type { RealtimeContext } from './context';
import { checkIdentity, registerVisitorCrm, saveIdentity } from './crm-handlers';
import { limitEvents, onVisitor } from './handler';
import { AdmissionRate, handshakeLimited } from './limits';
import { VisitorAuth } from './protocol';
import { registerSneakPeek } from './sneak-peek';
import { registerSync } from './sync-handlers';
import { recordDevice, registerVisitorTools } from './visitor-tools';

export interface VisitorData {
  workspaceId: string;
  visitorId: string;
  token: string;
  /** Created by this handshake: nothing to restore (reconnect storms: no reads for new visitors). */
  isNew: boolean;
}

type Middleware = (socket: Socket, next: (err?: Error) => void) => void;

/**
 * The visitor handshake: widget key and origin, abuse limits, mandatory identity verification (F2), then
 * who the visitor is (domain/visitors/identity.ts: token of this workspace, revocation, bans) and a fresh
 * token (sliding renewal: the widget keeps the newest).
 */
export function visitorHandshake(ctx: RealtimeContext, lastSeen: LastSeenBatcher, gate: VisitorGate): Middleware {
  const { app } = ctx;
  const workspaceByKey = cachedWorkspaceLookup(app.db);
  const identities = new VisitorIdentities(gate, app.conversations, lastSeen);
  const admission = new AdmissionRate(ctx.limits.config.visitorAdmissionsPerSecondPerNode);
  return async (socket, next) => {
    try {
      const auth = VisitorAuth.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error('bad_request: widgetKey is required'));
      // This node's pace first (no I/O): a reconnect storm after a node crash is admitted gradually.
      const busy = admission.admit();
      if (busy) return next(busy);
      const ipLimited = await handshakeLimited(ctx.limits, { ip: ctx.socketIp(socket) });
      if (ipLimited) return next(ipLimited);
      const workspaceId = await workspaceByKey(auth.data.widgetKey);
      if (!workspaceId) return next(new Error('unauthorized: unknown widget key'));
      // A valid token of this workspace is a returning visitor: the per-key limit counts new visitors only
      // (revocation and bans are checked below, in identities.resolve).
      const claims = auth.data.token ? await verifyVisitorToken(ctx.authSecret, auth.data.token) : null;
      if (claims?.wid !== workspaceId) {
        const keyLimited = await handshakeLimited(ctx.limits, { newVisitorOfKey: auth.data.widgetKey });
        if (keyLimited) return next(keyLimited);
      }
      const { allowedDomains } = await app.settings.value(workspaceId, 'widget');
      if (!socketOriginAllowed(allowedDomains, ctx.corsOrigins, socket.handshake.headers.origin)) return next(new Error('forbidden: this website may not use the chat'));
      // F2: mandatory identity verification refuses a partnerid without a valid partnerIdHash.
      const identity = await checkIdentity(ctx.crm, workspaceId, socket.handshake.auth);
      if (identity.refusal) return next(new Error(identity.refusal));
      const visitor = await identities.resolve(workspaceId, claims, { ip: ctx.socketIp(socket), name: auth.data.name });
      if (visitor.kind === 'refused') return next(new Error(visitor.refusal));
      const { visitorId, isNew } = visitor;
      const token = await signVisitorToken(ctx.authSecret, { vid: visitorId, wid: workspaceId, tv: visitor.tokenVersion });
      await saveIdentity(ctx.crm, workspaceId, visitor, identity.identity, identity.verified);
      socket.data = { workspaceId, visitorId, token, isNew } satisfies VisitorData;
      next();
    } catch (error) {
      logger.error({ err: error }, 'visitor handshake failed');
      next(new Error('internal: handshake failed'));
    }
  };
}

/** The /visitor namespace: a visitor's chat, submissions, ratings and page reports. */
export function registerVisitorNamespace(ctx: RealtimeContext, lastSeen: LastSeenBatcher, gate: VisitorGate): void {
  const { app, visitorNs, agentNs } = ctx;
  const { chat, conversations, submissions, routing } = app;
  visitorNs.use(visitorHandshake(ctx, lastSeen, gate));

  visitorNs.on('connection', async (socket) => {
    const { workspaceId, visitorId, token, isNew } = socket.data as VisitorData;
    limitEvents(socket, ctx.limits, {
      'message.send': { bucket: 'message', key: `v:${visitorId}` },
      typing: { bucket: 'typing', key: `v:${visitorId}` },
      'submission.create': { bucket: 'submission', key: `v:${visitorId}` },
      'submission.append': { bucket: 'submission', key: `v:${visitorId}` },
      'transcript.email': { bucket: 'submission', key: `v:${visitorId}` },
      'conversation.seen': { bucket: 'typing', key: `v:${visitorId}` },
      'visitor.language': { bucket: 'typing', key: `v:${visitorId}` },
    });
    registerVisitorCrm(socket, ctx.crm, workspaceId, visitorId);
    registerVisitorTools(socket, app.tools, workspaceId, visitorId);
    registerSneakPeek(socket, ctx, workspaceId); // F17
    onVisitor(socket, 'greeting.shown', async (input) => app.greetings.shown(workspaceId, visitorId, input.ruleId));
    void recordDevice(app.tools, socket, workspaceId, visitorId, ctx.socketIp(socket));
    socket.join(rooms.visitor(visitorId));

    const requireOwn = (conversationId: string) => {
      if (!socket.rooms.has(rooms.conversation(conversationId))) throw new AppError('forbidden', 'Not your conversation');
    };

    onVisitor(socket, 'chat.start', async (input) => {
      const result = await chat.start.startFromWidget(workspaceId, visitorId, input);
      visitorNs.in(rooms.visitor(visitorId)).socketsJoin(rooms.conversation(result.conversation.id));
      socket.join(rooms.conversation(result.conversation.id));
      return result;
    });
    onVisitor(socket, 'message.send', async (input) => {
      requireOwn(input.conversationId);
      return { message: await chat.messages.visitorMessage(workspaceId, visitorId, input.conversationId, input.body, input.clientMsgId, input.attachmentIds) };
    });
    onVisitor(socket, 'typing', async (input) => {
      requireOwn(input.conversationId);
      agentNs.to(rooms.conversation(input.conversationId)).emit('typing', { conversationId: input.conversationId, typing: input.typing });
      return {};
    });
    onVisitor(socket, 'chat.end', async (input) => {
      requireOwn(input.conversationId);
      return { conversation: await chat.lifecycle.endConversation(workspaceId, input.conversationId, 'visitor') };
    });
    onVisitor(socket, 'transcript.email', async (input) => {
      requireOwn(input.conversationId);
      return emailTranscript(
        { db: app.db, conversations, settings: app.settings, config: { authSecret: ctx.authSecret, fromAddress: env().MAIL_FROM, inboundDomain: env().EMAIL_INBOUND_DOMAIN } },
        { workspaceId, visitorId, conversationId: input.conversationId, email: input.email || undefined },
      );
    });
    // F15: read marks (agent messages seen here are not emailed) and the site's widget language (visitor emails).
    onVisitor(socket, 'conversation.seen', async (input) => recordVisitorSeen(app.db, workspaceId, visitorId, input.conversationId, input.seq));
    onVisitor(socket, 'visitor.language', async (input) => {
      await app.tools.context.recordWidgetLanguage(workspaceId, visitorId, input.lang);
      return { lang: input.lang };
    });
    onVisitor(socket, 'submission.create', async (input) => {
      return { submission: await submissions.create(workspaceId, visitorId, input.fields) };
    });
    onVisitor(socket, 'submission.append', async (input) => submissions.append(workspaceId, visitorId, input.submissionId, input.body));
    onVisitor(socket, 'submissions.list', async () => ({ submissions: await submissions.forVisitor(workspaceId, visitorId) }));
    registerSync(socket, { workspaceId, conversations, canRead: async (id) => (await conversations.get(workspaceId, id))?.visitorId === visitorId });
    onVisitor(socket, 'history', async (input) => {
      const conversation = await conversations.get(workspaceId, input.conversationId);
      if (!conversation || conversation.visitorId !== visitorId) throw new AppError('forbidden', 'Not your conversation');
      return { messages: await conversations.history(workspaceId, input.conversationId, input) };
    });

    // Visitor presence (offline messages, F10): a socket per visitor on this node, removed on disconnect.
    // A visitor whose chat still waits and who is gone for the grace period leaves as abandoned (issue 21).
    socket.on('disconnect', () =>
      void routing
        .removeVisitorSocket(workspaceId, visitorId, socket.id)
        .then(() => chat.abandonment.visitorDisconnected(workspaceId, visitorId))
        .catch((error) => logger.warn({ err: error }, 'visitor disconnect bookkeeping failed')),
    );
    await routing.addVisitorSocket(workspaceId, visitorId, socket.id, ctx.nodeId).catch((error) => logger.error({ err: error }, 'visitor presence failed'));

    // Restore the visitor's latest conversation (identity and history survive reloads and reconnects).
    try {
      // A visitor created by this handshake has no conversation or pending offer yet: no reads.
      const conversation = isNew ? null : await conversations.latestForVisitor(workspaceId, visitorId);
      if (conversation && conversation.status !== 'ended') socket.join(rooms.conversation(conversation.id));
      const messages = conversation ? await conversations.history(workspaceId, conversation.id) : [];
      const [queue, offer] = await Promise.all([
        conversation?.status === 'queued' ? chat.queue.status(workspaceId, conversation.id, 'update') : null,
        isNew ? null : submissions.pendingOffer(workspaceId, visitorId),
      ]);
      socket.emit('session', { visitorId, token, conversation, messages, queue, offer, prechatNeeded: await app.prechat.needed(workspaceId, visitorId) });
    } catch (error) {
      logger.error({ err: error }, 'visitor session restore failed');
      socket.emit('session', { visitorId, token, conversation: null, messages: [], queue: null, offer: null });
    }
  });
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
