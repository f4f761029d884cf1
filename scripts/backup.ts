/**
 * `npm run backup [-- <directory>]`: a backup of DATABASE_URL (pg_dump) and the local attachment store
 * (ATTACHMENTS_DIR, tar.gz) into a new directory (default ./backups/livechat-<time>), with a manifest.
 * Needs pg_dump (postgresql-client, at least the server's major version). Restore: `npm run restore`.
 */
import './dotenv';
import path from 'node:path';
import { loadAttachmentEnv } from '../src/infra/storage/config';
import { backup } from './backup-lib';

async function main() {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat';
  const files = loadAttachmentEnv(process.env);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(process.argv[2] ?? path.join('backups', `livechat-${stamp}`));
  const manifest = await backup({ databaseUrl, attachments: files.ATTACHMENTS_STORAGE === 's3' ? { storage: 's3' } : { storage: 'local', dir: files.ATTACHMENTS_DIR }, out });
  console.log(`backup: database ${manifest.database.name} (${manifest.database.bytes} bytes)`);
  console.log(manifest.attachments.storage === 'local' ? `backup: ${manifest.attachments.files} attachment files (${manifest.attachments.bytes} bytes)` : `backup: ${manifest.attachments.note}`);
  console.log(`backup: written to ${out}`);
}

main().catch((error: Error) => {
  console.error(`backup: ${error.message}`);
  process.exit(1);
});
