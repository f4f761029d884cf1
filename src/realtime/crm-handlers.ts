import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { ChatAftercare } from '../domain/chat/aftercare';
import type { ChatEventPublisher } from '../domain/chat/events';
import type { StaffActor } from '../domain/chat/types';
import type { ConversationService } from '../domain/conversations/service';
import type { CustomerService } from '../domain/crm/service';
import { identityOutcome } from '../domain/crm/verify';
import type { SettingsService } from '../domain/settings/service';
import { AppError } from '../lib/errors';
import { onAgent, onVisitor } from './handler';

/**
 * Socket events of issue 5 (F2 customer panel, F8 ratings) and the handshake's identity step. Kept out
 * of server.ts, which wires them in; docs/protocol.md documents them with the rest.
 */


/** Identity fields of the visitor handshake (`auth`), all optional; validated and capped here. */
export const VisitorIdentity = z.object({
  partnerId: z.string().trim().min(1).max(200).optional().catch(undefined),
  partnerIdHash: z.string().trim().max(200).optional().catch(undefined),
  name: z.string().trim().max(100).optional().catch(undefined),
  email: z.string().trim().max(200).optional().catch(undefined),
  phone: z.string().trim().max(50).optional().catch(undefined),
  params: z.record(z.string(), z.unknown()).optional().catch(undefined),
});
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;

export interface CrmContext {
  customers: CustomerService;
  aftercare: ChatAftercare;
  /** `rating.submitted` goes out here (the aftercare tells the agent, when agents may see results). */
  events: ChatEventPublisher;
  settings: SettingsService;
  conversations: ConversationService;
}

/**
 * Handshake step before a visitor identity is created: with mandatory verification a partnerid without
 * a valid `partnerIdHash` is refused. Returns the error message for `next(new Error(...))`, or null.
 */
export async function checkIdentity(ctx: CrmContext, workspaceId: string, auth: unknown): Promise<{ refusal: string | null; verified: boolean; identity: VisitorIdentity }> {
  const identity = VisitorIdentity.parse(auth ?? {});
  if (!identity.partnerId) return { refusal: null, verified: false, identity };
  const autoSave = await ctx.settings.value(workspaceId, 'autoSave');
  const secret = autoSave.verification === 'off' ? '' : ((await ctx.customers.workspaceSecret(workspaceId)) ?? '');
  const outcome = identityOutcome(autoSave.verification, secret, identity.partnerId, identity.partnerIdHash);
  if (outcome.kind === 'refused') return { refusal: `identity_unverified: ${outcome.reason}`, verified: false, identity };
  return { refusal: null, verified: outcome.kind === 'identified' && outcome.verified, identity };
}

/**
 * Handshake step after the visitor is known: save/update the customer (auto-save on + partnerid) or stay
 * anonymous. A visitor created by this handshake (`isNew`) has no customer link to forget.
 */
export async function saveIdentity(
  ctx: CrmContext,
  workspaceId: string,
  visitor: { visitorId: string; isNew: boolean },
  identity: VisitorIdentity,
  verified: boolean,
  /** Whether the visitor is linked to a partnerid customer, when the handshake just read it (else unknown). */
  partnerLinked?: boolean,
): Promise<void> {
  const { visitorId } = visitor;
  const autoSave = await ctx.settings.value(workspaceId, 'autoSave');
  if (!identity.partnerId) {
    if (!visitor.isNew && partnerLinked !== false) await ctx.customers.forgetVisitor(workspaceId, visitorId);
    // Issue 21 item 7: `identify` with name and a valid email but no partnerid makes the visitor a contact.
    const email = identity.email && z.email().safeParse(identity.email).success ? identity.email : null;
    if (autoSave.enabled && email) {
      await ctx.customers.identifyContact(workspaceId, visitorId, { name: identity.name, email });
      await ctx.customers.linkOpenConversations(workspaceId, visitorId);
    }
    return;
  }
  if (!autoSave.enabled) return;
  await ctx.customers.identify(workspaceId, visitorId, { ...identity, partnerId: identity.partnerId, verified });
  await ctx.customers.linkOpenConversations(workspaceId, visitorId);
  // Answers the visitor gave in the pre-chat form before signing in belong to the customer too.
  await ctx.customers.adoptPrechatAnswers(workspaceId, visitorId);
}

/** /visitor: `rating.get`, `rating.submit`. */
export function registerVisitorCrm(socket: Socket, ctx: CrmContext, workspaceId: string, visitorId: string): void {
  const own = async (conversationId: string) => {
    const conversation = await ctx.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.visitorId !== visitorId) throw new AppError('forbidden', 'Not your conversation');
    return conversation;
  };
  onVisitor(socket, 'rating.get', async ({ conversationId }) => {
    await own(conversationId);
    return { state: await ctx.aftercare.satisfaction.state(workspaceId, conversationId) };
  });
  onVisitor(socket, 'rating.submit', async ({ conversationId, ...input }) => {
    await own(conversationId);
    const { rating, overwritten } = await ctx.aftercare.satisfaction.submit(workspaceId, visitorId, conversationId, input);
    await ctx.events.publish('rating.submitted', { workspaceId, rating });
    const { agentId: _agent, groupId: _group, ...visible } = rating;
    return { rating: visible, overwritten };
  });
}

/** /agent: `rating.invite`, `customer.get`. Rating data only for staff allowed to see results. */
export function registerAgentCrm(socket: Socket, ctx: CrmContext, workspaceId: string, actor: StaffActor, isParticipant: (conversationId: string) => boolean): void {
  onAgent(socket, 'rating.invite', async ({ conversationId }) => {
    if (!isParticipant(conversationId)) throw new AppError('forbidden', 'Not your conversation');
    return ctx.aftercare.inviteRating(workspaceId, conversationId, 'agent');
  });
  onAgent(socket, 'customer.get', async ({ conversationId }) => {
    const conversation = await ctx.conversations.canStaffAccess(workspaceId, conversationId, actor);
    if (!conversation) throw new AppError('forbidden', 'Not your conversation');
    const ratingsVisible = await ctx.aftercare.satisfaction.canSeeResults(workspaceId, actor);
    // This chat's own rating (anonymous visitors too, issue 21), for staff who may see ratings.
    const [customer, rating] = await Promise.all([
      ctx.customers.forConversation(workspaceId, conversationId),
      ratingsVisible ? ctx.aftercare.satisfaction.forConversation(workspaceId, conversationId) : Promise.resolve(null),
    ]);
    if (!customer) return { customer: null, conversations: [], ratings: null, ratingsVisible, rating };
    const [history, ratings] = await Promise.all([
      ctx.customers.conversations(workspaceId, customer.id),
      ratingsVisible ? ctx.aftercare.satisfaction.forCustomer(workspaceId, customer.id) : Promise.resolve(null),
    ]);
    return { customer, conversations: history, ratings, ratingsVisible, rating };
  });
}
