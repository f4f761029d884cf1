import { describe, expect, it } from 'vitest';
import { unavailableReason } from '@/components/chat/TransferDialog';
import {
  describeConditions,
  errorAt,
  fromAssignmentForm,
  move,
  newRule,
  newRuleId,
  parseTags,
  parseTargetKey,
  targetKey,
  targetLabel,
  toAssignmentForm,
} from '@/components/console/routing-form';
import { fromQueueForm, nextFreeGroup, toQueueForm } from '@/components/console/queue-form';
import { AssignmentSettings, QueueSettings, defaultSettings } from '@/domain/settings/schemas';

const G1 = '11111111-1111-4111-8111-111111111111';
const G2 = '22222222-2222-4222-8222-222222222222';
const A1 = '33333333-3333-4333-8333-333333333333';

const assignment = AssignmentSettings.parse({
  defaultReceptionLimit: 3,
  rules: [
    {
      id: 'vip1',
      name: 'VIP on pricing',
      enabled: false,
      conditions: { channels: ['desktop', 'app'], entryUrlPattern: '*/pricing*', vip: 'vip', tags: ['gold', 'returning'], designated: 'no' },
      target: { type: 'group', id: G1 },
      method: 'last_served',
      lastServedMinutes: 30,
      overflow: [{ type: 'agent', id: A1 }, { type: 'group', id: G2 }, { type: 'all' }],
    },
    { id: 'r2', name: 'Everything else', target: { type: 'agent', id: A1 }, method: 'round_robin' },
  ],
  defaultRule: { target: { type: 'group', id: G2 }, method: 'round_robin', overflow: [{ type: 'all' }] },
  autoTransfer: { enabled: true, seconds: 45 },
});

/** What the browser sends: NaN becomes null. */
const wire = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('assignment form <-> settings value', () => {
  it('round-trips a full value unchanged', () => {
    const back = fromAssignmentForm(toAssignmentForm(assignment));
    expect(back).toEqual(assignment);
    expect(AssignmentSettings.parse(wire(back))).toEqual(assignment);
    expect(fromAssignmentForm(toAssignmentForm(defaultSettings('assignment')))).toEqual(defaultSettings('assignment'));
  });

  it('shows numbers and tags as text and targets as select keys', () => {
    const form = toAssignmentForm(assignment);
    expect(form.defaultReceptionLimit).toBe('3');
    expect(form.rules[0]).toMatchObject({ tags: 'gold, returning', target: `group:${G1}`, overflow: [`agent:${A1}`, `group:${G2}`, 'all'], lastServedMinutes: '30' });
    expect(form.defaultRule.target).toBe(`group:${G2}`);
    expect(form.autoTransfer).toEqual({ enabled: true, seconds: '45' });
  });

  it('normalises what was typed: tags, channel order, empty numbers', () => {
    const form = toAssignmentForm(assignment);
    form.rules[0].tags = ' gold ,, silver, gold ,';
    form.rules[0].channels = ['mobile', 'desktop'];
    form.defaultReceptionLimit = '';
    form.autoTransfer.seconds = 'abc';
    const value = wire(fromAssignmentForm(form));
    expect(value.rules[0].conditions.tags).toEqual(['gold', 'silver']);
    expect(value.rules[0].conditions.channels).toEqual(['desktop', 'mobile']);
    expect(value.defaultReceptionLimit).toBeNull();
    expect(value.autoTransfer.seconds).toBeNull();
    // The schema refuses them with paths the form maps back to its fields.
    const parsed = AssignmentSettings.safeParse(value);
    expect(parsed.success).toBe(false);
    const errors = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(errorAt(errors, 'defaultReceptionLimit')).toBe('Enter a whole number.');
    expect(errorAt(errors, 'autoTransfer.seconds')).toBe('Enter a whole number.');
  });

  it('new rules get unique 8-character ids and free names, and are valid once saved', () => {
    const form = toAssignmentForm(assignment);
    const ids = ['aaaaaaaa-1', 'vip1xxxx', 'bbbbbbbb'];
    const rule = newRule(form.rules, () => ids.shift()!);
    expect(rule.id).toBe('aaaaaaaa');
    expect(rule.name).toBe('Rule 3');
    expect(newRuleId(['aaaaaaaa'], (() => { const seq = ['aaaaaaaa', 'cccccccc']; return () => seq.shift()!; })())).toBe('cccccccc');
    expect(newRuleId([])).toMatch(/^[0-9a-f]{8}$/);
    form.rules.push(rule);
    expect(AssignmentSettings.safeParse(wire(fromAssignmentForm(form))).success).toBe(true);
  });

  it('target keys parse back, unknown keys fall back to all agents', () => {
    for (const t of [{ type: 'all' }, { type: 'group', id: G1 }, { type: 'agent', id: A1 }] as const) expect(parseTargetKey(targetKey(t))).toEqual(t);
    expect(parseTargetKey('group:')).toEqual({ type: 'all' });
    expect(parseTargetKey('nonsense')).toEqual({ type: 'all' });
    const groups = [{ id: G1, name: 'Sales' }];
    const agents = [{ id: A1, name: 'Alice' }];
    expect(targetLabel(`group:${G1}`, agents, groups)).toBe('Sales (group)');
    expect(targetLabel(`agent:${A1}`, agents, groups)).toBe('Alice');
    expect(targetLabel(`group:${G2}`, agents, groups)).toBe('Deleted group');
    expect(targetLabel(`agent:${G2}`, agents, groups)).toBe('Deleted agent');
    expect(targetLabel('all', agents, groups)).toBe('All agents');
  });

  it('moves items up and down, ignoring moves past either end', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('describes conditions in one line', () => {
    const [rule] = toAssignmentForm(assignment).rules;
    expect(describeConditions(rule)).toBe('Desktop site, App · page */pricing* · VIP · tagged gold or returning · not designated');
    expect(describeConditions(newRule([]))).toBe('Every chat');
  });

  it('finds errors at a field or below it', () => {
    const errors = { 'rules.0.conditions.tags.2': 'Too big', 'rules.1.name': 'Give the rule a name' };
    expect(errorAt(errors, 'rules.0.conditions.tags')).toBe('Too big');
    expect(errorAt(errors, 'rules.1.name')).toBe('Give the rule a name');
    expect(errorAt(errors, 'rules.1')).toBe('Give the rule a name');
    expect(errorAt(errors, 'rules.10')).toBeUndefined();
    expect(parseTags('')).toEqual([]);
  });
});

describe('queue form <-> settings value', () => {
  const queue = QueueSettings.parse({ maxLength: 20, groupMaxLength: { [G2]: 5, [G1]: 3 }, vipPriority: false, timeoutMinutes: 0, timeoutAction: 'offer_submission' });

  it('round-trips, listing group limits in the picker order', () => {
    const form = toQueueForm(queue, [G1, G2]);
    expect(form.groupLimits).toEqual([
      { groupId: G1, max: '3' },
      { groupId: G2, max: '5' },
    ]);
    expect(form.timeoutMinutes).toBe('0');
    expect(fromQueueForm(form)).toEqual(queue);
    expect(QueueSettings.parse(wire(fromQueueForm(toQueueForm(defaultSettings('queue')))))).toEqual(defaultSettings('queue'));
  });

  it('an emptied group limit is refused at that group', () => {
    const form = toQueueForm(queue, [G1, G2]);
    form.groupLimits[1].max = '';
    const parsed = QueueSettings.safeParse(wire(fromQueueForm(form)));
    expect(parsed.success).toBe(false);
    const errors = Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(errorAt(errors, `groupMaxLength.${G2}`)).toBe('Enter a whole number.');
  });

  it('offers the next group without a limit', () => {
    const groups = [{ id: G1, name: 'Sales' }, { id: G2, name: 'Support' }];
    expect(nextFreeGroup([], groups)).toBe(G1);
    expect(nextFreeGroup([{ groupId: G1, max: '1' }], groups)).toBe(G2);
    expect(nextFreeGroup([{ groupId: G1, max: '1' }, { groupId: G2, max: '1' }], groups)).toBeNull();
  });
});

describe('transfer targets', () => {
  it('only online agents under their limit can take a chat', () => {
    expect(unavailableReason({ id: A1, name: 'A', status: 'online', load: 0, limit: 1 })).toBeNull();
    expect(unavailableReason({ id: A1, name: 'A', status: 'online', load: 1, limit: 1 })).toBe('At their limit');
    expect(unavailableReason({ id: A1, name: 'A', status: 'busy', load: 0, limit: 1 })).toBe('Busy');
    expect(unavailableReason({ id: A1, name: 'A', status: 'offline', load: 0, limit: 0 })).toBe('Offline');
  });
});
