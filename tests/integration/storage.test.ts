import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/domain/attachments/storage';
import { blobStoreFrom, loadAttachmentEnv } from '../../src/infra/storage/config';
import { LocalDiskStore } from '../../src/infra/storage/local';
import { S3Store } from '../../src/infra/storage/s3';

/**
 * Both storage adapters against the same contract: local disk in a temp directory, and S3 through
 * @aws-sdk/client-s3 against a local S3-compatible server (s3rver) started here on a free port.
 */

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
let s3server: { run(): Promise<{ port: number }>; close(): Promise<void> };
let s3port: number;
const stores: Record<string, BlobStore> = {};

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: tempDir('lc-s3rver-'), configureBuckets: [{ name: 'livechat-test' }] });
  ({ port: s3port } = await s3server.run());
  stores.local = new LocalDiskStore(tempDir('lc-local-'));
  // Built from the environment the way the processes do it.
  stores.s3 = blobStoreFrom(
    loadAttachmentEnv({
      ATTACHMENTS_STORAGE: 's3',
      S3_BUCKET: 'livechat-test',
      S3_ENDPOINT: `http://127.0.0.1:${s3port}`,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    }),
  );
  expect(stores.s3).toBeInstanceOf(S3Store);
});

afterAll(async () => {
  (stores.s3 as S3Store | undefined)?.close();
  await s3server?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each(['local', 's3'])('%s blob store', (name) => {
  it('stores, reads back, and deletes blobs; a missing key is null', async () => {
    const store = stores[name];
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await store.put('ws-1/blob-a', data, 'application/octet-stream');
    await store.put('ws-1/blob-a.thumb', Buffer.from('thumb'), 'image/webp');
    const got = await store.get('ws-1/blob-a');
    expect(got?.size).toBe(data.length);
    expect((await readAll(got!.body)).equals(data)).toBe(true);
    expect((await readAll((await store.get('ws-1/blob-a.thumb'))!.body)).toString()).toBe('thumb');
    expect(await store.get('ws-1/missing')).toBeNull();
    await store.delete('ws-1/blob-a');
    expect(await store.get('ws-1/blob-a')).toBeNull();
    // Deleting twice is fine.
    await store.delete('ws-1/blob-a');
  });
});

describe('configuration', () => {
  it('defaults to local disk; refuses S3 without a bucket and nonsense limits', () => {
    expect(blobStoreFrom(loadAttachmentEnv({}))).toBeInstanceOf(LocalDiskStore);
    expect(loadAttachmentEnv({}).ATTACHMENT_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(() => loadAttachmentEnv({ ATTACHMENTS_STORAGE: 's3' })).toThrow(/S3_BUCKET/);
    expect(() => loadAttachmentEnv({ ATTACHMENT_MAX_BYTES: '-5' })).toThrow(/ATTACHMENT_MAX_BYTES/);
    expect(loadAttachmentEnv({ ATTACHMENT_ALLOWED_TYPES: 'image/png, application/pdf' }).ATTACHMENT_ALLOWED_TYPES).toEqual(['image/png', 'application/pdf']);
  });

  it('local keys cannot escape the directory', async () => {
    await expect(stores.local.put('../escape', Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid storage key/);
  });
});
