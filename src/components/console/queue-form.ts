/**
 * Form state <-> settings value for the Queue Settings page (same conventions as routing-form.ts). Pure code,
 * unit-tested in tests/unit/routing-form.test.ts.
 */
import { numberText, parseNumber, type Named, type QueueValue } from './routing-form';

export interface GroupLimitForm {
  groupId: string;
  max: string;
}

export interface QueueForm {
  enabled: boolean;
  maxLength: string;
  groupLimits: GroupLimitForm[];
  vipPriority: boolean;
  enterMessage: string;
  updateMessage: string;
  fullMessage: string;
  timeoutMinutes: string;
  timeoutAction: QueueValue['timeoutAction'];
  timeoutMessage: string;
  abandonAfterSeconds: string;
}

/** Groups in the order of `groupOrder` (the picker's order), unknown ids last. */
export function toQueueForm(v: QueueValue, groupOrder: string[] = []): QueueForm {
  const rank = (id: string) => {
    const i = groupOrder.indexOf(id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return {
    enabled: v.enabled,
    maxLength: numberText(v.maxLength),
    groupLimits: Object.entries(v.groupMaxLength)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([groupId, max]) => ({ groupId, max: numberText(max) })),
    vipPriority: v.vipPriority,
    enterMessage: v.enterMessage,
    updateMessage: v.updateMessage,
    fullMessage: v.fullMessage,
    timeoutMinutes: numberText(v.timeoutMinutes),
    timeoutAction: v.timeoutAction,
    timeoutMessage: v.timeoutMessage,
    abandonAfterSeconds: numberText(v.abandonAfterSeconds),
  };
}

export function fromQueueForm(f: QueueForm): QueueValue {
  const groupMaxLength: Record<string, number> = {};
  for (const row of f.groupLimits) if (row.groupId) groupMaxLength[row.groupId] = parseNumber(row.max);
  return {
    enabled: f.enabled,
    maxLength: parseNumber(f.maxLength),
    groupMaxLength,
    vipPriority: f.vipPriority,
    enterMessage: f.enterMessage,
    updateMessage: f.updateMessage,
    fullMessage: f.fullMessage,
    timeoutMinutes: parseNumber(f.timeoutMinutes),
    timeoutAction: f.timeoutAction,
    timeoutMessage: f.timeoutMessage,
    abandonAfterSeconds: parseNumber(f.abandonAfterSeconds),
  };
}

/** The first group not yet limited, for a new per-group row; null when every group has one. */
export function nextFreeGroup(rows: GroupLimitForm[], groups: Named[]): string | null {
  return groups.find((g) => !rows.some((r) => r.groupId === g.id))?.id ?? null;
}
