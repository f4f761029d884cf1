import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { downloadHeaders } from '../../../../../../server/http/download';
import { Params, route } from '../../../../../../server/http/route';
import { services } from '../../../../../../server/web';

export const dynamic = 'force-dynamic';

/**
 * GET /api/admin/customers/:id/export -> a JSON file (download) with everything held about the customer:
 * profile, visitors, conversations with messages, ratings, attachments with signed links (issue 22, data
 * rights). Admin only; audit-logged.
 */
export const GET = route({ auth: { roles: ADMIN_ONLY }, params: Params.id }, async ({ user, params }) => {
  const { id } = params;
  const data = await services().privacy.exportCustomer(user.workspaceId, id, user.id);
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: downloadHeaders({
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="customer-${id}-${day}.json"`,
      'cache-control': 'no-store',
    }),
  });
});
