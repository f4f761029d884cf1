import { ALL_ROLES } from '../../../../../lib/auth';
import { twoFactor } from '../../../../../server/two-factor';
import { route, staffUser } from '../../../../../server/http/route';

/** POST /api/account/two-factor/setup -> { ok, secret, uri, qrDataUrl }: a new secret to scan; not active until enabled. */
export const POST = route({ auth: { roles: ALL_ROLES } }, async ({ principal }) => twoFactor().begin(staffUser(principal)));
