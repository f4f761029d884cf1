import { TwoFactor } from '../domain/accounts/two-factor';
import { env } from './env';
import { services, type Services } from './services';

/** The web process's two-factor service, built once per services container. */
export function twoFactor(): TwoFactor {
  const holder = globalThis as unknown as { __livechatTwoFactor?: { for: Services; service: TwoFactor } };
  const s = services();
  if (holder.__livechatTwoFactor?.for !== s) holder.__livechatTwoFactor = { for: s, service: new TwoFactor(s.db, env().AUTH_SECRET) };
  return holder.__livechatTwoFactor.service;
}
