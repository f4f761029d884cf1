import { and, asc, eq, inArray } from 'drizzle-orm';
import { attachments, conversations, messages, ratings, submissionMessages, submissions, tags, conversationTags, users, visitorDevices, visitorPages, visitors } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { MessageDto } from '../conversations/types';
import type { PrivacyDeps } from './ports';
import { customerScope } from './scope';

/** Format version of the export file (bump when fields change meaning). */
export const EXPORT_FORMAT = 'livechat.customer-export.v1';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Everything the workspace holds about one customer (GDPR art. 15 / 20, CCPA "right to know"), as one JSON
 * document: profile, every browser identity (visitor) with its device and pages, conversations with all
 * messages, ratings and tags, offline messages (submissions), and attachments with signed download links
 * (short-lived, like every link: the export says until when). Whispers and agent notes are internal and
 * not about what the customer said; they are not included.
 */
export async function exportCustomer(deps: PrivacyDeps, workspaceId: string, customerId: string) {
  const { db } = deps;
  const scope = await customerScope(db, workspaceId, customerId);
  if (!scope) throw new AppError('not_found', 'Customer not found');
  const { customer, visitorIds, conversationIds } = scope;

  const [visitorRows, devices, pages, conversationRows, messageRows, ratingRows, tagRows, attachmentRows, submissionRows] = await Promise.all([
    visitorIds.length ? db.select().from(visitors).where(and(eq(visitors.workspaceId, workspaceId), inArray(visitors.id, visitorIds))) : [],
    visitorIds.length ? db.select().from(visitorDevices).where(and(eq(visitorDevices.workspaceId, workspaceId), inArray(visitorDevices.visitorId, visitorIds))) : [],
    visitorIds.length ? db.select().from(visitorPages).where(and(eq(visitorPages.workspaceId, workspaceId), inArray(visitorPages.visitorId, visitorIds))).orderBy(asc(visitorPages.createdAt)) : [],
    conversationIds.length
      ? db
          .select({ c: conversations, agentName: users.name })
          .from(conversations)
          .leftJoin(users, eq(users.id, conversations.agentId))
          .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, conversationIds)))
          .orderBy(asc(conversations.startedAt))
      : [],
    conversationIds.length
      ? db
          .select({ m: messages, agentName: users.name })
          .from(messages)
          .leftJoin(users, eq(users.id, messages.senderId))
          .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.conversationId, conversationIds)))
          .orderBy(asc(messages.conversationId), asc(messages.seq))
      : [],
    conversationIds.length ? db.select().from(ratings).where(and(eq(ratings.workspaceId, workspaceId), inArray(ratings.conversationId, conversationIds))) : [],
    conversationIds.length
      ? db
          .select({ conversationId: conversationTags.conversationId, name: tags.name })
          .from(conversationTags)
          .innerJoin(tags, eq(tags.id, conversationTags.tagId))
          .where(and(eq(tags.workspaceId, workspaceId), inArray(conversationTags.conversationId, conversationIds)))
      : [],
    conversationIds.length ? db.select().from(attachments).where(and(eq(attachments.workspaceId, workspaceId), inArray(attachments.conversationId, conversationIds))) : [],
    visitorIds.length ? db.select().from(submissions).where(and(eq(submissions.workspaceId, workspaceId), inArray(submissions.visitorId, visitorIds))).orderBy(asc(submissions.createdAt)) : [],
  ]);
  const submissionIds = submissionRows.map((s) => s.id);
  const submissionMessageRows = submissionIds.length ? await db.select().from(submissionMessages).where(inArray(submissionMessages.submissionId, submissionIds)).orderBy(asc(submissionMessages.createdAt)) : [];

  // Messages per conversation, with their attachments and fresh signed links.
  const byConversation = new Map<string, MessageDto[]>();
  for (const { m, agentName } of messageRows) {
    const list = byConversation.get(m.conversationId) ?? [];
    list.push({ id: m.id, conversationId: m.conversationId, seq: m.seq, senderType: m.senderType, senderId: m.senderId, senderName: m.senderType === 'agent' ? agentName : null, body: m.body, clientMsgId: m.clientMsgId, createdAt: m.createdAt.toISOString() });
    byConversation.set(m.conversationId, list);
  }
  for (const [conversationId, list] of byConversation) byConversation.set(conversationId, await deps.decorate(workspaceId, conversationId, list));
  const linked = new Map<string, { url: string; thumbUrl: string | null }>();
  for (const list of byConversation.values()) for (const m of list) for (const a of m.attachments ?? []) linked.set(a.id, { url: a.url, thumbUrl: a.thumbUrl });

  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    customer: {
      id: customer.id,
      partnerId: customer.partnerId,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      params: customer.params,
      verified: customer.verified,
      visits: customer.visits,
      firstSeenAt: iso(customer.createdAt),
      lastSeenAt: iso(customer.lastSeenAt),
    },
    visitors: visitorRows.map((v) => {
      const device = devices.find((d) => d.visitorId === v.id);
      return {
        id: v.id,
        name: v.name,
        email: v.email,
        phone: v.phone,
        notes: v.notes,
        vip: v.vip,
        tags: v.tags,
        prechat: v.prechat,
        firstSeenAt: iso(v.createdAt),
        lastSeenAt: iso(v.lastSeenAt),
        device: device ? { userAgent: device.userAgent, language: device.language, timeZone: device.timeZone, ip: device.ip, visits: device.visits } : null,
        pages: pages.filter((p) => p.visitorId === v.id).map((p) => ({ url: p.url, title: p.title, at: iso(p.createdAt) })),
      };
    }),
    conversations: conversationRows.map(({ c, agentName }) => {
      const rating = ratingRows.find((r) => r.conversationId === c.id);
      return {
        id: c.id,
        status: c.status,
        channel: c.channel,
        entryUrl: c.entryUrl,
        agent: agentName,
        startedAt: iso(c.startedAt),
        endedAt: iso(c.endedAt),
        endedBy: c.endedBy,
        tags: tagRows.filter((t) => t.conversationId === c.id).map((t) => t.name),
        rating: rating ? { score: rating.score, scale: rating.scale, label: rating.label, tags: rating.tags, comment: rating.comment, solved: rating.solved, at: iso(rating.updatedAt) } : null,
        messages: (byConversation.get(c.id) ?? []).map((m) => ({ seq: m.seq, from: m.senderType, senderName: m.senderName, body: m.body, at: m.createdAt, attachments: (m.attachments ?? []).map((a) => a.id) })),
        attachments: attachmentRows
          .filter((a) => a.conversationId === c.id)
          .map((a) => ({ id: a.id, name: a.name, mime: a.mime, size: a.size, uploadedBy: a.uploaderType, at: iso(a.createdAt), url: linked.get(a.id)?.url ?? null, thumbUrl: linked.get(a.id)?.thumbUrl ?? null })),
      };
    }),
    offlineMessages: submissionRows.map((s) => ({
      id: s.id,
      number: s.number,
      status: s.status,
      channel: s.channel,
      fields: s.fields,
      createdAt: iso(s.createdAt),
      thread: submissionMessageRows.filter((m) => m.submissionId === s.id).map((m) => ({ from: m.authorType, body: m.body, at: iso(m.createdAt) })),
    })),
    linksExpire: 'Attachment links are signed and expire after a short time; export again for fresh ones.',
  };
}

export type CustomerExport = Awaited<ReturnType<typeof exportCustomer>>;
