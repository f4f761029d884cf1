import { ApiReferenceView } from '@/components/developers/ApiReferenceView';
import { buildOpenApiDocument } from '@/server/http/openapi';

export const metadata = { title: 'API reference' };

/** /developers/api: the reference of /api/v1, rendered on the server from the OpenAPI document (public). */
export default function ApiReferencePage() {
  return <ApiReferenceView doc={buildOpenApiDocument() as never} />;
}
