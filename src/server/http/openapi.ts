import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from 'zod';
import { OPERATIONS } from '../../app/api/v1/_lib';
import { API_SCOPES, API_SCOPE_LABELS } from '../../domain/apitokens/scopes';
import { Problem } from '../../app/api/v1/_lib/schemas';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas, the same ones the routes
 * parse with (src/app/api/v1/_lib). Served at /api/v1/openapi.json and rendered at /developers/api.
 */
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
const rateHeaders = {
  'RateLimit-Limit': { description: 'Requests allowed in the window', schema: { type: 'integer' as const } },
  'RateLimit-Remaining': { description: 'Requests left in the window', schema: { type: 'integer' as const } },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: { type: 'integer' as const } },
};

export function buildOpenApiDocument(serverUrl = '/api/v1') {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of OPERATIONS) {
    const item: ZodOpenApiOperationObject = {
      operationId: op.id,
      summary: op.summary,
      description: [op.description, `Scopes: ${op.scopes.map((s) => `\`${s}\``).join(', ')}.`].filter(Boolean).join('\n\n'),
      tags: [op.tag],
      security: [{ bearer: op.scopes }],
      ...(op.deprecation ? { deprecated: true } : {}),
      requestParams: {
        ...(op.params ? { path: op.params as z.ZodObject } : {}),
        ...(op.query ? { query: op.query as z.ZodObject } : {}),
        ...(op.idempotent ? { header: z.object({ 'Idempotency-Key': z.string().max(255).optional().meta({ description: 'Retry safely: the same key replays the stored answer for 24 hours' }) }) } : {}),
      },
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: 'OK', headers: rateHeaders, content: { 'application/json': { schema: op.response } } },
        ...(op.status === 201 ? { '200': { description: 'Updated (upsert) or replayed', content: { 'application/json': { schema: op.response } } } } : {}),
        '400': problem('Bad input (with `errors` per field)'),
        '401': problem('Missing, unknown, expired or revoked token'),
        '403': problem('The token lacks a scope'),
        ...(op.params ? { '404': problem('Not found (or another workspace’s)') } : {}),
        ...(op.method !== 'get' ? { '409': problem('Conflict or invalid state') } : {}),
        '429': { ...problem('Rate limited'), headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } }, ...rateHeaders } },
      },
    };
    paths[op.path] = { ...paths[op.path], [op.method]: item };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Live chat API',
      version: '1.0.0',
      description:
        'The public REST API of the live chat. Authenticate with a workspace API token (`Authorization: Bearer lc_live_…`, Console > Workspace > API tokens). Lists are cursor-paged (`{ data, next_cursor, has_more }`), errors are RFC 9457 problem+json. See docs/api.md.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    tags: [{ name: 'Conversations' }, { name: 'Customers' }, { name: 'Agents' }, { name: 'Webhooks' }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: `Workspace API token. Scopes: ${API_SCOPES.map((s) => `\`${s}\` (${API_SCOPE_LABELS[s]})`).join(', ')}.`,
        },
      },
    },
    paths,
  });
}
