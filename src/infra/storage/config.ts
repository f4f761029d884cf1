import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { AttachmentService } from '../../domain/attachments/service';
import { DEFAULT_ALLOWED_TYPES, DEFAULT_MAX_BYTES } from '../../domain/attachments/policy';
import { LinkSigner } from '../../domain/attachments/signing';
import type { BlobStore } from '../../domain/attachments/storage';
import type { SettingsService } from '../../domain/settings/service';
import { LocalDiskStore } from './local';
import { S3Store } from './s3';

/**
 * Attachment storage configuration (env), validated once per process:
 * - ATTACHMENTS_STORAGE=local (default) with ATTACHMENTS_DIR (default ./.data/attachments), or
 * - ATTACHMENTS_STORAGE=s3 with S3_BUCKET, S3_REGION, S3_ENDPOINT (S3-compatible servers), S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY.
 * - ATTACHMENT_MAX_BYTES (default 10 MB), ATTACHMENT_ALLOWED_TYPES (comma-separated MIME types),
 *   ATTACHMENT_LINK_TTL_SECONDS (900), ATTACHMENT_WEBHOOK_LINK_TTL_SECONDS (86400).
 */
const AttachmentEnv = z.object({
  ATTACHMENTS_STORAGE: z.enum(['local', 's3']).default('local'),
  ATTACHMENTS_DIR: z.string().min(1).default(path.join(process.cwd(), '.data', 'attachments')),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().max(1024 * 1024 * 1024).default(DEFAULT_MAX_BYTES),
  ATTACHMENT_ALLOWED_TYPES: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean) : [...DEFAULT_ALLOWED_TYPES])),
  ATTACHMENT_LINK_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  ATTACHMENT_WEBHOOK_LINK_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(86_400),
});
export type AttachmentEnv = z.infer<typeof AttachmentEnv>;

export function loadAttachmentEnv(source: Record<string, string | undefined> = process.env): AttachmentEnv {
  const parsed = AttachmentEnv.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid attachment configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (parsed.data.ATTACHMENTS_STORAGE === 's3' && !parsed.data.S3_BUCKET) throw new Error('Invalid attachment configuration: S3_BUCKET is required with ATTACHMENTS_STORAGE=s3');
  return parsed.data;
}

export function blobStoreFrom(e: AttachmentEnv): BlobStore {
  if (e.ATTACHMENTS_STORAGE === 's3') {
    return new S3Store({ bucket: e.S3_BUCKET!, region: e.S3_REGION, endpoint: e.S3_ENDPOINT, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY });
  }
  return new LocalDiskStore(e.ATTACHMENTS_DIR);
}

/** The attachment service of a process (web or realtime), from the environment. */
export function attachmentService(db: Db, settings: SettingsService, authSecret: string, publicWebUrl: string, source: Record<string, string | undefined> = process.env, store?: BlobStore): AttachmentService {
  const e = loadAttachmentEnv(source);
  return new AttachmentService(db, store ?? blobStoreFrom(e), new LinkSigner(authSecret, publicWebUrl), settings, {
    policy: { maxBytes: e.ATTACHMENT_MAX_BYTES, allowedTypes: new Set(e.ATTACHMENT_ALLOWED_TYPES) },
    linkTtlSeconds: e.ATTACHMENT_LINK_TTL_SECONDS,
    webhookLinkTtlSeconds: e.ATTACHMENT_WEBHOOK_LINK_TTL_SECONDS,
  });
}
