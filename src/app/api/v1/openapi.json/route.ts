import { route } from '../../../../server/http/route';
import { buildOpenApiDocument } from '../../../../server/http/openapi';

let cached: string | undefined;

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document (public, no token). */
export const GET = route({ auth: 'public' }, async () => {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return new Response(cached, { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } });
});
