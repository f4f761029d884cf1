import { ADMIN_ONLY } from '../../../../../lib/auth';
import { downloadHeaders } from '../../../../../server/http/download';
import { route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** GET /api/admin/canned-replies/export -> text/csv `shortcut,body,group` (shared replies). Admin only. */
export const GET = route({ auth: { roles: ADMIN_ONLY } }, async ({ user }) => {
  const csv = await services().tools.canned.exportShared(user.workspaceId);
  return new Response(csv, { headers: downloadHeaders({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="canned-replies.csv"', 'cache-control': 'no-store' }) });
});

export const dynamic = 'force-dynamic';
