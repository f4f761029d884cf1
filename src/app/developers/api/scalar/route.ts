import { ApiReference } from '@scalar/nextjs-api-reference';

/**
 * GET /developers/api/scalar: the interactive Scalar reference ("try it") of /api/v1/openapi.json. Scalar's
 * viewer script loads from its CDN (API_REFERENCE_CDN to self-host it); /developers/api works without it.
 */
export const GET = ApiReference({
  url: '/api/v1/openapi.json',
  pageTitle: 'Live chat API reference',
  ...(process.env.API_REFERENCE_CDN ? { cdn: process.env.API_REFERENCE_CDN } : {}),
});
