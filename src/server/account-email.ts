import { RateLimiterRedis } from 'rate-limiter-flexible';
import { EmailChanges } from '../domain/accounts/email-change';
import { Invitations } from '../domain/accounts/invitations';
import { PasswordResets } from '../domain/accounts/password-reset';
import type { Env } from '../lib/env';
import type { Composition } from './compose';

export interface AccountEmailServices {
  invitations: Invitations;
  resets: PasswordResets;
  emailChanges: EmailChanges;
  resetLimiter: RateLimiterRedis;
}

/** The account-email flows (invitations, password resets, email changes) of a web composition. */
export function accountEmailServices(app: Pick<Composition, 'db' | 'accounts' | 'redis'>, e: Env): AccountEmailServices {
  return {
    invitations: new Invitations(app.db, app.accounts, e.PUBLIC_WEB_URL),
    resets: new PasswordResets(app.db, e.PUBLIC_WEB_URL),
    emailChanges: new EmailChanges(app.db, e.PUBLIC_WEB_URL),
    resetLimiter: new RateLimiterRedis({ storeClient: app.redis, keyPrefix: `${e.REDIS_PREFIX}:rl:pwreset`, points: e.RL_PASSWORD_RESETS_PER_HOUR, duration: 3600 }),
  };
}

