import { GET as readiness } from '../route';

export const dynamic = 'force-dynamic';

/** GET /api/health/ready: same as /api/health (PostgreSQL and Redis answer). */
export function GET(): Promise<Response> {
  return readiness();
}
