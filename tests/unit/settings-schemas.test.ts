import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  SETTINGS_SCHEMAS,
  SETTINGS_SECTIONS,
  SettingsSectionSchema,
  type SettingsSection,
} from '@/domain/settings/schemas';

/** A value of the wrong type for a field whose default is `value`. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'boolean') return 'yes';
  if (typeof value === 'number') return 'many';
  if (typeof value === 'string') return 12345;
  if (Array.isArray(value)) return 'not-an-array';
  return 'not-an-object';
}

describe('settings schemas', () => {
  it('cover every Chat Settings section', () => {
    expect(SETTINGS_SECTIONS).toEqual(expect.arrayContaining(['mode', 'autoSave', 'assignment', 'queue', 'submission', 'sensitiveWords', 'satisfaction', 'endOfChat', 'webhook']));
    for (const section of SETTINGS_SECTIONS) expect(SettingsSectionSchema.parse(section)).toBe(section);
    expect(SettingsSectionSchema.safeParse('nope').success).toBe(false);
  });

  describe.each(SETTINGS_SECTIONS.map((s) => [s] as [SettingsSection]))('%s', (section) => {
    const schema = SETTINGS_SCHEMAS[section];

    it('parses an empty object to complete defaults', () => {
      const defaults = schema.parse({});
      expect(defaults).toEqual(defaultSettings(section));
      expect(Object.keys(defaults as object).length).toBeGreaterThan(0);
    });

    it('accepts its own defaults unchanged, also after a JSON round trip (as stored in jsonb)', () => {
      const defaults = defaultSettings(section);
      expect(schema.parse(defaults)).toEqual(defaults);
      expect(schema.parse(JSON.parse(JSON.stringify(defaults)))).toEqual(defaults);
    });

    it('rejects a non-object', () => {
      expect(schema.safeParse('mode=realtime').success).toBe(false);
      expect(schema.safeParse(null).success).toBe(false);
    });

    it('rejects a wrongly typed field and reports its path', () => {
      const defaults = defaultSettings(section) as Record<string, unknown>;
      for (const [key, value] of Object.entries(defaults)) {
        const result = schema.safeParse({ ...defaults, [key]: wrongTypeFor(value) });
        expect(result.success, `${section}.${key} should be rejected`).toBe(false);
        if (!result.success) expect(result.error.issues[0].path[0]).toBe(key);
      }
    });
  });

  it('rejects an unknown mode with the path of the field', () => {
    const result = SETTINGS_SCHEMAS.mode.safeParse({ mode: 'sometimes' });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join('.'))).toContain('mode');
  });

  it('rejects an unknown always-on assignment target with a nested path', () => {
    const result = SETTINGS_SCHEMAS.mode.safeParse({ alwaysOn: { assignTo: 'robots' } });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join('.'))).toContain('alwaysOn.assignTo');
  });

  it('rejects out-of-range numbers', () => {
    const limit = SETTINGS_SCHEMAS.assignment.safeParse({ defaultReceptionLimit: 0 });
    expect(limit.success).toBe(false);
    if (!limit.success) expect(limit.error.issues[0].path).toEqual(['defaultReceptionLimit']);
    const fractional = SETTINGS_SCHEMAS.assignment.safeParse({ defaultReceptionLimit: 2.5 });
    expect(fractional.success).toBe(false);
    const queue = SETTINGS_SCHEMAS.queue.safeParse({ maxLength: -1 });
    expect(queue.success).toBe(false);
    if (!queue.success) expect(queue.error.issues[0].path).toEqual(['maxLength']);
  });

  it('rejects an invalid webhook address but allows an empty one', () => {
    const bad = SETTINGS_SCHEMAS.webhook.safeParse({ events: { enabled: true, url: 'not a url' } });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues.map((i) => i.path.join('.'))).toContain('events.url');
    expect(SETTINGS_SCHEMAS.webhook.safeParse({ events: { enabled: false, url: '' } }).success).toBe(true);
  });

  it('rejects an unknown sensitive-word action', () => {
    const result = SETTINGS_SCHEMAS.sensitiveWords.safeParse({ customerAction: 'shout' });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0].path).toEqual(['customerAction']);
  });

  it('fills defaults for fields missing from a partially stored value', () => {
    const value = SETTINGS_SCHEMAS.mode.parse({ mode: 'always_on' });
    expect(value.mode).toBe('always_on');
    expect(value.alwaysOn).toEqual(defaultSettings('mode').alwaysOn);
    expect(value.noAgentNotice).toBe(defaultSettings('mode').noAgentNotice);
  });
});
