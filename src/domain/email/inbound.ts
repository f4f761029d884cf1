import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import PostalMime from 'postal-mime';
import type { Db } from '../../db/client';
import { conversations, emailOutbox } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { AttachmentService } from '../attachments/service';
import type { ChatService } from '../chat/service';
import type { ConversationService } from '../conversations/service';
import type { MessageDto } from '../conversations/types';
import { stripQuotedText } from './quoted-text';
import { verifyReplyToken } from './reply-address';

export interface InboundDeps {
  db: Db;
  authSecret: string;
  chat: ChatService;
  conversations: ConversationService;
  attachments: AttachmentService;
  log: (level: 'info' | 'warn', fields: Record<string, unknown>, message: string) => void;
}

export interface InboundResult {
  conversationId: string;
  message: MessageDto;
  /** True when the replied-to conversation had ended and the reply started a new one. */
  newConversation: boolean;
  /** Attachments the attachment store refused (type, size, files turned off). */
  refusedFiles: string[];
}

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@/gi;

/** Conversation of a Message-ID we sent (`<outbox row id@domain>`, key `visitor:<conversation>:…`). */
async function byThreadHeaders(db: Db, headerValues: string[]): Promise<string | null> {
  const ids = [...new Set(headerValues.flatMap((v) => [...v.matchAll(UUID)].map((m) => m[1].toLowerCase())))];
  for (const id of ids.reverse()) {
    const [row] = await db.select({ key: emailOutbox.idempotencyKey }).from(emailOutbox).where(eq(emailOutbox.id, id));
    const match = row && /^visitor:([0-9a-f-]{36}):/.exec(row.key);
    if (match) return match[1];
  }
  return null;
}

/**
 * An email reply from a visitor (`POST /api/email/inbound`, raw MIME): the conversation is the one of the
 * signed `reply+<token>@` recipient, else the one whose visitor email the In-Reply-To / References name. A
 * `reply+` address with a bad signature is refused (unauthorized) and nothing is appended; no conversation
 * found is not_found. The new text (quotes and signature stripped) and the files become the visitor's message
 * through the chat use case, so agents, sockets and webhooks see it like a widget message. A reply to an
 * ended chat starts a new conversation for the same visitor, routed as the workspace's reception mode says.
 * The same mail posted twice is one message (clientMsgId from its Message-ID).
 */
export async function receiveInboundMail(deps: InboundDeps, raw: ArrayBuffer | string): Promise<InboundResult> {
  const mail = await PostalMime.parse(raw);
  const recipients = [...(mail.to ?? []), ...(mail.cc ?? []), ...(mail.deliveredTo ? [{ address: mail.deliveredTo }] : [])]
    .map((a) => ('address' in a ? a.address : undefined))
    .filter((a): a is string => Boolean(a));
  for (const header of mail.headers) if (header.key === 'x-original-to' || header.key === 'envelope-to') recipients.push(header.value);

  let conversationId: string | null = null;
  for (const address of recipients.filter((a) => /reply\+/i.test(a))) {
    const verdict = verifyReplyToken(deps.authSecret, address);
    if (verdict && 'forged' in verdict) {
      deps.log('warn', { to: address, from: mail.from?.address, messageId: mail.messageId }, 'inbound email refused: forged reply token');
      throw new AppError('unauthorized', 'This reply address is not valid');
    }
    if (verdict) conversationId = verdict.conversationId;
  }
  conversationId ??= await byThreadHeaders(deps.db, [mail.inReplyTo ?? '', mail.references ?? '']);
  const [row] = conversationId
    ? await deps.db.select({ workspaceId: conversations.workspaceId, visitorId: conversations.visitorId }).from(conversations).where(eq(conversations.id, conversationId))
    : [];
  if (!row || !conversationId) {
    deps.log('warn', { to: recipients, from: mail.from?.address, messageId: mail.messageId }, 'inbound email refused: no conversation found');
    throw new AppError('not_found', 'No conversation found for this email');
  }
  const { workspaceId, visitorId } = row;

  let target = (await deps.conversations.get(workspaceId, conversationId))!;
  let newConversation = false;
  if (target.status === 'ended') {
    const latest = await deps.conversations.latestForVisitor(workspaceId, visitorId);
    if (latest && latest.status !== 'ended') target = latest;
    else {
      target = (await deps.chat.start.startConversation(workspaceId, visitorId, { channel: target.channel, entryUrl: null, designated: null })).conversation;
      newConversation = true;
    }
  }

  const uploader = { type: 'visitor' as const, id: visitorId };
  const attachmentIds: string[] = [];
  const refusedFiles: string[] = [];
  for (const file of mail.attachments ?? []) {
    if (file.disposition === 'inline' && file.contentId && !file.filename) continue; // images of a signature
    const name = file.filename || 'attachment';
    const data = typeof file.content === 'string' ? Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8') : Buffer.from(file.content as Uint8Array);
    try {
      attachmentIds.push((await deps.attachments.upload(workspaceId, uploader, target.id, name, data)).id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusedFiles.push(name);
    }
  }
  const text = stripQuotedText(mail.text ?? htmlToText(mail.html ?? ''));
  const body = [text || (attachmentIds.length ? '' : '(empty email)'), ...refusedFiles.map((f) => `[file not accepted: ${f}]`)].filter(Boolean).join('\n');
  const clientMsgId = `email:${createHash('sha256').update(mail.messageId ?? Buffer.from(typeof raw === 'string' ? raw : new Uint8Array(raw)).toString('base64')).digest('hex').slice(0, 40)}`;
  const message = await deps.chat.messages.visitorMessage(workspaceId, visitorId, target.id, body, clientMsgId, attachmentIds.length ? attachmentIds : undefined);
  deps.log('info', { workspaceId, conversationId: target.id, messageId: message.id, files: attachmentIds.length }, 'inbound email appended');
  return { conversationId: target.id, message, newConversation, refusedFiles };
}

function htmlToText(html: string): string {
  return html
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
