import { GET as readiness } from '../route';

export const dynamic = 'force-dynamic';

/** GET /api/health/ready: same as /api/health (PostgreSQL and Redis answer). */
export const GET = readiness;
