import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { greetingDisplays, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { ConversationService } from '../conversations/service';
import type { MessageDto } from '../conversations/types';
import type { SettingsService } from '../settings/service';

/** A greeting answered within this time starts its chat with the greeting as the first message. */
export const GREETING_ANSWER_WINDOW_MS = 60 * 60 * 1000;

export interface GreetingCount {
  ruleId: string;
  name: string;
  shown: number;
  chatsStarted: number;
}

/**
 * The server's part of proactive greetings: the frequency cap and counts are kept at display time (the
 * widget reports `greeting.shown`), and a chat started after a greeting gets it as its first message.
 * Rule evaluation itself happens in the widget (rules.ts).
 */
export class GreetingService {
  constructor(
    private readonly db: Db,
    private readonly settings: Pick<SettingsService, 'value'>,
    private readonly conversations: Pick<ConversationService, 'appendSystemNote'>,
  ) {}

  /** Records a display; `first: false` when this visitor had already seen this rule (nothing changes). */
  async shown(workspaceId: string, visitorId: string, ruleId: string): Promise<{ first: boolean }> {
    const { greetings } = await this.settings.value(workspaceId, 'widget');
    const rule = greetings.find((r) => r.id === ruleId && r.enabled);
    if (!rule) throw new AppError('not_found', 'This greeting is no longer active');
    const inserted = await this.db
      .insert(greetingDisplays)
      .values({ workspaceId, visitorId, ruleId, body: rule.message })
      .onConflictDoNothing()
      .returning({ id: greetingDisplays.id });
    return { first: inserted.length > 0 };
  }

  /**
   * A new conversation of this visitor: the newest greeting shown in the last hour and not answered yet
   * becomes its first message (a system message, so it never counts as an agent reply).
   */
  async attachToConversation(workspaceId: string, visitorId: string, conversationId: string): Promise<MessageDto | null> {
    const since = new Date(Date.now() - GREETING_ANSWER_WINDOW_MS);
    const [pending] = await this.db
      .select({ id: greetingDisplays.id })
      .from(greetingDisplays)
      .where(and(eq(greetingDisplays.workspaceId, workspaceId), eq(greetingDisplays.visitorId, visitorId), isNull(greetingDisplays.conversationId), gte(greetingDisplays.shownAt, since)))
      .orderBy(desc(greetingDisplays.shownAt))
      .limit(1);
    if (!pending) return null;
    const [claimed] = await this.db
      .update(greetingDisplays)
      .set({ conversationId })
      .where(and(eq(greetingDisplays.id, pending.id), isNull(greetingDisplays.conversationId)))
      .returning({ body: greetingDisplays.body });
    if (!claimed) return null;
    return this.conversations.appendSystemNote(workspaceId, conversationId, claimed.body);
  }

  /** Per rule: greetings shown and chats started from them (rules without displays count zero). */
  async counts(workspaceId: string): Promise<GreetingCount[]> {
    const { greetings } = await this.settings.value(workspaceId, 'widget');
    const rows = await this.db
      .select({ ruleId: greetingDisplays.ruleId, shown: sql<number>`count(*)::int`, chatsStarted: sql<number>`count(${greetingDisplays.conversationId})::int` })
      .from(greetingDisplays)
      .where(eq(greetingDisplays.workspaceId, workspaceId))
      .groupBy(greetingDisplays.ruleId);
    const byRule = new Map(rows.map((r) => [r.ruleId, r]));
    return greetings.map((r) => ({ ruleId: r.id, name: r.name, shown: byRule.get(r.id)?.shown ?? 0, chatsStarted: byRule.get(r.id)?.chatsStarted ?? 0 }));
  }
}

/** What ships to the widget: active rules only, with the sender's display name resolved. */
export interface WidgetGreeting {
  id: string;
  message: string;
  fromName: string;
  conditions: import('./rules').GreetingConditions;
}

export async function widgetGreetings(db: Db, workspaceId: string, rules: readonly import('./rules').GreetingRule[], teamName: string): Promise<WidgetGreeting[]> {
  const active = rules.filter((r) => r.enabled);
  const agentIds = [...new Set(active.flatMap((r) => (r.from.kind === 'agent' ? [r.from.agentId] : [])))];
  const names = new Map<string, string>();
  if (agentIds.length) {
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.workspaceId, workspaceId), inArray(users.id, agentIds)));
    for (const r of rows) names.set(r.id, r.name);
  }
  return active.map((r) => ({ id: r.id, message: r.message, fromName: (r.from.kind === 'agent' && names.get(r.from.agentId)) || teamName, conditions: r.conditions }));
}
