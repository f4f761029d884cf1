/**
 * Backups that restore (issue 22): the database with pg_dump (custom format) and the local attachment store
 * as a tar.gz, side by side in one directory with a manifest (sizes, SHA-256). Used by scripts/backup.ts and
 * scripts/restore.ts (`npm run backup`, `npm run restore`) and by tests/integration/backup.test.ts.
 * S3 attachment storage is not copied: use the bucket's versioning or replication (README).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export const BACKUP_FORMAT = 'livechat-backup/1';
const DUMP = 'database.dump';
const FILES = 'attachments.tar.gz';

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: { name: string; file: string; bytes: number; sha256: string };
  attachments: { storage: 'local'; file: string; files: number; bytes: number; sha256: string } | { storage: 's3' | 'none'; note: string };
}

function run(command: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'ENOENT' ? `${command} is not installed (Debian/Ubuntu: apt-get install postgresql-client)` : `${what}: ${error.message}`)),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (${command} exit ${code}): ${stderr.trim().slice(-2000)}`))));
  });
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function walk(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = await walk(full);
      files += sub.files;
      bytes += sub.bytes;
    } else if (entry.isFile()) {
      files++;
      bytes += (await stat(full)).size;
    }
  }
  return { files, bytes };
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export interface BackupOptions {
  databaseUrl: string;
  /** 'local' with its directory, or 's3' (not copied). */
  attachments: { storage: 'local'; dir: string } | { storage: 's3' };
  /** Directory to create (must not exist, or be empty). */
  out: string;
}

/** Dumps the database, then archives the attachment store (after the dump: every file a dumped row names is in it). */
export async function backup(options: BackupOptions): Promise<Manifest> {
  if (existsSync(options.out) && (await readdir(options.out)).length) throw new Error(`${options.out} is not empty: choose a new backup directory`);
  await mkdir(options.out, { recursive: true });
  const dump = path.join(options.out, DUMP);
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, `--dbname=${options.databaseUrl}`], 'database dump');
  let attachments: Manifest['attachments'];
  if (options.attachments.storage === 's3') attachments = { storage: 's3', note: 'Attachments are in S3: back the bucket up with versioning or replication.' };
  else if (!existsSync(options.attachments.dir)) attachments = { storage: 'none', note: `No attachment directory at ${options.attachments.dir} (no file was ever uploaded).` };
  else {
    const archive = path.join(options.out, FILES);
    const counted = await walk(options.attachments.dir);
    await run('tar', ['-czf', archive, '-C', options.attachments.dir, '.'], 'attachments archive');
    attachments = { storage: 'local', file: FILES, ...counted, sha256: await sha256(archive) };
  }
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    database: { name: databaseName(options.databaseUrl), file: DUMP, bytes: (await stat(dump)).size, sha256: await sha256(dump) },
    attachments,
  };
  await writeFile(path.join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export interface RestoreOptions {
  from: string;
  databaseUrl: string;
  /** Where the local attachment store goes (ATTACHMENTS_DIR). */
  attachmentsDir: string;
  /** Replace a database that has tables, and files already in the directory. */
  force?: boolean;
}

async function withServer<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Restores a backup into a database (created when missing) and an attachment directory. */
export async function restore(options: RestoreOptions): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(path.join(options.from, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${options.from} is not a live-chat backup (format ${String(manifest.format)})`);
  const dump = path.join(options.from, manifest.database.file);
  if ((await sha256(dump)) !== manifest.database.sha256) throw new Error(`${dump} is damaged (checksum differs from the manifest)`);
  if (manifest.attachments.storage === 'local' && (await sha256(path.join(options.from, manifest.attachments.file))) !== manifest.attachments.sha256)
    throw new Error('The attachments archive is damaged (checksum differs from the manifest)');

  const name = databaseName(options.databaseUrl);
  await withServer(options.databaseUrl, async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  });
  const target = new pg.Client({ connectionString: options.databaseUrl });
  await target.connect();
  const tables = await target.query(`select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`).finally(() => target.end());
  if (tables.rows[0].n > 0 && !options.force) throw new Error(`database ${name} is not empty: restore into a new database, or pass --force to replace its contents`);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...(tables.rows[0].n > 0 ? ['--clean', '--if-exists'] : []), `--dbname=${options.databaseUrl}`, dump], 'database restore');

  if (manifest.attachments.storage === 'local') {
    await mkdir(options.attachmentsDir, { recursive: true });
    if ((await readdir(options.attachmentsDir)).length && !options.force) throw new Error(`${options.attachmentsDir} is not empty: restore into a new directory, or pass --force`);
    await run('tar', ['-xzf', path.join(options.from, manifest.attachments.file), '-C', options.attachmentsDir], 'attachments restore');
  }
  return manifest;
}
