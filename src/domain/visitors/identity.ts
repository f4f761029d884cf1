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

  async resolve(workspaceId: string, claims: VisitorClaims | null, input: { ip: string | null; name?: string | null }): Promise<VisitorResolution> {
    let visitorId = claims?.wid === workspaceId ? claims.vid : null;
    const gated = await this.gate.check(workspaceId, visitorId, input.ip);
    if (gated.refusal) return { kind: 'refused', refusal: gated.refusal };
    const tokenVersion = visitorId ? gated.tokenVersion : null;
    if (visitorId && tokenVersion !== null && tokenVersion !== claims!.tv) return { kind: 'refused', refusal: 'unauthorized: visitor token revoked' };
    if (tokenVersion === null) visitorId = null;
    const isNew = !visitorId;
    if (!visitorId) {
      visitorId = await this.conversations.createVisitor(workspaceId, { name: input.name ?? null });
      this.gate.remember(workspaceId, visitorId); // its first reconnect needs no read
    } else if (input.name) {
      await this.conversations.touchVisitor(workspaceId, visitorId, { name: input.name });
    } else {
      this.lastSeen.touch(workspaceId, visitorId); // deferred: no write per reconnect
    }
    return { kind: 'visitor', visitorId, tokenVersion: tokenVersion ?? 0, isNew };
  }
}
