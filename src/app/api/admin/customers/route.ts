import { ALL_ROLES, withUser } from '../../../../lib/auth';
import { crm } from '../../../../lib/services';

/** GET /api/admin/customers?q=&page=1&pageSize=25 -> { ok, items, total, page, pageSize } (F2 CRM). Any staff. */
export const GET = withUser(ALL_ROLES, async ({ req, user }) => {
  const url = new URL(req.url);
  const int = (name: string) => {
    const n = Number.parseInt(url.searchParams.get(name) ?? '', 10);
    return Number.isFinite(n) ? n : undefined;
  };
  return crm().customers.list(user.workspaceId, { q: url.searchParams.get('q')?.slice(0, 200) ?? undefined, page: int('page'), pageSize: int('pageSize') });
});
