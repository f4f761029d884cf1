import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../../../domain/webhooks/catalog';
import { DELIVERY_STATUSES } from '../../../../domain/webhooks/service';
import { operation } from './operation';
import { DateTime, IdParams, PageQuery, pageOf } from './schemas';

const TAG = 'Webhooks';
const Kind = z.enum(['offline', 'events', 'push']).meta({ description: '`offline`: offline messages; `events`: live-chat events; `push`: the event types you choose' });
const Format = z.enum(['standard', 'legacy']).meta({ description: '`standard`: Standard Webhooks 1.0; `legacy`: the original X-Livechat-Signature format' });
const Url = z.url({ protocol: /^https?$/, message: 'Enter an http(s) address' }).max(2000);

export const WebhookEndpoint = z
  .object({
    id: z.uuid(),
    kind: Kind,
    url: z.string(),
    enabled: z.boolean(),
    eventTypes: z.array(z.string()),
    format: Format,
    secretHint: z.string().meta({ description: 'The last 4 characters of the secret (the secret is shown only when created or rotated)' }),
    secretRotatedAt: DateTime,
    previousSecretValidUntil: DateTime.nullable().meta({ description: 'After a rotation, the old secret also signs until then' }),
    disabledAt: DateTime.nullable(),
    disabledReason: z.string().nullable(),
    failingSince: DateTime.nullable(),
    lastSuccessAt: DateTime.nullable(),
    createdAt: DateTime,
  })
  .meta({ id: 'WebhookEndpoint' });

const WithSecret = z.object({ endpoint: WebhookEndpoint, secret: z.string().nullable().meta({ description: 'The `whsec_` signing secret, in this answer only' }) });

export const listEndpoints = operation({
  id: 'listWebhookEndpoints',
  method: 'get',
  path: '/webhooks/endpoints',
  tag: TAG,
  summary: 'List webhook endpoints',
  scopes: ['webhooks:manage'],
  response: pageOf(WebhookEndpoint, 'WebhookEndpointPage'),
});

export const createEndpoint = operation({
  id: 'createWebhookEndpoint',
  method: 'post',
  path: '/webhooks/endpoints',
  tag: TAG,
  summary: 'Create a webhook endpoint',
  description: 'One endpoint per kind. New endpoints use the Standard Webhooks format. The secret is in this answer only. Honours `Idempotency-Key`.',
  scopes: ['webhooks:manage'],
  body: z
    .object({
      kind: Kind,
      url: Url,
      enabled: z.boolean().default(true),
      eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length).optional().meta({ description: 'Kind `push` only' }),
    })
    .refine((b) => b.kind !== 'push' || (b.eventTypes?.length ?? 0) > 0, { message: 'Choose at least one event type', path: ['eventTypes'] })
    .meta({ id: 'WebhookEndpointCreate' }),
  response: WithSecret.meta({ id: 'WebhookEndpointWithSecret' }),
  status: 201,
  idempotent: true,
});

export const updateEndpoint = operation({
  id: 'updateWebhookEndpoint',
  method: 'patch',
  path: '/webhooks/endpoints/{id}',
  tag: TAG,
  summary: 'Update a webhook endpoint',
  description: 'Switching `format` to `standard` issues a new secret (in this answer only); see docs/api.md, "Migrating to Standard Webhooks".',
  scopes: ['webhooks:manage'],
  params: IdParams,
  body: z
    .object({ url: Url.optional(), enabled: z.boolean().optional(), eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length).optional(), format: Format.optional() })
    .meta({ id: 'WebhookEndpointUpdate' }),
  response: WithSecret,
});

export const deleteEndpoint = operation({
  id: 'deleteWebhookEndpoint',
  method: 'delete',
  path: '/webhooks/endpoints/{id}',
  tag: TAG,
  summary: 'Delete a webhook endpoint',
  description: 'Turns it off and removes it with its secret and delivery log.',
  scopes: ['webhooks:manage'],
  params: IdParams,
  response: z.object({ id: z.uuid(), deleted: z.literal(true) }).meta({ id: 'WebhookEndpointDeleted' }),
});

export const rotateEndpointSecret = operation({
  id: 'rotateWebhookSecret',
  method: 'post',
  path: '/webhooks/endpoints/{id}/rotate-secret',
  tag: TAG,
  summary: "Rotate an endpoint's secret",
  description: 'Standard format: the old secret keeps signing next to the new one for 24 hours (two `v1,` signatures).',
  scopes: ['webhooks:manage'],
  params: IdParams,
  response: z.object({ secret: z.string(), previousSecretValidUntil: DateTime.nullable() }).meta({ id: 'WebhookSecret' }),
});

const Delivery = z
  .object({
    id: z.uuid().meta({ description: 'Also the `webhook-id` header (stable across retries)' }),
    eventType: z.string(),
    conversationId: z.uuid().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: DateTime.nullable(),
    createdAt: DateTime,
    completedAt: DateTime.nullable(),
    attemptLog: z.array(z.object({ attempt: z.number().int(), statusCode: z.number().int().nullable(), error: z.string().nullable(), latencyMs: z.number().int(), createdAt: DateTime })),
  })
  .meta({ id: 'WebhookDelivery' });

export const listDeliveries = operation({
  id: 'listWebhookDeliveries',
  method: 'get',
  path: '/webhooks/endpoints/{id}/deliveries',
  tag: TAG,
  summary: "List an endpoint's deliveries",
  description: 'Newest first, with every attempt.',
  scopes: ['webhooks:manage'],
  params: IdParams,
  query: z.object({ ...PageQuery, status: z.enum(DELIVERY_STATUSES).optional() }),
  response: pageOf(Delivery, 'WebhookDeliveryPage'),
});
