import type { LastSeenBatcher } from '../domain/conversations/last-seen';
import { HISTORY_PAGE } from '../domain/conversations/rows';
import type { ConversationService } from '../domain/conversations/service';
import type { ConversationDto, MessageDto } from '../domain/conversations/types';
import { emailTranscript } from '../domain/email/visitor-transcript';
import { recordVisitorSeen } from '../domain/email/unseen-replies';
import type { VisitorGate } from '../domain/security/visitor-gate';
import { rooms } from '../infra/rooms';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { RealtimeContext } from './context';
import { registerVisitorCrm } from './crm-handlers';
import { limitEvents, onVisitor } from './handler';
import { registerSneakPeek } from './sneak-peek';
import { registerSync } from './sync-handlers';
import { handshakeCarry, visitorHandshake, type VisitorData } from './visitor-handshake';
import { recordDevice, registerVisitorTools } from './visitor-tools';

export type { VisitorData } from './visitor-handshake';

/** The /visitor namespace: a visitor's chat, submissions, ratings and page reports. */
export function registerVisitorNamespace(ctx: RealtimeContext, lastSeen: LastSeenBatcher, gate: VisitorGate): void {
  const { app, visitorNs, agentNs } = ctx;
  const { chat, conversations, submissions, routing } = app;
  visitorNs.use(visitorHandshake(ctx, lastSeen, gate));

  visitorNs.on('connection', async (socket) => {
    const { workspaceId, visitorId, token, isNew, resume } = socket.data as VisitorData;
    const carry = handshakeCarry(socket);
    carry?.connected();
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
    // Presence was written by the handshake's round trip (visitor-handshake.ts).

    // Restore the visitor's latest conversation (identity and history survive reloads and reconnects).
    try {
      // A visitor created by this handshake has no conversation or pending offer yet: no reads.
      const latest = isNew ? null : carry?.latest !== undefined ? carry.latest : ((await conversations.returningVisitor(workspaceId, visitorId))?.latest ?? null);
      const conversation = latest?.conversation ?? null;
      if (conversation && conversation.status !== 'ended') socket.join(rooms.conversation(conversation.id));
      const { messages, since } = latest ? await restoredMessages(conversations, workspaceId, latest, resume) : { messages: [], since: null };
      const [queue, offer] = await Promise.all([
        conversation?.status === 'queued' ? chat.queue.status(workspaceId, conversation.id, 'update') : null,
        submissions.offerFromStored(workspaceId, carry?.offer ?? null),
      ]);
      socket.emit('session', { visitorId, token, conversation, messages, since, queue, offer, prechatNeeded: await app.prechat.needed(workspaceId, visitorId) });
    } catch (error) {
      logger.error({ err: error }, 'visitor session restore failed');
      socket.emit('session', { visitorId, token, conversation: null, messages: [], queue: null, offer: null });
    }
  });
}

/**
 * The messages the widget lacks (issue 27). With `resume` naming this conversation and a `lastSeq` at most
 * one page behind, only the messages after it (`since`: the widget merges); otherwise the newest page
 * (`since` null: the widget replaces its list). An open conversation is always read after the socket joined
 * its room, so a message committed in between is either read here or delivered live; an ended one whose
 * last seq the widget already holds needs no read at all.
 */
async function restoredMessages(
  conversations: ConversationService,
  workspaceId: string,
  latest: { conversation: ConversationDto; lastSeq: number },
  resume: VisitorData['resume'],
): Promise<{ messages: MessageDto[]; since: number | null }> {
  const { conversation, lastSeq } = latest;
  const behind = resume && resume.conversationId === conversation.id && resume.lastSeq <= lastSeq ? lastSeq - resume.lastSeq : null;
  if (behind === null || behind > HISTORY_PAGE) return { messages: await conversations.history(workspaceId, conversation.id), since: null };
  if (behind === 0 && conversation.status === 'ended') return { messages: [], since: resume!.lastSeq };
  return { messages: await conversations.history(workspaceId, conversation.id, { afterSeq: resume!.lastSeq }), since: resume!.lastSeq };
}
