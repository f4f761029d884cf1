import { describe, expect, it } from 'vitest';
import { planEndTimer, timerIsCurrent, type TurnState } from '../../src/domain/chat/end-timers';
import { mergeParams, MAX_PARAMS, sanitizeParams } from '../../src/domain/crm/params';
import { identityOutcome, partnerIdHash, verifyPartnerId } from '../../src/domain/crm/verify';
import { canInvite, normalizeRating, ratingDecision, schemeFor } from '../../src/domain/satisfaction/rules';
import { parseRange } from '../../src/domain/satisfaction/range';
import { ChannelEndOfChat, EndOfChatSettings, endOfChatFor, RatingScheme, SatisfactionSettings } from '../../src/domain/settings/schemas-service';

const sat = (patch: Record<string, unknown> = {}) => SatisfactionSettings.parse({ enabled: true, ...patch });

describe('satisfaction invitations (F8)', () => {
  const base = { by: 'agent' as const, sent: 0, status: 'active' as const, alreadyRated: false };
  it('allows invitations up to the per-conversation maximum', () => {
    expect(canInvite({ ...base, settings: sat({ maxInvitations: 2 }) }).ok).toBe(true);
    expect(canInvite({ ...base, settings: sat({ maxInvitations: 2 }), sent: 1 }).ok).toBe(true);
    expect(canInvite({ ...base, settings: sat({ maxInvitations: 2 }), sent: 2 })).toMatchObject({ ok: false, code: 'conflict' });
  });
  it('respects the switches: off, automatic at end, agent invitations, open chat only', () => {
    expect(canInvite({ ...base, settings: sat({ enabled: false }) }).ok).toBe(false);
    expect(canInvite({ ...base, by: 'end', status: 'ended', settings: sat({ inviteOnEnd: false }) }).ok).toBe(false);
    expect(canInvite({ ...base, by: 'end', status: 'ended', settings: sat() }).ok).toBe(true);
    expect(canInvite({ ...base, settings: sat({ agentMayInvite: false }) })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(canInvite({ ...base, status: 'ended', settings: sat() })).toMatchObject({ ok: false, code: 'invalid_state' });
  });
  it('sends no invitation once rated when a later rating could not overwrite', () => {
    expect(canInvite({ ...base, alreadyRated: true, settings: sat({ allowOverwrite: false }) })).toMatchObject({ ok: false, code: 'conflict' });
    expect(canInvite({ ...base, alreadyRated: true, settings: sat({ allowOverwrite: true }) }).ok).toBe(true);
  });
});

describe('rating overwrite rules (F8)', () => {
  const base = { invitations: 1, status: 'ended' as const, hasAgent: true, existing: false };
  it('inserts a first rating; a second overwrites only when allowed', () => {
    expect(ratingDecision({ ...base, settings: sat() })).toEqual({ ok: true, action: 'insert' });
    expect(ratingDecision({ ...base, existing: true, settings: sat({ allowOverwrite: true }) })).toEqual({ ok: true, action: 'overwrite' });
    expect(ratingDecision({ ...base, existing: true, settings: sat({ allowOverwrite: false }) })).toMatchObject({ ok: false, code: 'conflict' });
  });
  it('unprompted ratings need the setting; unserved chats cannot be rated', () => {
    expect(ratingDecision({ ...base, invitations: 0, settings: sat({ visitorMayRateUnprompted: false }) })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(ratingDecision({ ...base, invitations: 0, settings: sat({ visitorMayRateUnprompted: true }) }).ok).toBe(true);
    expect(ratingDecision({ ...base, hasAgent: false, settings: sat() }).ok).toBe(false);
  });
  it('checks score and tags against the scheme and drops disabled fields', () => {
    const scheme = RatingScheme.parse({ scale: 3, levels: [{ score: 1, label: 'Bad', tags: ['Slow'] }, { score: 2, label: 'Ok' }, { score: 3, label: 'Great', tags: ['Quick'] }], commentEnabled: false, solvedEnabled: true });
    expect(normalizeRating(scheme, { score: 3, tags: ['Quick'], comment: 'hi', solved: true })).toEqual({ ok: true, rating: { scale: 3, score: 3, label: 'Great', tags: ['Quick'], comment: null, solved: true } });
    expect(normalizeRating(scheme, { score: 3, tags: ['Slow'] }).ok).toBe(false);
    expect(normalizeRating(scheme, { score: 4 }).ok).toBe(false);
  });
  it('validates schemes: one labelled level per score of the scale', () => {
    expect(RatingScheme.safeParse({ scale: 2, levels: [{ score: 1, label: 'Bad' }, { score: 2, label: 'Good' }] }).success).toBe(true);
    expect(RatingScheme.safeParse({ scale: 3, levels: [{ score: 1, label: 'Bad' }, { score: 2, label: 'Good' }] }).success).toBe(false);
    expect(RatingScheme.safeParse({ scale: 2, levels: [{ score: 2, label: 'Bad' }, { score: 1, label: 'Good' }] }).success).toBe(false);
  });
  it('uses the skill group override, else the default scheme', () => {
    const group = '6f1c2a9e-8a57-4f43-9a4b-0d3b0e3f8a11';
    const settings = sat({ groupSchemes: { [group]: { scale: 2, levels: [{ score: 1, label: 'No' }, { score: 2, label: 'Yes' }] } } });
    expect(schemeFor(settings, group).scale).toBe(2);
    expect(schemeFor(settings, null).scale).toBe(5);
  });
});

describe('end-of-chat timer scheduling (F9)', () => {
  const config = ChannelEndOfChat.parse({ agentReplyTimeout: { enabled: true, minutes: 2 }, inactivity: { enabled: true, warnAfterMinutes: 0.5, endAfterMinutes: 1 } });
  const now = new Date('2030-01-01T12:00:00Z');
  const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000);
  const active = (last: TurnState['last']): TurnState => ({ status: 'active', assignedAt: at(100), last });

  it("after a visitor message it is the agent's turn: reply prompt N minutes after it", () => {
    expect(planEndTimer(active({ seq: 4, senderType: 'visitor', at: at(30) }), config, now)).toEqual({ kind: 'reply-prompt', mark: 4, delayMs: 90_000 });
  });
  it("after an agent message it is the visitor's turn: inactivity warning N minutes after it", () => {
    expect(planEndTimer(active({ seq: 5, senderType: 'agent', at: at(10) }), config, now)).toEqual({ kind: 'inactivity-warn', mark: 5, delayMs: 20_000 });
    expect(planEndTimer(active(null), config, now)).toEqual({ kind: 'inactivity-warn', mark: 0, delayMs: 0 });
  });
  it('schedules nothing for chats that are not active or when the feature is off', () => {
    expect(planEndTimer({ ...active(null), status: 'ended' }, config, now)).toBeNull();
    expect(planEndTimer({ ...active(null), status: 'queued' }, config, now)).toBeNull();
    const off = ChannelEndOfChat.parse({});
    expect(planEndTimer(active({ seq: 1, senderType: 'visitor', at: at(1) }), off, now)).toBeNull();
    expect(planEndTimer(active({ seq: 1, senderType: 'agent', at: at(1) }), off, now)).toBeNull();
  });
  it('a fired timer is stale once a newer message exists or the turn changed', () => {
    const state = active({ seq: 7, senderType: 'agent', at: at(1) });
    expect(timerIsCurrent(state, 'inactivity-warn', 7)).toBe(true);
    expect(timerIsCurrent(state, 'inactivity-end', 7)).toBe(true);
    expect(timerIsCurrent(state, 'inactivity-warn', 6)).toBe(false);
    expect(timerIsCurrent(state, 'reply-prompt', 7)).toBe(false);
    expect(timerIsCurrent({ ...state, status: 'ended' }, 'inactivity-end', 7)).toBe(false);
  });
  it('per-channel overrides fall back to the global default; fractional minutes are allowed', () => {
    const settings = EndOfChatSettings.parse({ chatEndedPrompt: 'Bye', channels: { app: { chatEndedPrompt: 'Bye from the app', inactivity: { enabled: true, warnAfterMinutes: 0.02, endAfterMinutes: 0.02 } } } });
    expect(endOfChatFor(settings, 'desktop').chatEndedPrompt).toBe('Bye');
    expect(endOfChatFor(settings, 'app').chatEndedPrompt).toBe('Bye from the app');
    expect(endOfChatFor(settings, 'app').inactivity.warnAfterMinutes).toBe(0.02);
    expect(EndOfChatSettings.safeParse({ inactivity: { warnAfterMinutes: 0 } }).success).toBe(false);
  });
});

describe('identity verification (F2)', () => {
  const secret = 'a'.repeat(64);
  it('computes hex(HMAC-SHA256(secret, partnerid)) and compares it', () => {
    // Reference value: printf 'customer-42' | openssl dgst -sha256 -hmac "$secret"
    const hash = partnerIdHash(secret, 'customer-42');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyPartnerId(secret, 'customer-42', hash)).toBe(true);
    expect(verifyPartnerId(secret, 'customer-42', hash.toUpperCase())).toBe(true);
    expect(verifyPartnerId(secret, 'customer-43', hash)).toBe(false);
    expect(verifyPartnerId('b'.repeat(64), 'customer-42', hash)).toBe(false);
    expect(verifyPartnerId(secret, 'customer-42', 'abc')).toBe(false);
    expect(verifyPartnerId(secret, 'customer-42', undefined)).toBe(false);
  });
  it('mandatory refuses unverified partnerids; anonymous visitors stay allowed', () => {
    const good = partnerIdHash(secret, 'p1');
    expect(identityOutcome('mandatory', secret, 'p1', good)).toEqual({ kind: 'identified', verified: true });
    expect(identityOutcome('mandatory', secret, 'p1', 'f'.repeat(64)).kind).toBe('refused');
    expect(identityOutcome('mandatory', secret, 'p1', undefined).kind).toBe('refused');
    expect(identityOutcome('mandatory', secret, undefined, undefined)).toEqual({ kind: 'anonymous' });
    expect(identityOutcome('optional', secret, 'p1', 'bad')).toEqual({ kind: 'identified', verified: false });
    expect(identityOutcome('off', secret, 'p1', undefined)).toEqual({ kind: 'identified', verified: false });
  });
  it('custom params: valid keys, string values, capped', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, `v${i}`]));
    expect(Object.keys(sanitizeParams(many))).toHaveLength(MAX_PARAMS);
    expect(sanitizeParams({ plan: 'gold', 'bad key': 'x', n: 3, obj: { a: 1 }, long: 'x'.repeat(600) })).toEqual({ plan: 'gold', n: '3', long: 'x'.repeat(500) });
    expect(mergeParams({ a: '1', b: '2' }, { b: '3' })).toEqual({ a: '1', b: '3' });
  });
});

describe('results range', () => {
  it('parses inclusive days and defaults to the last 30 days', () => {
    const r = parseRange('2030-01-01', '2030-01-31');
    expect(r.from.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(r.to.toISOString()).toBe('2030-02-01T00:00:00.000Z');
    const d = parseRange(null, null, new Date('2030-03-10T15:00:00Z'));
    expect(d.to.toISOString()).toBe('2030-03-11T00:00:00.000Z');
    expect(() => parseRange('2030-02-01', '2030-01-01')).toThrow();
    expect(() => parseRange('yesterday', null)).toThrow();
  });
});
