import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live (port). Adapters: local disk (default, one node) and S3-compatible object
 * storage (several nodes share one bucket); see src/infra/storage. Keys are opaque, server-generated.
 */
export interface BlobStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The blob as a stream with its size, or null when it does not exist. */
  get(key: string): Promise<{ body: Readable; size: number } | null>;
  delete(key: string): Promise<void>;
}
