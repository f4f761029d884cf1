/** API token scopes (F16). Browser-safe: the console imports this list. */
export const API_SCOPES = [
  'conversations:read',
  'conversations:write',
  'customers:read',
  'customers:write',
  'reports:read',
  'agents:read',
  'webhooks:manage',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'conversations:read': 'Read conversations and messages',
  'conversations:write': 'Send messages, end, transfer and tag conversations',
  'customers:read': 'Read customers',
  'customers:write': 'Create, update and delete customers',
  'reports:read': 'Read reports',
  'agents:read': 'Read agents and their presence',
  'webhooks:manage': 'Manage webhook endpoints',
};
