import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversations, messages, workspaces } from './schema-core';

/**
 * Files shared in a conversation. A row is written when the upload is stored (message_id null) and linked
 * to its message when the message is sent. Blobs live in the storage adapter under `storage_key`.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    uploaderType: text('uploader_type').$type<'visitor' | 'agent'>().notNull(),
    uploaderId: uuid('uploader_id').notNull(),
    /** Display name given by the uploader (sanitised); never used to decide the type. */
    name: text('name').notNull(),
    /** Detected from content. */
    mime: text('mime').notNull(),
    kind: text('kind').$type<'image' | 'file'>().notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_conversation_idx').on(t.conversationId, t.messageId),
    index('attachments_message_idx').on(t.messageId).where(sql`${t.messageId} is not null`),
  ],
);

export type AttachmentRow = typeof attachments.$inferSelect;
