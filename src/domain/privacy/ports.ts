import type { Redis } from 'ioredis';
import type { Db } from '../../db/client';
import type { MessageDto } from '../conversations/types';

/** What the privacy use cases need from the rest of the system (wired in lib/privacy-services.ts and the worker). */
export interface PrivacyDeps {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  /** Deletes attachment blobs (and thumbnails) from the store: local directory or S3. */
  deleteBlobs(keys: string[]): Promise<void>;
  /** Adds attachments with fresh signed links to a page of messages (AttachmentService.decorate). */
  decorate(workspaceId: string, conversationId: string, page: MessageDto[]): Promise<MessageDto[]>;
  /** Ends a live conversation the normal way (routing, queue and agent load released; participants told). */
  endConversation(workspaceId: string, conversationId: string): Promise<unknown>;
}
