import { z } from 'zod';
import { operation } from './operation';
import { Agent, Customer, DateTime, IdParams, PageQuery, pageOf } from './schemas';

export const listCustomers = operation({
  id: 'listCustomers',
  method: 'get',
  path: '/customers',
  tag: 'Customers',
  summary: 'List customers',
  description: 'Newest first; stable under concurrent inserts.',
  scopes: ['customers:read'],
  query: z.object({
    ...PageQuery,
    partner_id: z.string().min(1).max(200).optional().meta({ description: 'Your id of the customer (exact)' }),
    email: z.string().min(1).max(320).optional().meta({ description: 'Email (case-insensitive, exact)' }),
    updated_since: DateTime.optional(),
  }),
  response: pageOf(Customer, 'CustomerPage'),
});

export const getCustomer = operation({
  id: 'getCustomer',
  method: 'get',
  path: '/customers/{id}',
  tag: 'Customers',
  summary: 'Get a customer',
  scopes: ['customers:read'],
  params: IdParams,
  response: Customer,
});

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

export const upsertCustomer = operation({
  id: 'upsertCustomer',
  method: 'post',
  path: '/customers',
  tag: 'Customers',
  summary: 'Create or update a customer by partnerId',
  description:
    'Creates the customer with this `partnerId` (201) or updates it (200). Given fields replace the stored ones (null clears), omitted ones are kept; `params` merge. Honours `Idempotency-Key`.',
  scopes: ['customers:write'],
  body: z
    .object({
      partnerId: z.string().trim().min(1, 'Give the partnerId').max(200),
      name: nullableText(200),
      email: z.email('Enter a valid email').max(320).nullable().optional(),
      phone: nullableText(50),
      params: z.record(z.string().max(64), z.string().max(1000)).optional(),
    })
    .meta({ id: 'CustomerUpsert' }),
  response: Customer,
  status: 201,
  idempotent: true,
});

export const deleteCustomer = operation({
  id: 'deleteCustomer',
  method: 'delete',
  path: '/customers/{id}',
  tag: 'Customers',
  summary: 'Delete a customer with their data',
  description: 'Deletes the customer, their visitors and conversations (messages, ratings). Refused (409) while a conversation of theirs is open.',
  scopes: ['customers:write'],
  params: IdParams,
  response: z.object({ id: z.uuid(), deleted: z.literal(true), conversationsDeleted: z.number().int() }).meta({ id: 'CustomerDeleted' }),
});

export const listAgents = operation({
  id: 'listAgents',
  method: 'get',
  path: '/agents',
  tag: 'Agents',
  summary: 'List agents with their presence',
  description: 'Every staff member (admins, supervisors, agents) with their live status, open chats (load) and reception limit.',
  scopes: ['agents:read'],
  query: z.object({ ...PageQuery }),
  response: pageOf(Agent, 'AgentPage'),
});
