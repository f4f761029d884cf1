import { createHmac } from 'node:crypto';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { signVisitorToken, verifyHs256, verifyVisitorToken, VISITOR_RENEW_AFTER_SECONDS, visitorTokenFor } from '../../src/lib/tokens';

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

describe('verifyHs256 (node:crypto, what jose checked)', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  /** A token with any header and claims, signed with HMAC-SHA256 under `secret`. */
  const forge = (header: unknown, claims: unknown, secret = SECRET) => {
    const body = `${b64(header)}.${b64(claims)}`;
    return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  };
  const now = Math.floor(Date.now() / 1000);

  it('accepts what signVisitorToken signs, and jose agrees on the claims', async () => {
    const token = await signVisitorToken(SECRET, { vid: VID, wid: WID, tv: 3 });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
    expect(verifyHs256(SECRET, token)).toEqual(payload);
    expect(await verifyVisitorToken(SECRET, token)).toMatchObject({ vid: VID, wid: WID, tv: 3 });
  });

  it('refuses another secret, a changed payload or signature, and malformed tokens', async () => {
    const token = await signVisitorToken(SECRET, { vid: VID, wid: WID, tv: 0 });
    const [h, p, s] = token.split('.');
    expect(verifyHs256(`${SECRET}x`, token)).toBeNull();
    expect(verifyHs256(SECRET, `${h}.${b64({ typ: 'visitor', vid: WID, wid: WID, tv: 0 })}.${s}`)).toBeNull();
    expect(verifyHs256(SECRET, `${h}.${p}.${s.slice(0, -2)}`)).toBeNull();
    expect(verifyHs256(SECRET, `${h}.${p}.${s}A`)).toBeNull(); // same bytes, another spelling
    for (const bad of ['', 'a.b', 'a.b.c.d', `${h}.${p}`, `${h}.${p}.`]) expect(verifyHs256(SECRET, bad)).toBeNull();
  });

  it('refuses other algorithms and crit/b64 headers even with a valid HMAC-SHA256', () => {
    const claims = { typ: 'visitor', vid: VID, wid: WID, tv: 0 };
    expect(verifyHs256(SECRET, forge({ alg: 'HS256' }, claims))).toEqual(claims);
    for (const header of [{ alg: 'none' }, { alg: 'HS384' }, { alg: 'RS256' }, {}, { alg: 'HS256', crit: ['exp'] }, { alg: 'HS256', b64: false }]) {
      expect(verifyHs256(SECRET, forge(header, claims))).toBeNull();
    }
    expect(verifyHs256(SECRET, forge([], claims))).toBeNull();
  });

  it('refuses expired, not-yet-valid, badly typed time claims and non-object payloads', () => {
    const base = { typ: 'visitor', vid: VID, wid: WID, tv: 0 };
    expect(verifyHs256(SECRET, forge({ alg: 'HS256' }, { ...base, exp: now + 60, iat: now }))).not.toBeNull();
    expect(verifyHs256(SECRET, forge({ alg: 'HS256' }, { ...base, exp: now }))).toBeNull();
    expect(verifyHs256(SECRET, forge({ alg: 'HS256' }, { ...base, nbf: now + 60 }))).toBeNull();
    for (const bad of [{ exp: String(now + 60) }, { iat: 'yesterday' }, { nbf: null }]) expect(verifyHs256(SECRET, forge({ alg: 'HS256' }, { ...base, ...bad }))).toBeNull();
    for (const payload of [[1, 2], 'visitor', 42, null]) expect(verifyHs256(SECRET, forge({ alg: 'HS256' }, payload))).toBeNull();
  });
});
