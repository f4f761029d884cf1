import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import type { RoutingEngine } from '../domain/routing/engine';
import { loadStaffAccount } from '../domain/security/sessions';
import { AppError, isAppError } from '../lib/errors';

/**
 * Pool claims are first-come (the routing engine takes a chat out of the pool atomically, in Redis). The
 * second agent is told who was first instead of a bare "someone else": `conflict` with the winner's name,
 * read from the same Redis assignment that decided the race (PostgreSQL may not have it yet).
 */
export async function claimedFirst(error: unknown, deps: { db: Db; redis: Redis; routing: RoutingEngine }, workspaceId: string, conversationId: string): Promise<never> {
  if (!isAppError(error) || error.code !== 'conflict') throw error;
  const agentId = await deps.redis.hget(deps.routing.keys(workspaceId).assignment, conversationId).catch(() => null);
  const winner = agentId ? (await loadStaffAccount(deps.db, workspaceId, agentId).catch(() => null))?.name : null;
  throw new AppError('conflict', winner ? `${winner} took this chat first` : 'Someone else took this chat first', winner ? { agentName: winner } : undefined);
}
