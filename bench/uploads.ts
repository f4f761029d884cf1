/**
 * Upload scenario (F11 attachments): AttachmentService.upload() end to end minus HTTP — content
 * detection, image re-encoding + thumbnail (sharp), blob write (local disk in a temp directory), row
 * insert — for 1 MB photos and 1 MB PDFs, one at a time and 4 at once. Reports uploads/s, MB/s, p50/p99.
 *
 *   npx tsx bench/uploads.ts           standalone (prints JSON; recreates livechat_bench)
 *   npm run bench -- --only=uploads    from bench/run.ts (calls runUploadBench())
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { createDb } from '../src/db/client';
import { conversations, visitors } from '../src/db/schema';
import { SettingsService } from '../src/domain/settings/service';
import { attachmentService } from '../src/infra/storage/config';
import { LocalDiskStore } from '../src/infra/storage/local';
import { createRedis, RedisKeys } from '../src/lib/redis';
import { round, summarize } from './lib/metrics';
import pg from 'pg';
import { runMigrations } from '../src/db/migrate';
import { AccountsService } from '../src/domain/accounts/service';
import { databaseUrl } from './lib/setup';

const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 60);

interface Ctx {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  authSecret: string;
  workspaceId: string;
}

export async function runUploadBench(ctx: Ctx): Promise<Record<string, unknown>> {
  const db = createDb(ctx.databaseUrl, { max: 8 });
  const redis = createRedis(ctx.redisUrl);
  const dir = mkdtempSync(path.join(tmpdir(), 'lc-bench-uploads-'));
  try {
    const settings = new SettingsService(db, redis, new RedisKeys(ctx.redisPrefix).settingsChannel());
    const service = attachmentService(db, settings, ctx.authSecret, 'http://127.0.0.1:4000', {}, new LocalDiskStore(dir));
    const [v] = await db.insert(visitors).values({ workspaceId: ctx.workspaceId, name: 'Upload bench' }).returning({ id: visitors.id });
    const [c] = await db.insert(conversations).values({ workspaceId: ctx.workspaceId, visitorId: v.id, status: 'active' }).returning({ id: conversations.id });
    const uploader = { type: 'visitor' as const, id: v.id };
    // A ~1 MB photo-like JPEG (noise compresses badly, like a real photo) and a 1 MB PDF.
    const noise = randomBytes(1200 * 900 * 3);
    const photo = await sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } }).jpeg({ quality: 80 }).withExif({ IFD0: { Make: 'BenchCam' } }).toBuffer();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1024 * 1024 - 9)]);
    const out: Record<string, unknown> = {};
    for (const [kind, data] of [
      ['photo_jpeg', photo],
      ['pdf', pdf],
    ] as const) {
      for (const concurrency of [1, 4]) {
        const samples: number[] = [];
        const t0 = performance.now();
        let next = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < UPLOADS) {
              next++;
              const s = performance.now();
              await service.upload(ctx.workspaceId, uploader, c.id, `${kind}.bin`, data);
              samples.push(performance.now() - s);
            }
          }),
        );
        const seconds = (performance.now() - t0) / 1000;
        const latency = summarize(samples);
        out[`${kind}_c${concurrency}`] = { bytes: data.length, uploads: samples.length, perSecond: round(samples.length / seconds), mbPerSecond: round((samples.length * data.length) / 2 ** 20 / seconds), p50: latency.p50, p99: latency.p99 };
      }
    }
    return { ...out, note: 'service level (detection, sharp re-encode + thumbnail for photos, local-disk write, insert); HTTP body read not included' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await redis.quit();
    await db.$client.end();
  }
}

/** Standalone: a database of its own (livechat_bench_uploads), so a concurrent `npm run bench` is not disturbed. */
async function standalone(): Promise<Record<string, unknown>> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat';
  const name = 'livechat_bench_uploads';
  const admin = new pg.Client({ connectionString: databaseUrl(base, 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = databaseUrl(base, name);
  const db = createDb(url, { max: 2 });
  try {
    await runMigrations(db);
    const { workspaceId } = await new AccountsService(db).signUp({ workspaceName: 'Upload Bench', name: 'Admin', email: 'admin@uploads.bench', password: 'bench-password' });
    return await runUploadBench({ databaseUrl: url, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisPrefix: `bench_uploads_${process.pid}`, authSecret: randomBytes(32).toString('hex'), workspaceId });
  } finally {
    await db.$client.end();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  standalone().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
