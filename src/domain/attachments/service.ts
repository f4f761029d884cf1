import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attachments, conversations, messages, type AttachmentRow } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { AttachmentDto, MessageDto } from '../conversations/types';
import type { SettingsService } from '../settings/service';
import { emitWebhookEvent } from '../webhooks/outbox';
import { inspectUpload } from './inspect';
import { isInlineSafe, type AttachmentPolicy } from './policy';
import type { LinkSigner, Variant } from './signing';
import type { BlobStore } from './storage';

export interface Uploader {
  type: 'visitor' | 'agent';
  id: string;
}

export interface AttachmentConfig {
  policy: AttachmentPolicy;
  /** Lifetime of links given to browsers (history, live messages, upload previews). */
  linkTtlSeconds: number;
  /** Lifetime of links in webhook payloads (receivers fetch later, retries take up to hours). */
  webhookLinkTtlSeconds: number;
}

export interface OpenedFile {
  body: Readable;
  size: number;
  mime: string;
  name: string;
  /** Only re-encoded raster images are shown inline; everything else downloads. */
  inline: boolean;
  expiresAt: number;
}

const MAX_PER_MESSAGE = 10;

/**
 * Attachments (F11): stores uploads of a conversation's participants, links them to the message they are
 * sent with, and hands out signed short-lived links. No plain text message ever touches this service.
 */
export class AttachmentService {
  constructor(
    private readonly db: Db,
    private readonly store: BlobStore,
    private readonly signer: LinkSigner,
    private readonly settings: SettingsService,
    readonly config: AttachmentConfig,
  ) {}

  /** Stores an upload of a participant of an open conversation (the visitor, or its current agent). */
  async upload(workspaceId: string, uploader: Uploader, conversationId: string, rawName: string, data: Buffer): Promise<AttachmentDto> {
    await this.requireSender(workspaceId, uploader, conversationId);
    const inspected = await inspectUpload(data, this.config.policy);
    const id = randomUUID();
    const storageKey = `${workspaceId}/${id}`;
    const thumbKey = inspected.thumb ? `${storageKey}.thumb` : null;
    await this.store.put(storageKey, inspected.data, inspected.mime);
    if (thumbKey && inspected.thumb) await this.store.put(thumbKey, inspected.thumb, 'image/webp');
    try {
      const [row] = await this.db
        .insert(attachments)
        .values({
          id,
          workspaceId,
          conversationId,
          uploaderType: uploader.type,
          uploaderId: uploader.id,
          name: cleanName(rawName, inspected.mime),
          mime: inspected.mime,
          kind: inspected.kind,
          size: inspected.data.length,
          width: inspected.width,
          height: inspected.height,
          storageKey,
          thumbKey,
        })
        .returning();
      return this.toDto(row, this.config.linkTtlSeconds);
    } catch (error) {
      await Promise.allSettled([this.store.delete(storageKey), thumbKey ? this.store.delete(thumbKey) : null]);
      throw error;
    }
  }

  /**
   * Before a message with attachments is written: the ids must be the sender's own uploads in this
   * conversation, not yet sent (or sent with this very clientMsgId: a retried send). Returns the linker.
   */
  async prepare(workspaceId: string, conversationId: string, sender: Uploader, ids: string[], clientMsgId: string): Promise<(message: MessageDto, offline: boolean) => Promise<MessageDto>> {
    const unique = [...new Set(ids)];
    if (unique.length > MAX_PER_MESSAGE) throw new AppError('bad_request', `At most ${MAX_PER_MESSAGE} files per message`);
    await this.requireEnabled(workspaceId, sender.type);
    const retriedMessage = sql`(select ${messages.id} from ${messages} where ${messages.conversationId} = ${conversationId} and ${messages.clientMsgId} = ${clientMsgId})`;
    const usable = await this.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(this.ownedBy(workspaceId, conversationId, sender, unique), or(isNull(attachments.messageId), sql`${attachments.messageId} = ${retriedMessage}`)));
    if (usable.length !== unique.length) throw new AppError('bad_request', 'A file was not found or was already sent; upload it again');
    return (message, offline) => this.link(workspaceId, conversationId, sender, unique, message, offline);
  }

  private async link(workspaceId: string, conversationId: string, sender: Uploader, ids: string[], message: MessageDto, offline: boolean): Promise<MessageDto> {
    const rows = await this.db.transaction(async (tx) => {
      const linked = await tx
        .update(attachments)
        .set({ messageId: message.id })
        .where(and(this.ownedBy(workspaceId, conversationId, sender, ids), isNull(attachments.messageId)))
        .returning();
      if (linked.length) {
        const expiresAt = new Date(Date.now() + this.config.webhookLinkTtlSeconds * 1000).toISOString();
        await emitWebhookEvent(tx, workspaceId, 'message.attachments', {
          conversationId,
          messageId: message.id,
          senderType: sender.type,
          senderId: sender.id,
          offline,
          attachments: linked.map((a) => ({ id: a.id, name: a.name, mime: a.mime, kind: a.kind, size: a.size, url: this.signer.url(a.id, 'file', this.config.webhookLinkTtlSeconds), expiresAt })),
        });
      }
      return linked;
    });
    // A retried send linked them the first time: read them back.
    const all = rows.length === ids.length ? rows : await this.db.select().from(attachments).where(and(eq(attachments.workspaceId, workspaceId), eq(attachments.messageId, message.id)));
    return { ...message, attachments: this.order(all, ids).map((a) => this.toDto(a, this.config.linkTtlSeconds)) };
  }

  /** Deletes stored files for good (privacy erase and retention, after their rows are gone). */
  async deleteBlobs(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 20) await Promise.all(keys.slice(i, i + 20).map((key) => this.store.delete(key)));
  }

  /** Adds attachments (with fresh links) to a page of history: one indexed query, only for this page. */
  async decorate(workspaceId: string, conversationId: string, page: MessageDto[]): Promise<MessageDto[]> {
    if (!page.length) return page;
    const rows = await this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.workspaceId, workspaceId), eq(attachments.conversationId, conversationId), inArray(attachments.messageId, page.map((m) => m.id))));
    if (!rows.length) return page;
    const byMessage = new Map<string, AttachmentDto[]>();
    for (const row of rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const list = byMessage.get(row.messageId!) ?? [];
      list.push(this.toDto(row, this.config.linkTtlSeconds));
      byMessage.set(row.messageId!, list);
    }
    return page.map((m) => (byMessage.has(m.id) ? { ...m, attachments: byMessage.get(m.id) } : m));
  }

  /** Resolves a signed link to the stored bytes; refuses forged, expired and dangling links. */
  async open(id: string, variant: string, expires: string | null, signature: string | null): Promise<OpenedFile> {
    const verdict = this.signer.check(id, variant, expires, signature);
    if (verdict === 'expired') throw new AppError('forbidden', 'This link has expired; reopen the conversation to get a new one');
    if (verdict === 'invalid') throw new AppError('not_found', 'File not found');
    const [row] = await this.db
      .select({ a: attachments, status: conversations.status })
      .from(attachments)
      .innerJoin(conversations, eq(conversations.id, attachments.conversationId))
      .where(eq(attachments.id, id));
    const key = row ? (variant === 'thumb' ? row.a.thumbKey : row.a.storageKey) : null;
    const blob = key ? await this.store.get(key) : null;
    if (!row || !blob) throw new AppError('not_found', 'File not found');
    const mime = variant === 'thumb' ? 'image/webp' : row.a.mime;
    return { body: blob.body, size: blob.size, mime, name: row.a.name, inline: isInlineSafe(mime), expiresAt: Number(expires) * 1000 };
  }

  /** Whether each side may send files (console setting). */
  async enabledFor(workspaceId: string): Promise<{ visitor: boolean; agent: boolean }> {
    return this.settings.value(workspaceId, 'attachments');
  }

  private async requireEnabled(workspaceId: string, side: Uploader['type']): Promise<void> {
    if (!(await this.enabledFor(workspaceId))[side]) throw new AppError('forbidden', 'Sending files is turned off in this chat');
  }

  private async requireSender(workspaceId: string, uploader: Uploader, conversationId: string): Promise<void> {
    const [conversation] = await this.db
      .select({ visitorId: conversations.visitorId, agentId: conversations.agentId, status: conversations.status })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    const participant = conversation && (uploader.type === 'visitor' ? conversation.visitorId === uploader.id : conversation.agentId === uploader.id);
    if (!participant) throw new AppError('forbidden', 'Not your conversation');
    if (conversation.status === 'ended') throw new AppError('invalid_state', 'This conversation has ended');
    await this.requireEnabled(workspaceId, uploader.type);
  }

  private ownedBy(workspaceId: string, conversationId: string, sender: Uploader, ids: string[]) {
    return and(
      eq(attachments.workspaceId, workspaceId),
      eq(attachments.conversationId, conversationId),
      eq(attachments.uploaderType, sender.type),
      eq(attachments.uploaderId, sender.id),
      inArray(attachments.id, ids),
    );
  }

  private order(rows: AttachmentRow[], ids: string[]): AttachmentRow[] {
    return [...rows].sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }

  private toDto(row: AttachmentRow, ttl: number): AttachmentDto {
    return {
      id: row.id,
      name: row.name,
      mime: row.mime,
      kind: row.kind,
      size: row.size,
      width: row.width,
      height: row.height,
      url: this.signer.url(row.id, 'file' satisfies Variant, ttl),
      thumbUrl: row.thumbKey ? this.signer.url(row.id, 'thumb', ttl) : null,
    };
  }
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'application/pdf': 'pdf', 'text/plain': 'txt' };

/** A display/download name: no path, no control characters, bounded; a fallback from the type. */
export function cleanName(raw: string, mime: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>]/g, '').trim().slice(0, 200);
  return cleaned || `file.${EXTENSIONS[mime] ?? 'bin'}`;
}
