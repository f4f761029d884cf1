import { settingsAudit } from '../../db/schema';
import { logger } from '../../lib/logger';
import { eraseCustomer, type EraseResult } from './erase';
import { exportCustomer, type CustomerExport } from './export';
import type { PrivacyDeps } from './ports';
import { applyRetention, workspacesWithRetention, type RetentionOptions } from './retention';

/** Audit section of data-rights actions (shown in the console's audit log next to settings changes). */
export const PRIVACY_AUDIT_SECTION = 'privacy';

/**
 * Data rights (issue 22): export and erase one customer (console, admins only) and the per-workspace
 * retention period (worker). Every action is written to the workspace's audit log with who did it and
 * counts, never the customer's personal data.
 */
export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {}

  async exportCustomer(workspaceId: string, customerId: string, actorUserId: string): Promise<CustomerExport> {
    const data = await exportCustomer(this.deps, workspaceId, customerId);
    await this.audit(workspaceId, actorUserId, { action: 'customer.exported', customerId, conversations: data.conversations.length });
    return data;
  }

  async eraseCustomer(workspaceId: string, customerId: string, actorUserId: string): Promise<EraseResult> {
    const result = await eraseCustomer(this.deps, workspaceId, customerId);
    await this.audit(workspaceId, actorUserId, { action: 'customer.erased', customerId, ...result });
    logger.info({ workspaceId, customerId, ...result }, 'customer erased');
    return result;
  }

  /** One retention pass over every workspace with a period set (the worker's hourly job). */
  async runRetention(options: RetentionOptions = {}): Promise<{ workspaces: number; conversations: number }> {
    let conversations = 0;
    const list = await workspacesWithRetention(this.deps);
    for (const { workspaceId, retentionDays } of list) {
      const done = await applyRetention(this.deps, workspaceId, retentionDays, options);
      if (done.conversations) {
        conversations += done.conversations;
        await this.audit(workspaceId, null, { action: 'retention.applied', retentionDays, ...done });
        logger.info({ workspaceId, retentionDays, ...done }, 'retention: old conversations deleted');
      }
    }
    return { workspaces: list.length, conversations };
  }

  private async audit(workspaceId: string, userId: string | null, after: Record<string, unknown>): Promise<void> {
    await this.deps.db.insert(settingsAudit).values({ workspaceId, section: PRIVACY_AUDIT_SECTION, version: 0, userId, before: null, after });
  }
}
