import { ADMIN_ONLY } from '../../../../../../lib/auth';
import { Params, route } from '../../../../../../server/http/route';
import { services } from '../../../../../../server/web';

/**
 * POST /api/admin/customers/:id/erase -> { ok, erased: { conversations, messages, attachments, visitors } }:
 * deletes the customer and everything about them for good (issue 22, data rights: database rows, files in
 * the attachment store, search entries, Redis state). Live chats are ended first. Admin only; audit-logged.
 */
export const POST = route({ auth: { roles: ADMIN_ONLY }, params: Params.id }, async ({ user, params }) => {
  return { erased: await services().privacy.eraseCustomer(user.workspaceId, params.id, user.id) };
});
