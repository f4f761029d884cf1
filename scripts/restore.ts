/**
 * `npm run restore -- <backup directory> [--force]`: restores a backup made by `npm run backup` into
 * DATABASE_URL (created when missing) and ATTACHMENTS_DIR. Refuses a database with tables or a directory
 * with files unless --force (then their contents are replaced). Stop the app first; run `npm run migrate`
 * afterwards when restoring an older backup into a newer version.
 */
import './dotenv';
import path from 'node:path';
import { loadAttachmentEnv } from '../src/infra/storage/config';
import { restore } from './backup-lib';

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const from = args.find((a) => !a.startsWith('--'));
  if (!from) throw new Error('usage: npm run restore -- <backup directory> [--force]');
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat';
  const attachmentsDir = loadAttachmentEnv(process.env).ATTACHMENTS_DIR;
  const manifest = await restore({ from: path.resolve(from), databaseUrl, attachmentsDir, force });
  console.log(`restore: database ${new URL(databaseUrl).pathname.slice(1)} restored from ${manifest.createdAt}`);
  if (manifest.attachments.storage === 'local') console.log(`restore: ${manifest.attachments.files} attachment files into ${attachmentsDir}`);
}

main().catch((error: Error) => {
  console.error(`restore: ${error.message}`);
  process.exit(1);
});
