import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { userSkillGroups, users } from '../../db/schema';
import type { ChatEvents } from '../chat/events';
import type { SubmissionDto } from '../submissions/service';
import { loadBrand } from './brand';
import { queueAgentEmail } from './agent-email';
import { preferencesOf } from './preferences';

/** A new left message, to be emailed after the delay to the listed agents who were away when it came in. */
export interface SubmissionNotifyJob {
  workspaceId: string;
  submissionId: string;
  agentIds: string[];
}

/**
 * Who hears of a new left message (F15, "a new submission for my group"): the active members of its
 * skill group, or every active member of the workspace when it has no group. Invited accounts that never
 * set a password are left out. Always scoped to the workspace.
 */
export async function submissionRecipients(db: Pick<Db, 'select'>, workspaceId: string, groupId: string | null): Promise<{ id: string; name: string; email: string }[]> {
  const account = and(eq(users.workspaceId, workspaceId), eq(users.active, true), ne(users.passwordHash, ''));
  const columns = { id: users.id, name: users.name, email: users.email };
  if (!groupId) return db.select(columns).from(users).where(account);
  return db
    .select(columns)
    .from(users)
    .innerJoin(userSkillGroups, and(eq(userSkillGroups.userId, users.id), eq(userSkillGroups.workspaceId, workspaceId), eq(userSkillGroups.groupId, groupId)))
    .where(account);
}

/**
 * The scheduling half: when a visitor leaves a message, the recipients with no connected workspace tab are
 * noted in one delayed job (BullMQ, kept in Redis: it survives a restart). Runs off the submission path.
 */
export function subscribeSubmissionNotifications(
  events: ChatEvents,
  ports: {
    db: Db;
    socketCount(workspaceId: string, agentId: string): Promise<number>;
    schedule(job: SubmissionNotifyJob, delayMs: number): Promise<void>;
    delayMs: number;
    onError(error: unknown): void;
  },
): () => void {
  return events.on('submission.created', ({ workspaceId, submission }) => {
    void (async () => {
      const recipients = await submissionRecipients(ports.db, workspaceId, submission.groupId);
      const counts = await Promise.all(recipients.map((r) => ports.socketCount(workspaceId, r.id)));
      const away = recipients.filter((_, i) => counts[i] === 0).map((r) => r.id);
      if (away.length) await ports.schedule({ workspaceId, submissionId: submission.id, agentIds: away }, ports.delayMs);
    })().catch(ports.onError);
  });
}

/**
 * The sending half, after the delay: one email per agent who is still away, still a recipient (group
 * membership may have changed) and has not turned "A visitor leaves a message for my group" off. Keyed
 * per submission and address: a repeated job sends nothing twice. Returns how many were queued.
 */
export async function sendSubmissionNotifications(
  deps: { db: Db; submissions: { get(workspaceId: string, id: string): Promise<SubmissionDto | null> }; socketCount(w: string, a: string): Promise<number>; publicWebUrl: string; authSecret: string },
  job: SubmissionNotifyJob,
): Promise<number> {
  const submission = await deps.submissions.get(job.workspaceId, job.submissionId);
  if (!submission) return 0;
  const recipients = (await submissionRecipients(deps.db, job.workspaceId, submission.groupId)).filter((r) => job.agentIds.includes(r.id));
  const brand = await loadBrand(deps.db, job.workspaceId);
  const visitor = submission.fields.name?.trim() || submission.fields.email?.trim() || 'A visitor';
  const headline = `${visitor} left a message${submission.groupName ? ` for ${submission.groupName}` : ''} (#${submission.number})`;
  const contact = [submission.fields.email, submission.fields.phone].map((v) => v?.trim()).filter(Boolean).join(' · ');
  let queued = 0;
  for (const agent of recipients) {
    if ((await deps.socketCount(job.workspaceId, agent.id)) > 0) continue;
    if (!(await preferencesOf(deps.db, agent.id)).submission) continue;
    const fresh = await queueAgentEmail(
      deps.db,
      {
        workspaceId: job.workspaceId,
        brand,
        agent,
        kind: 'submission',
        headline,
        lines: [`No one could chat, so ${visitor} left a message${submission.groupName ? ` for the ${submission.groupName} group` : ''}.`, ...(contact ? [`Contact: ${contact}`] : [])],
        messages: [{ sender: visitor, body: (submission.fields.content ?? '').slice(0, 2000), time: `${submission.createdAt.slice(11, 16)} UTC`, fromVisitor: true }],
        link: `${deps.publicWebUrl.replace(/\/$/, '')}/agent/submissions`,
        actionLabel: 'Open the submissions inbox',
        idempotencyKey: `agent-notify:submission:${submission.id}:${agent.email.toLowerCase()}`,
      },
      deps,
    );
    if (fresh) queued++;
  }
  return queued;
}
