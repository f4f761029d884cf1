import { randomUUID } from 'node:crypto';
import type { LastSeenBatcher } from '../conversations/last-seen';
import type { ConversationService } from '../conversations/service';
import type { VisitorGate } from '../security/visitor-gate';

/** What a verified visitor token says (already checked for signature and expiry by the adapter). */
export interface VisitorClaims {
  vid: string;
  wid: string;
  tv: number;
}

/** `isNew`: created by this handshake (no conversation, offer or customer link yet: nothing to restore). */
export type VisitorResolution = { kind: 'refused'; refusal: string } | { kind: 'visitor'; visitorId: string; tokenVersion: number; isNew: boolean };

/**
 * Who is connecting to the widget: the visitor of a valid token of this workspace, or a new visitor.
 * Tokens are bound to their workspace and revocable (token version); bans apply by visitor id and IP.
 */
export class VisitorIdentities {
  constructor(
    /** Token versions and bans, answered from a per-node cache invalidated at commit (reconnect storms). */
    private readonly gate: Pick<VisitorGate, 'check' | 'remember'>,
    private readonly conversations: ConversationService,
    private readonly lastSeen: LastSeenBatcher,
  ) {}

  /**
   * Who is connecting, without writing anything: the visitor of a valid, unrevoked token, or a NEW visitor
   * whose id is chosen here (created by `settle` once the handshake's limits have admitted it).
   */
  async identify(workspaceId: string, claims: VisitorClaims | null, ip: string | null): Promise<VisitorResolution> {
    const claimed = claims?.wid === workspaceId ? claims.vid : null;
    const gated = await this.gate.check(workspaceId, claimed, ip);
    if (gated.refusal) return { kind: 'refused', refusal: gated.refusal };
    const tokenVersion = claimed ? gated.tokenVersion : null;
    if (claimed && tokenVersion !== null && tokenVersion !== claims!.tv) return { kind: 'refused', refusal: 'unauthorized: visitor token revoked' };
    if (claimed && tokenVersion !== null) return { kind: 'visitor', visitorId: claimed, tokenVersion, isNew: false };
    return { kind: 'visitor', visitorId: randomUUID(), tokenVersion: 0, isNew: true };
  }

  /** Creates the new visitor `identify` named, or records the returning visitor's visit. */
  async settle(workspaceId: string, visitor: { visitorId: string; isNew: boolean }, name?: string | null): Promise<void> {
    if (visitor.isNew) {
      await this.conversations.createVisitor(workspaceId, { id: visitor.visitorId, name: name ?? null });
      this.gate.remember(workspaceId, visitor.visitorId); // its first reconnect needs no read
    } else if (name) {
      await this.conversations.touchVisitor(workspaceId, visitor.visitorId, { name });
    } else {
      this.lastSeen.touch(workspaceId, visitor.visitorId); // deferred: no write per reconnect
    }
  }
}
