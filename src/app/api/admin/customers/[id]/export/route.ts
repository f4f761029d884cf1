import { ADMIN_ONLY, uuidParam, withUser } from '../../../../../../lib/auth';
import { privacy } from '../../../../../../lib/privacy-services';

export const dynamic = 'force-dynamic';

/**
 * GET /api/admin/customers/:id/export -> a JSON file (download) with everything held about the customer:
 * profile, visitors, conversations with messages, ratings, attachments with signed links (issue 22, data
 * rights). Admin only; audit-logged.
 */
export const GET = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params }) => {
  const id = uuidParam(params.id, 'Customer');
  const data = await privacy().exportCustomer(user.workspaceId, id, user.id);
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="customer-${id}-${day}.json"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
