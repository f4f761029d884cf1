import 'zod-openapi';
import { z } from 'zod';
import { endedByEnum } from '../../../../db/schema';

/** Schemas shared by the /api/v1 operations (request parsing and the OpenAPI document). */

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid().meta({ description: 'The resource id' }) });
export const DateTime = z.iso.datetime({ offset: true });

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ description: 'Page size, 1-100 (default 25)' }),
  cursor: z.string().max(200).optional().meta({ description: 'The `next_cursor` of the previous page' }),
};

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` to get the next page; null on the last page' }),
      has_more: z.boolean(),
    })
    .meta({ id });
}

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'invalid_state', 'blocked', 'payload_too_large', 'unsupported_type', 'unavailable', 'internal']),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, with the product error code' });

export const Conversation = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'active', 'unassigned', 'ended']),
    channel: z.enum(['desktop', 'mobile', 'app']),
    mode: z.enum(['realtime', 'always_on']),
    visitorId: z.uuid(),
    visitorName: z.string().nullable(),
    visitorEmail: z.string().nullable().optional(),
    agentId: z.uuid().nullable(),
    agentName: z.string().nullable(),
    groupId: z.uuid().nullable(),
    entryUrl: z.string().nullable(),
    startedAt: DateTime,
    assignedAt: DateTime.nullable(),
    endedAt: DateTime.nullable(),
    endedBy: z.enum(endedByEnum.enumValues).nullable(),
    lastMessageAt: DateTime.nullable(),
    tags: z.array(z.string()),
  })
  .meta({ id: 'Conversation' });

export const Message = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    seq: z.number().int(),
    senderType: z.enum(['visitor', 'agent', 'system']),
    senderId: z.string().nullable(),
    senderName: z.string().nullable(),
    body: z.string(),
    clientMsgId: z.string().nullable(),
    createdAt: DateTime,
  })
  .meta({ id: 'Message' });

export const Customer = z
  .object({
    id: z.uuid(),
    partnerId: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    params: z.record(z.string(), z.string()),
    verified: z.boolean(),
    visits: z.number().int(),
    createdAt: DateTime,
    updatedAt: DateTime,
    lastSeenAt: DateTime,
  })
  .meta({ id: 'Customer' });

export const Agent = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['admin', 'supervisor', 'agent']),
    active: z.boolean(),
    groupIds: z.array(z.uuid()),
    status: z.enum(['online', 'busy', 'offline']),
    load: z.number().int(),
    limit: z.number().int(),
  })
  .meta({ id: 'Agent' });
