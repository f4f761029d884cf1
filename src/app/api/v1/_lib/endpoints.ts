import { EndpointsApi } from '../../../../domain/webhooks/endpoints-api';
import { services } from '../../../../server/web';

export function endpointsApi(): EndpointsApi {
  return new EndpointsApi(services().db, services().webhooks);
}
