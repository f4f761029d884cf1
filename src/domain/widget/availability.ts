import { and, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, messages, users } from '../../db/schema';
import type { RoutingEngine } from '../routing/engine';
import type { WeeklySchedule, Weekday, WorkingHoursSettings } from '../settings/schemas';
import { isOpenAt, localTime } from '../workinghours/schedule';

/**
 * "We reply in …" for the widget header, from real state: agents online and within working hours →
 * the typical first-response time of recent chats; otherwise when the team is back (next opening of the
 * working-hours schedule), or just "away".
 */
export type ReplyExpectation =
  | { kind: 'online'; minutes: number | null; agents: { name: string }[] }
  | { kind: 'away'; backAt: { weekday: Weekday; time: string; daysAhead: number } | null };

/** The next time the schedule opens after `at` (within two weeks), in the schedule's wall-clock time. */
export function nextOpening(schedule: WeeklySchedule, at: Date): { weekday: Weekday; time: string; daysAhead: number } | null {
  const now = localTime(at, schedule.timezone);
  for (let days = 0; days < 14; days++) {
    const day = days === 0 ? now : localTime(new Date(at.getTime() + days * 86_400_000), schedule.timezone);
    if (schedule.holidays.includes(day.date)) continue;
    const starts = schedule.days[day.weekday].map((r) => r.start).sort();
    const next = starts.find((s) => days > 0 || s > now.time);
    if (next) return { weekday: day.weekday, time: next, daysAhead: days };
  }
  return null;
}

/** Median of the samples in whole minutes (at least 1), or null without samples. */
export function typicalMinutes(seconds: readonly number[]): number | null {
  if (seconds.length === 0) return null;
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)];
  return Math.max(1, Math.round(mid / 60));
}

export function replyExpectation(input: { onlineAgents: { name: string }[]; workingHours: WorkingHoursSettings; at: Date; firstResponseSeconds: readonly number[] }): ReplyExpectation {
  const openNow = !input.workingHours.enabled || isOpenAt(input.workingHours.workspace, input.at);
  if (openNow && input.onlineAgents.length > 0) return { kind: 'online', minutes: typicalMinutes(input.firstResponseSeconds), agents: input.onlineAgents };
  const backAt = input.workingHours.enabled ? nextOpening(input.workingHours.workspace, input.at) : null;
  return { kind: 'away', backAt };
}

/** Seconds from assignment to the agent's first reply, for chats assigned in the last 7 days (newest 50). */
export async function recentFirstResponseSeconds(db: Db, workspaceId: string, at: Date): Promise<number[]> {
  const since = new Date(at.getTime() - 7 * 86_400_000);
  const rows = await db
    .select({
      seconds: sql<number>`extract(epoch from (min(${messages.createdAt}) - ${conversations.assignedAt}))::float8`,
    })
    .from(conversations)
    .innerJoin(messages, and(eq(messages.conversationId, conversations.id), eq(messages.senderType, 'agent')))
    .where(and(eq(conversations.workspaceId, workspaceId), isNotNull(conversations.assignedAt), gte(conversations.assignedAt, since)))
    .groupBy(conversations.id, conversations.assignedAt)
    .orderBy(sql`${conversations.assignedAt} desc`)
    .limit(50);
  return rows.map((r) => Number(r.seconds)).filter((s) => Number.isFinite(s) && s >= 0);
}

/** Names of the agents online now (for the header's team avatars), at most `limit`. */
export async function onlineAgentNames(db: Db, routing: RoutingEngine, workspaceId: string, limit = 3): Promise<{ name: string }[]> {
  const online = (await routing.snapshot(workspaceId)).filter((a) => a.status === 'online').map((a) => a.id);
  if (online.length === 0) return [];
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true), inArray(users.id, online)));
  return rows.slice(0, limit).map((r) => ({ name: r.name }));
}
