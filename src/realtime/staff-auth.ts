import type { Socket } from 'socket.io';
import type { Db } from '../db/client';
import type { Role } from '../db/schema';
import type { StaffActor } from '../domain/chat/types';
import { loadStaffAccount } from '../domain/security/sessions';
import { logger } from '../lib/logger';
import { verifyStaffToken } from '../lib/tokens';
import { StaffAuth } from './protocol';


export interface StaffData {
  workspaceId: string;
  actor: StaffActor;
  /** The session version the token was minted under; a bump (deactivation, role change, sign-out everywhere) ends the socket. */
  sessionVersion: number;
}

type Middleware = (socket: Socket, next: (err?: Error) => void) => void;

/**
 * The one staff handshake of /agent and /monitor: a valid staff token, an active account of that
 * workspace, the token's session version still current, and (for /monitor) an allowed role, all re-read
 * from the database, never taken from the token.
 */
export function staffHandshake(db: Db, authSecret: string, roles?: { allowed: ReadonlySet<Role>; refusal: string }): Middleware {
  return async (socket, next) => {
    try {
      const auth = StaffAuth.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error('unauthorized: token is required'));
      const claims = await verifyStaffToken(authSecret, auth.data.token);
      if (!claims) return next(new Error('unauthorized: invalid or expired token'));
      const account = await loadStaffAccount(db, claims.wid, claims.uid);
      if (!account || !account.active) return next(new Error('unauthorized: account inactive'));
      if (account.sessionVersion !== claims.sv) return next(new Error('unauthorized: session ended, sign in again'));
      if (roles && !roles.allowed.has(account.role)) return next(new Error(roles.refusal));
      socket.data = {
        workspaceId: claims.wid,
        actor: { id: account.id, name: account.name, role: account.role },
        sessionVersion: account.sessionVersion,
      } satisfies StaffData;
      next();
    } catch (error) {
      logger.error({ err: error }, 'staff handshake failed');
      next(new Error('internal: handshake failed'));
    }
  };
}

/**
 * Re-checks the account before each of `events` (all when omitted): privileged actions act on the role
 * the account has NOW. A deactivated account or a bumped session ends the socket (`unauthorized`); a role
 * no longer allowed answers `forbidden` and ends it too. The current role and name are written back to
 * the socket's actor, which the handlers read.
 */
export function guardStaffEvents(socket: Socket, db: Db, options: { roles?: ReadonlySet<Role>; events?: ReadonlySet<string> } = {}): void {
  socket.use(async (packet, next) => {
    const [event, ...args] = packet as [string, ...unknown[]];
    if (options.events && !options.events.has(event)) return next();
    const ack = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as (r: unknown) => void) : undefined;
    const data = socket.data as StaffData;
    try {
      const account = await loadStaffAccount(db, data.workspaceId, data.actor.id);
      const code = !account || !account.active || account.sessionVersion !== data.sessionVersion ? 'unauthorized' : options.roles && !options.roles.has(account.role) ? 'forbidden' : null;
      if (!code) {
        data.actor.role = account!.role;
        data.actor.name = account!.name;
        return next();
      }
      ack?.({ ok: false, error: { code, message: code === 'unauthorized' ? 'Your session has ended. Sign in again.' : 'Your role no longer allows this.' } });
      socket.disconnect(true);
    } catch (error) {
      logger.error({ err: error, event }, 'staff re-check failed');
      ack?.({ ok: false, error: { code: 'internal', message: 'Internal error' } });
    }
  });
}
