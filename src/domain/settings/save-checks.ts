import type { SettingsSection, SettingsValue } from './schemas';

/**
 * Checks applied when a section is saved (not when a stored value is read back, so an older stored value
 * never stops a section from loading). Each returns `{ path, message }` issues in the words of the form.
 */
export interface SaveIssue {
  path: string;
  message: string;
}

/** Placeholders each queue message may use (src/domain/queue/wait.ts fills them). */
export const QUEUE_PLACEHOLDERS: Record<'enterMessage' | 'updateMessage' | 'fullMessage' | 'timeoutMessage', readonly string[]> = {
  enterMessage: ['position', 'wait'],
  updateMessage: ['position', 'wait'],
  fullMessage: [],
  timeoutMessage: [],
};

function list(names: readonly string[]): string {
  const shown = names.map((n) => `{${n}}`);
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The refusal for a text using a placeholder outside `allowed`, or null. */
export function unknownPlaceholder(text: string, allowed: readonly string[]): string | null {
  const unknown = [...text.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1]).filter((name) => !allowed.includes(name));
  if (!unknown.length) return null;
  const names = [...new Set(unknown)].map((n) => `{${n}}`).join(', ');
  const what = unknown.length === 1 ? `${names} is not a placeholder.` : `${names} are not placeholders.`;
  return allowed.length ? `${what} You can use ${list(allowed)}.` : `${what} This message has no placeholders.`;
}

export function saveIssues<S extends SettingsSection>(section: S, value: SettingsValue<S>): SaveIssue[] {
  if (section !== 'queue') return [];
  const queue = value as SettingsValue<'queue'>;
  const issues: SaveIssue[] = [];
  for (const [key, allowed] of Object.entries(QUEUE_PLACEHOLDERS) as [keyof typeof QUEUE_PLACEHOLDERS, readonly string[]][]) {
    const problem = unknownPlaceholder(queue[key], allowed);
    if (problem) issues.push({ path: key, message: problem });
  }
  return issues;
}
