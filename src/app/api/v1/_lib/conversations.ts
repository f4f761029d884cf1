import { z } from 'zod';
import { operation } from './operation';
import { Conversation, DateTime, IdParams, Message, PageQuery, pageOf } from './schemas';

const TAG = 'Conversations';
const statuses = z.enum(['queued', 'active', 'unassigned', 'ended']);

export const listConversations = operation({
  id: 'listConversations',
  method: 'get',
  path: '/conversations',
  tag: TAG,
  summary: 'List conversations',
  description: 'Newest first. Stable under concurrent inserts: a conversation started while you page is not repeated or skipped.',
  scopes: ['conversations:read'],
  query: z.object({
    ...PageQuery,
    status: z
      .union([statuses, z.array(statuses)])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
      .meta({ description: 'One or more statuses (repeat the parameter)' }),
    agent_id: z.uuid().optional().meta({ description: 'Assigned agent' }),
    group_id: z.uuid().optional().meta({ description: 'Skill group' }),
    tag: z.string().min(1).max(100).optional().meta({ description: 'Tag name (case-insensitive)' }),
    updated_since: DateTime.optional().meta({ description: 'Started, assigned, ended or with a message at or after this time' }),
  }),
  response: pageOf(Conversation, 'ConversationPage'),
});

export const getConversation = operation({
  id: 'getConversation',
  method: 'get',
  path: '/conversations/{id}',
  tag: TAG,
  summary: 'Get a conversation',
  scopes: ['conversations:read'],
  params: IdParams,
  response: Conversation,
});

export const listMessages = operation({
  id: 'listMessages',
  method: 'get',
  path: '/conversations/{id}/messages',
  tag: TAG,
  summary: "List a conversation's messages",
  description: 'Oldest first, in the order of the conversation (seq).',
  scopes: ['conversations:read'],
  params: IdParams,
  query: z.object(PageQuery),
  response: pageOf(Message, 'MessagePage'),
});

export const SendMessageBody = z
  .object({
    body: z.string().trim().min(1, 'Write a message').max(5000, 'Keep messages under 5,000 characters'),
    agentId: z.uuid().optional().meta({ description: 'Send as this agent (a staff member of the workspace)' }),
    botName: z.string().trim().min(1).max(60).optional().meta({ description: 'Send as a named bot instead of an agent' }),
  })
  .refine((v) => (v.agentId ? 1 : 0) + (v.botName ? 1 : 0) === 1, { message: 'Give either agentId or botName', path: ['agentId'] })
  .meta({ id: 'SendMessage' });

export const sendMessage = operation({
  id: 'sendMessage',
  method: 'post',
  path: '/conversations/{id}/messages',
  tag: TAG,
  summary: 'Send a message',
  description: 'As an agent or as a named bot. The visitor and the agents see it at once; webhooks receive `message.created`. Honours `Idempotency-Key`.',
  scopes: ['conversations:write'],
  params: IdParams,
  body: SendMessageBody,
  response: Message,
  status: 201,
  idempotent: true,
});

export const endConversation = operation({
  id: 'endConversation',
  method: 'post',
  path: '/conversations/{id}/end',
  tag: TAG,
  summary: 'End a conversation',
  description: 'Ending an ended conversation changes nothing.',
  scopes: ['conversations:write'],
  params: IdParams,
  response: Conversation,
});

export const transferConversation = operation({
  id: 'transferConversation',
  method: 'post',
  path: '/conversations/{id}/transfer',
  tag: TAG,
  summary: 'Transfer an active conversation',
  description: 'To an agent, or to a skill group (its best available agent).',
  scopes: ['conversations:write'],
  params: IdParams,
  body: z.object({ to: z.object({ type: z.enum(['agent', 'group']), id: z.uuid() }) }).meta({ id: 'Transfer' }),
  response: Conversation,
});

export const setConversationTags = operation({
  id: 'setConversationTags',
  method: 'put',
  path: '/conversations/{id}/tags',
  tag: TAG,
  summary: "Replace a conversation's tags",
  description: "Tag names of the workspace's tag list (case-insensitive).",
  scopes: ['conversations:write'],
  params: IdParams,
  body: z.object({ tags: z.array(z.string().trim().min(1).max(100)).max(20) }).meta({ id: 'SetTags' }),
  response: Conversation,
});
