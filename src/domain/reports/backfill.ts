import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { foldReports } from './rollup';

/**
 * Builds the reporting log of conversations written before it existed (SQL function lc_report_backfill:
 * replays each conversation's rows through the same functions as the triggers). Idempotent: conversations
 * that already have a log are skipped; run it again at any time. One workspace per transaction. Then folds the
 * new rows into the rollups.
 */
export async function backfillReports(db: Db, onWorkspace?: (workspaceId: string, conversations: number) => void): Promise<number> {
  const { rows: workspaces } = await db.execute<{ id: string }>(sql`select id from workspaces order by created_at`);
  let total = 0;
  for (const { id } of workspaces) {
    const { rows } = await db.execute<{ n: number }>(sql`select lc_report_backfill(${id}) as n`);
    total += Number(rows[0].n);
    onWorkspace?.(id, Number(rows[0].n));
  }
  // The rows just written are above the rollups' watermark: fold them now rather than at the worker's next pass.
  await foldReports(db, { lockTimeoutMs: 5_000 });
  return total;
}
