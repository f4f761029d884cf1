/**
 * The whole database schema (drizzle-kit reads this file): the core tables (workspaces, users, visitors,
 * conversations, messages, ...) in schema-core.ts and each feature's tables in its own file. Feature files
 * import the core tables from schema-core.ts, never from here, so there is no import cycle.
 */
export * from './schema-core';
export * from './schema-webhooks';
export * from './schema-moderation';
export * from './schema-submissions';
export * from './schema-crm';
export * from './schema-attachments';
export * from './schema-agenttools';
export * from './schema-console';
export * from './schema-reports';
export * from './schema-email';
export * from './schema-api';
export * from './schema-greetings';
