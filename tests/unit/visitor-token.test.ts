import { describe, expect, it } from 'vitest';
import { signVisitorToken, verifyVisitorToken, VISITOR_RENEW_AFTER_SECONDS, visitorTokenFor } from '../../src/lib/tokens';

const SECRET = 'unit-test-secret-unit-test-secret-0123';
const VID = '00000000-0000-4000-8000-000000000001';
const WID = '00000000-0000-4000-8000-000000000002';

async function presented(tv = 0) {
  const token = await signVisitorToken(SECRET, { vid: VID, wid: WID, tv });
  return { token, claims: (await verifyVisitorToken(SECRET, token))! };
}

describe('visitorTokenFor (sliding renewal without a signature per reconnect)', () => {
  it('hands back a recent token that says the same', async () => {
    const p = await presented();
    expect(p.claims.iat).toBeTypeOf('number');
    expect(await visitorTokenFor(SECRET, p, { vid: VID, wid: WID, tv: 0 })).toBe(p.token);
  });

  it('signs a new one when the presented token is older than the renewal age', async () => {
    const { claims } = await presented();
    const old = { token: 'the-old-token', claims: { ...claims, iat: claims.iat! - VISITOR_RENEW_AFTER_SECONDS - 1 } };
    const renewed = await visitorTokenFor(SECRET, old, { vid: VID, wid: WID, tv: 0 });
    expect(renewed).not.toBe(old.token);
    expect(await verifyVisitorToken(SECRET, renewed)).toMatchObject({ vid: VID, wid: WID, tv: 0 });
  });

  it('signs a new one for another token version, visitor or workspace, or without a presented token', async () => {
    const p = await presented(0);
    for (const claims of [{ vid: VID, wid: WID, tv: 1 }, { vid: WID, wid: WID, tv: 0 }, { vid: VID, wid: VID, tv: 0 }]) {
      const token = await visitorTokenFor(SECRET, p, claims);
      expect(token).not.toBe(p.token);
      expect(await verifyVisitorToken(SECRET, token)).toMatchObject(claims);
    }
    expect(await verifyVisitorToken(SECRET, await visitorTokenFor(SECRET, null, { vid: VID, wid: WID, tv: 0 }))).toMatchObject({ vid: VID });
  });
});
