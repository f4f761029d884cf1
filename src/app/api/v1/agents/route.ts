import { and, asc, eq, sql } from 'drizzle-orm';
import { users } from '../../../../db/schema';
import { decodeCursor, keyTime, pageOf } from '../../../../domain/publicapi/paging';
import { services } from '../../../../server/web';
import { listAgents } from '../_lib/customers';
import { v1 } from '../_lib/v1';

/** GET /api/v1/agents: staff with live presence (status, load, limit), oldest account first. */
export const GET = v1(listAgents, async ({ workspaceId, query }) => {
  const { db, accounts, chat } = services();
  const after = decodeCursor(query.cursor);
  const page = await db
    .select({ id: users.id, at: keyTime(users.createdAt) })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), after ? sql`(${users.createdAt}, ${users.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(query.limit + 1);
  const ids = new Set(page.slice(0, query.limit).map((p) => p.id));
  const views = new Map((await accounts.listAgents(workspaceId)).filter((a) => ids.has(a.id)).map((a) => [a.id, a]));
  const presence = new Map(await Promise.all([...ids].map(async (id) => [id, await chat.presenceFeed.presence(workspaceId, id)] as const)));
  return pageOf(page, query.limit, (r) => r, (r) => {
    const a = views.get(r.id)!;
    const p = presence.get(r.id)!;
    return { id: a.id, name: a.name, email: a.email, role: a.role, active: a.active, groupIds: a.groupIds, status: p.status, load: p.load, limit: p.limit };
  });
});
