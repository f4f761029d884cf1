/** Every operation of /api/v1, registered for the OpenAPI document. A new contract module is added here. */
import './conversations';
import './customers';
import './reports';
import './webhooks';
export { OPERATIONS } from './operation';
