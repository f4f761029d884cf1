import { ADMIN_ONLY, uuidParam, withUser } from '../../../../../../lib/auth';
import { privacy } from '../../../../../../lib/privacy-services';

/**
 * POST /api/admin/customers/:id/erase -> { ok, erased: { conversations, messages, attachments, visitors } }:
 * deletes the customer and everything about them for good (issue 22, data rights: database rows, files in
 * the attachment store, search entries, Redis state). Live chats are ended first. Admin only; audit-logged.
 */
export const POST = withUser<{ id: string }>(ADMIN_ONLY, async ({ user, params }) => {
  const id = uuidParam(params.id, 'Customer');
  return { erased: await privacy().eraseCustomer(user.workspaceId, id, user.id) };
});
