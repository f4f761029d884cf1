import { EndpointsApi } from '../../../../domain/webhooks/endpoints-api';
import { services } from '../../../../lib/services';
import { webhookService } from '../../../../lib/webhook-services';

export function endpointsApi(): EndpointsApi {
  return new EndpointsApi(services().db, webhookService());
}
