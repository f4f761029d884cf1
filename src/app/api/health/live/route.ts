export const dynamic = 'force-dynamic';

/** GET /api/health/live: the web process runs and answers (restart it only when this fails). */
export function GET(): Response {
  return Response.json({ ok: true, live: true }, { headers: { 'cache-control': 'no-store' } });
}
