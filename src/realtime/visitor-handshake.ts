import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io';
import type { Db } from '../db/client';
import { workspaces } from '../db/schema';
import type { LastSeenBatcher } from '../domain/conversations/last-seen';
import type { ReturningVisitorRow } from '../domain/conversations/rows';
import { VISITOR_SOCKETS_TTL_SECONDS } from '../domain/routing/engine-core';
import type { VisitorGate } from '../domain/security/visitor-gate';
import { socketOriginAllowed } from '../domain/settings/schemas-widget';
import { VisitorIdentities } from '../domain/visitors/identity';
import { rooms } from '../infra/rooms';
import { logger } from '../lib/logger';
import { verifyVisitorToken, visitorTokenFor } from '../lib/tokens';
import type { RealtimeContext } from './context';
import { checkIdentity, saveIdentity } from './crm-handlers';
import { handshakeRoundTrip } from './handshake-round-trip';
import { AdmissionRate } from './limits';
import { VisitorAuth } from './protocol';

export interface VisitorData {
  workspaceId: string;
  visitorId: string;
  token: string;
  /** Created by this handshake: nothing to restore (reconnect storms: no reads for new visitors). */
  isNew: boolean;
  /** What the widget already holds (`auth.conversationId` + `auth.lastSeq`), or null: send the newest page. */
  resume: { conversationId: string; lastSeq: number } | null;
}

/** What the handshake read in its Redis round trip, for the `connection` handler (not serialised with socket.data). */
export interface HandshakeCarry {
  /** The stored leave-a-message offer (returning visitors), or null. */
  offer: string | null;
  /** The latest conversation as read by the handshake (anonymous returning visitors), or undefined: not read. */
  latest?: ReturningVisitorRow['latest'];
  /** Stops the early-close cleanup of the presence entry: the `disconnect` handler owns it from now on. */
  connected(): void;
}
const carried = new WeakMap<Socket, HandshakeCarry>();
export const handshakeCarry = (socket: Socket): HandshakeCarry | undefined => carried.get(socket);

type Middleware = (socket: Socket, next: (err?: Error) => void) => void;

/**
 * The visitor handshake: widget key and origin, mandatory identity verification (F2), who the visitor is
 * (domain/visitors/identity.ts: token of this workspace, revocation, bans; answered from the gate's cache),
 * then ONE Redis round trip (handshake-round-trip.ts: abuse limits, presence, proxy watch, pending offer),
 * and only then a new visitor's row; a fresh token (sliding renewal: the widget keeps the newest).
 */
export function visitorHandshake(ctx: RealtimeContext, lastSeen: LastSeenBatcher, gate: VisitorGate): Middleware {
  const { app } = ctx;
  const workspaceByKey = cachedWorkspaceLookup(app.db);
  const identities = new VisitorIdentities(gate, app.conversations, lastSeen);
  const admission = new AdmissionRate(ctx.limits.config.visitorAdmissionsPerSecondPerNode);
  const roundTrip = handshakeRoundTrip(app.redis);
  const ipWindow = ctx.limits.window('handshake_ip');
  const keyWindow = ctx.limits.window('handshake_key');
  return async (socket, next) => {
    let presenceWritten: { workspaceId: string; visitorId: string } | null = null;
    const forgetPresence = () => {
      if (!presenceWritten) return;
      const { workspaceId, visitorId } = presenceWritten;
      presenceWritten = null;
      void app.routing.removeVisitorSocket(workspaceId, visitorId, socket.id).catch(() => {});
    };
    try {
      const auth = VisitorAuth.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error('bad_request: widgetKey is required'));
      // This node's pace first (no I/O): a reconnect storm after a node crash is admitted gradually.
      const busy = admission.admit();
      if (busy) return next(busy);
      const workspaceId = await workspaceByKey(auth.data.widgetKey);
      if (!workspaceId) return next(new Error('unauthorized: unknown widget key'));
      const claims = auth.data.token ? await verifyVisitorToken(ctx.authSecret, auth.data.token) : null;
      const { allowedDomains } = await app.settings.value(workspaceId, 'widget');
      if (!socketOriginAllowed(allowedDomains, ctx.corsOrigins, socket.handshake.headers.origin)) return next(new Error('forbidden: this website may not use the chat'));
      // F2: mandatory identity verification refuses a partnerid without a valid partnerIdHash.
      const identity = await checkIdentity(ctx.crm, workspaceId, socket.handshake.auth);
      if (identity.refusal) return next(new Error(identity.refusal));
      const ip = ctx.socketIp(socket);
      const visitor = await identities.identify(workspaceId, claims, ip);
      if (visitor.kind === 'refused') return next(new Error(visitor.refusal));
      const { visitorId, isNew } = visitor;

      // The limits count every handshake per IP, and per widget key only NEW visitors (a valid token of this
      // workspace is a returning visitor: a node crash must not lock a large customer's visitors out).
      const peer = ctx.peerOf(socket);
      const sightingKey = ctx.addressWatch.sightingKey(ip, peer.fromPeer);
      const outcome = await roundTrip({
        ip: { window: ipWindow, key: ip },
        newVisitorOfKey: claims?.wid === workspaceId ? null : { window: keyWindow, key: auth.data.widgetKey },
        presence: { key: app.routing.visitorSocketsKey(workspaceId, visitorId), socketId: socket.id, nodeId: ctx.nodeId, ttlSeconds: VISITOR_SOCKETS_TTL_SECONDS },
        sighting: sightingKey ? { key: sightingKey, visitorId } : null,
        offerKey: isNew ? null : app.submissions.offerKey(workspaceId, visitorId),
      });
      if (!outcome.admitted) return next(outcome.refusal);
      if (outcome.presence) presenceWritten = { workspaceId, visitorId };
      if (sightingKey) void ctx.addressWatch.counted(ip, outcome.sightings, peer.forwardingIgnored).catch(() => {});

      await identities.settle(workspaceId, visitor, auth.data.name);
      // An anonymous returning visitor (no partnerid, no email: saveIdentity changes nothing shown) is read in
      // one query: latest conversation and whether a customer link must be forgotten (usually not: no write).
      const anonymous = !isNew && !identity.identity.partnerId && !identity.identity.email;
      // In the visitor's room before the read: a chat started meanwhile in another tab joins this socket too
      // (`chat.start` joins the visitor room to it). Left again by socket.io if the handshake fails.
      if (anonymous) socket.join(rooms.visitor(visitorId));
      const returning = anonymous ? await app.conversations.returningVisitor(workspaceId, visitorId) : null;
      // Re-signed only when older than an hour (sliding expiry kept, no HMAC per reconnect in a storm).
      const presented = claims && auth.data.token ? { token: auth.data.token, claims } : null;
      const token = await visitorTokenFor(ctx.authSecret, presented, { vid: visitorId, wid: workspaceId, tv: visitor.tokenVersion });
      await saveIdentity(ctx.crm, workspaceId, visitor, identity.identity, identity.verified, returning ? returning.partnerLinked : undefined);
      const { conversationId, lastSeq } = auth.data;
      const resume = !isNew && conversationId && lastSeq !== undefined ? { conversationId, lastSeq } : null;
      socket.data = { workspaceId, visitorId, token, isNew, resume } satisfies VisitorData;
      // Presence is written before the socket is connected: a client gone before `connection` (no
      // `disconnect` then) must not leave it behind.
      socket.conn.once('close', forgetPresence);
      carried.set(socket, { offer: outcome.offer, latest: returning ? returning.latest : undefined, connected: () => socket.conn.off('close', forgetPresence) });
      next();
    } catch (error) {
      forgetPresence();
      logger.error({ err: error }, 'visitor handshake failed');
      next(new Error('internal: handshake failed'));
    }
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
