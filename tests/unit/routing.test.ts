import { describe, expect, it } from 'vitest';
import { buildPlan, conditionsMatch, globMatches, matchRule, type ChatContext } from '../../src/domain/routing/rules';
import { agentsInOrder, rankAgents, rankByRoundRobin, rankBySaturation, servableTargetKeys, type AgentSnapshot } from '../../src/domain/routing/strategies';
import { averageHandleSeconds, DEFAULT_HANDLE_SECONDS, estimateWaitSeconds, fillQueueMessage, formatWait } from '../../src/domain/queue/wait';
import { AssignmentRule, AssignmentSettings, DefaultRule, RuleConditions } from '../../src/domain/settings/schemas';

const G1 = '11111111-1111-4111-8111-111111111111';
const G2 = '22222222-2222-4222-8222-222222222222';
const G3 = '33333333-3333-4333-8333-333333333333';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

function agent(id: string, fields: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return { id, status: 'online', limit: 3, load: 0, lastAssignedAt: 0, groupIds: [], ...fields };
}

const chat = (fields: Partial<ChatContext> = {}): ChatContext => ({ channel: 'desktop', entryUrl: 'https://shop.example/pricing', vip: false, tags: [], designated: null, ...fields });
const rule = (fields: Partial<AssignmentRule> & Pick<AssignmentRule, 'target'>): AssignmentRule => AssignmentRule.parse({ id: 'r', name: 'Rule', ...fields });
const defaultRule = DefaultRule.parse({});

describe('saturation', () => {
  it('prefers the lowest load/limit ratio', () => {
    const ranked = rankBySaturation([agent('a', { load: 2, limit: 4 }), agent('b', { load: 1, limit: 4 }), agent('c', { load: 1, limit: 1 })]);
    expect(ranked.map((a) => a.id)).toEqual(['b', 'a']); // c is at its limit
  });
  it('breaks ties by the longest time since the last assignment, then by id', () => {
    const ranked = rankBySaturation([agent('a', { load: 1, lastAssignedAt: 300 }), agent('b', { load: 1, lastAssignedAt: 100 }), agent('c', { load: 1, lastAssignedAt: 100 })]);
    expect(ranked.map((a) => a.id)).toEqual(['b', 'c', 'a']);
  });
  it('never offers busy, offline or full agents', () => {
    expect(rankBySaturation([agent('a', { status: 'busy' }), agent('b', { status: 'offline' }), agent('c', { load: 3 })])).toEqual([]);
  });
});

describe('round robin', () => {
  const agents = [agent('c'), agent('a'), agent('b')];
  it('rotates in id order starting after the last agent served', () => {
    expect(rankByRoundRobin(agents, null).map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(rankByRoundRobin(agents, 'a').map((a) => a.id)).toEqual(['b', 'c', 'a']);
    expect(rankByRoundRobin(agents, 'c').map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });
  it('skips agents without capacity and survives the last one having left', () => {
    expect(rankByRoundRobin([agent('a'), agent('b', { load: 3 }), agent('c')], 'a').map((x) => x.id)).toEqual(['c', 'a']);
    expect(rankByRoundRobin([agent('a'), agent('c')], 'b').map((x) => x.id)).toEqual(['c', 'a']);
  });
});

describe('last-served agent first', () => {
  const agents = [agent('a', { load: 0 }), agent('b', { load: 2 })];
  it('puts the returning customer’s agent first when online with capacity', () => {
    expect(rankAgents(agents, 'last_served', { roundRobinLast: null, lastServedAgentId: 'b' }).map((a) => a.id)).toEqual(['b', 'a']);
  });
  it('falls back to saturation when that agent is full, offline or unknown', () => {
    const full = [agent('a'), agent('b', { load: 3 })];
    expect(rankAgents(full, 'last_served', { roundRobinLast: null, lastServedAgentId: 'b' }).map((a) => a.id)).toEqual(['a']);
    expect(rankAgents(agents, 'last_served', { roundRobinLast: null, lastServedAgentId: null }).map((a) => a.id)).toEqual(['a', 'b']);
  });
});

describe('rules and plans', () => {
  it('matches conditions on channel, entry URL glob, VIP, tags and designation', () => {
    const c = RuleConditions.parse({ channels: ['mobile'], entryUrlPattern: '*/pricing*', vip: 'vip', tags: ['gold'] });
    expect(conditionsMatch(c, chat({ channel: 'mobile', vip: true, tags: ['gold'] }))).toBe(true);
    expect(conditionsMatch(c, chat({ channel: 'desktop', vip: true, tags: ['gold'] }))).toBe(false);
    expect(conditionsMatch(c, chat({ channel: 'mobile', vip: false, tags: ['gold'] }))).toBe(false);
    expect(conditionsMatch(c, chat({ channel: 'mobile', vip: true, tags: [] }))).toBe(false);
    expect(conditionsMatch(c, chat({ channel: 'mobile', vip: true, tags: ['gold'], entryUrl: 'https://shop.example/help' }))).toBe(false);
    expect(conditionsMatch(RuleConditions.parse({ designated: 'yes' }), chat())).toBe(false);
    expect(conditionsMatch(RuleConditions.parse({ designated: 'no' }), chat())).toBe(true);
  });

  it('globs are anchored, case-insensitive and treat regex characters literally', () => {
    expect(globMatches('https://SHOP.example/*', 'https://shop.example/a?b=1')).toBe(true);
    expect(globMatches('*.example/pricing', 'https://shop.example/pricing')).toBe(true);
    expect(globMatches('shop.example', 'https://shop.example/')).toBe(false);
    expect(globMatches('a.c', 'abc')).toBe(false);
  });

  it('takes the first enabled matching rule, else the default rule', () => {
    const rules = [
      rule({ id: 'off', enabled: false, target: { type: 'group', id: G1 } }),
      rule({ id: 'mobile', conditions: RuleConditions.parse({ channels: ['mobile'] }), target: { type: 'group', id: G2 } }),
      rule({ id: 'any', target: { type: 'group', id: G3 } }),
    ];
    expect(matchRule(rules, defaultRule, chat({ channel: 'mobile' })).id).toBe('mobile');
    expect(matchRule(rules, defaultRule, chat()).id).toBe('any');
    expect(matchRule(rules.slice(0, 2), defaultRule, chat()).id).toBeNull();
  });

  it('builds the overflow chain: rule target first, then up to 4 overflow targets, without duplicates', () => {
    const r = rule({ target: { type: 'group', id: G1 }, overflow: [{ type: 'group', id: G2 }, { type: 'group', id: G1 }, { type: 'all' }], method: 'round_robin' });
    const plan = buildPlan([r], defaultRule, chat());
    expect(plan.steps.map((s) => s.target)).toEqual([{ type: 'group', id: G1 }, { type: 'group', id: G2 }, { type: 'all' }]);
    expect(plan.steps.every((s) => s.method === 'round_robin')).toBe(true);
    expect(plan.queueTarget).toEqual({ type: 'group', id: G1 });
    expect(() => AssignmentRule.parse({ id: 'x', name: 'x', target: { type: 'all' }, overflow: Array(5).fill({ type: 'all' }) })).toThrow(/4 overflow/);
  });

  it('designated "must" only ever tries the designated target; "may" falls back to the rules', () => {
    const r = rule({ target: { type: 'group', id: G1 }, overflow: [{ type: 'all' }] });
    const must = buildPlan([r], defaultRule, chat({ designated: { target: { type: 'agent', id: A }, mode: 'must' } }));
    expect(must.steps.map((s) => s.target)).toEqual([{ type: 'agent', id: A }]);
    expect(must.queueTarget).toEqual({ type: 'agent', id: A });
    const may = buildPlan([r], defaultRule, chat({ designated: { target: { type: 'agent', id: A }, mode: 'may' } }));
    expect(may.steps.map((s) => s.target)).toEqual([{ type: 'agent', id: A }, { type: 'group', id: G1 }, { type: 'all' }]);
  });

  it('carries the last-served window only for that method', () => {
    expect(buildPlan([], DefaultRule.parse({ method: 'last_served', lastServedMinutes: 30 }), chat()).lastServedMinutes).toBe(30);
    expect(buildPlan([], defaultRule, chat()).lastServedMinutes).toBeNull();
  });

  it('rejects invalid assignment settings with a path', () => {
    const result = AssignmentSettings.safeParse({ defaultReceptionLimit: 0, rules: [{ id: 'x', name: '', target: { type: 'group', id: 'nope' } }] });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['defaultReceptionLimit', 'rules.0.name', 'rules.0.target.id']));
  });
});

describe('queues an agent serves', () => {
  it('are all, their own and their groups', () => {
    expect(servableTargetKeys({ id: A, groupIds: [G1, G2] })).toEqual(['all', `agent:${A}`, `group:${G1}`, `group:${G2}`]);
  });
});

describe('wait estimate', () => {
  it('averages recent handling times, defaulting when there are none', () => {
    expect(averageHandleSeconds([])).toBe(DEFAULT_HANDLE_SECONDS);
    expect(averageHandleSeconds([100, 300, -5, Number.NaN])).toBe(200);
  });
  it('scales with position and shrinks with online capacity; unknown with nobody online', () => {
    expect(estimateWaitSeconds(1, 300, 5)).toBe(60);
    expect(estimateWaitSeconds(10, 300, 5)).toBe(600);
    expect(estimateWaitSeconds(10, 300, 10)).toBe(300);
    expect(estimateWaitSeconds(3, 300, 0)).toBeNull();
  });
  it('fills {position} and {wait} in queue messages', () => {
    expect(formatWait(30)).toBe('under a minute');
    expect(formatWait(4 * 60)).toBe('about 4 min');
    expect(formatWait(90 * 60)).toBe('about 1 h 30 min');
    expect(fillQueueMessage('You are #{position}, wait {wait}. Again: {position}', 2, 240)).toBe('You are #2, wait about 4 min. Again: 2');
    // Nobody online to serve the queue (issue 21): the part naming the wait is left out, never "wait unknown".
    expect(fillQueueMessage('All our agents are busy. You are number {position} in the queue; estimated wait {wait}.', 1, null)).toBe('All our agents are busy. You are number 1 in the queue.');
    expect(fillQueueMessage('Position {position}. Estimated wait: {wait}.', 3, null)).toBe('Position 3.');
    expect(fillQueueMessage('You are #{position}, wait {wait}, thanks!', 1, null)).toBe('You are #1, thanks!');
    expect(fillQueueMessage('Wait {wait}', 1, null)).toBe('Wait');
  });
});

describe('agentsInOrder (the hot path takes agents one at a time)', () => {
  it('yields exactly the order rankAgents sorts, for every method and eligibility', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 50; round++) {
      const agents: AgentSnapshot[] = Array.from({ length: 30 }, (_, i) => ({
        id: `agent-${String(i).padStart(2, '0')}`,
        status: random() < 0.8 ? 'online' : 'busy',
        limit: 1 + Math.floor(random() * 5),
        load: 0,
        lastAssignedAt: Math.floor(random() * 4) * 1000,
        groupIds: [],
      }));
      for (const a of agents) a.load = Math.floor(random() * (a.limit + 1));
      const ctx = { roundRobinLast: agents[Math.floor(random() * 30)].id, lastServedAgentId: agents[Math.floor(random() * 30)].id };
      for (const method of ['saturation', 'round_robin', 'last_served'] as const) {
        expect([...agentsInOrder(agents, method, ctx)].map((a) => a.id)).toEqual(rankAgents(agents, method, ctx).map((a) => a.id));
      }
    }
  });
});
