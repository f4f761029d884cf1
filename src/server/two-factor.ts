import type { TwoFactor } from '../domain/accounts/two-factor';
import { services } from './web';

/** The web process's two-factor service (built with its services, src/server/web.ts). */
export function twoFactor(): TwoFactor {
  return services().twoFactor;
}
