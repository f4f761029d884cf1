import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { conversations, users, workspaceOnboarding } from '../../db/schema';
import type { SettingsService } from '../settings/service';

/** One step of the first-run checklist on the console home. */
export interface ChecklistStep {
  key: 'widget' | 'team' | 'hours' | 'chat';
  done: boolean;
}

export interface Checklist {
  steps: ChecklistStep[];
  /** Where and when the widget was first seen on the customer's site (null: not yet). */
  widgetSeen: { url: string; at: string } | null;
  /** Active staff members (the team step is done from two on). */
  teamSize: number;
  dismissed: boolean;
}

/** What the Overview shows about today (in the workspace's time zone from the working hours). */
export interface TodayStats {
  chatsToday: number;
  timeZone: string;
}

/**
 * The first-run checklist (issue 21): install the widget (done when a page view was reported from the
 * customer's site), invite the team (two or more active staff), set working hours (saved at least once),
 * try a chat (a conversation exists). Dismissed per workspace.
 */
export class OnboardingService {
  /** Workspaces whose first widget page view is stored (so later page views write nothing). */
  private readonly seen = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
  ) {}

  /** A widget page view on the customer's site: the first one per workspace is kept. */
  async recordWidgetSeen(workspaceId: string, url: string): Promise<void> {
    if (this.seen.has(workspaceId)) return;
    await this.db
      .insert(workspaceOnboarding)
      .values({ workspaceId, widgetFirstUrl: url, widgetFirstSeenAt: new Date() })
      .onConflictDoUpdate({
        target: workspaceOnboarding.workspaceId,
        set: { widgetFirstUrl: url, widgetFirstSeenAt: sql`now()` },
        setWhere: sql`${workspaceOnboarding.widgetFirstSeenAt} is null`,
      });
    this.seen.add(workspaceId);
  }

  async checklist(workspaceId: string): Promise<Checklist> {
    const [[state], [team], [chat], hours] = await Promise.all([
      this.db.select().from(workspaceOnboarding).where(eq(workspaceOnboarding.workspaceId, workspaceId)),
      this.db.select({ n: count() }).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.active, true))),
      this.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.workspaceId, workspaceId)).limit(1),
      this.settings.get(workspaceId, 'workingHours'),
    ]);
    const widgetSeen = state?.widgetFirstUrl && state.widgetFirstSeenAt ? { url: state.widgetFirstUrl, at: state.widgetFirstSeenAt.toISOString() } : null;
    const teamSize = Number(team?.n ?? 0);
    return {
      steps: [
        { key: 'widget', done: widgetSeen !== null },
        { key: 'team', done: teamSize > 1 },
        { key: 'hours', done: hours.version > 0 },
        { key: 'chat', done: chat !== undefined },
      ],
      widgetSeen,
      teamSize,
      dismissed: Boolean(state?.dismissedAt),
    };
  }

  /** Hides (or shows again) the checklist for everyone in the workspace. */
  async setDismissed(workspaceId: string, userId: string, dismissed: boolean): Promise<void> {
    const values = dismissed ? { dismissedAt: new Date(), dismissedBy: userId } : { dismissedAt: null, dismissedBy: null };
    await this.db
      .insert(workspaceOnboarding)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: workspaceOnboarding.workspaceId, set: values });
  }

  /** Conversations started today in the workspace's time zone. */
  async today(workspaceId: string, now = new Date()): Promise<TodayStats> {
    const hours = await this.settings.value(workspaceId, 'workingHours');
    const timeZone = hours.workspace.timezone || 'UTC';
    const [row] = await this.db
      .select({ n: count() })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), gte(conversations.startedAt, startOfDay(now, timeZone))));
    return { chatsToday: Number(row?.n ?? 0), timeZone };
  }
}

/** Midnight of `now`'s day in `timeZone`, as an instant. */
export function startOfDay(now: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMs = asUtc - Math.floor(now.getTime() / 1000) * 1000;
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) - offsetMs);
}
