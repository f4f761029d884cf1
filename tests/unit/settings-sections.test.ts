import { describe, expect, it } from 'vitest';
import { defaultSettings, type SettingsSection } from '../../src/domain/settings/schemas';
import { sectionEffects, SettingsSections, type SectionEffectPorts } from '../../src/domain/settings/sections';
import type { SettingsService } from '../../src/domain/settings/service';
import { AppError } from '../../src/lib/errors';

/** An in-memory settings store that records what was saved, in order with the ports' calls. */
function harness(overrides: Partial<SectionEffectPorts> = {}) {
  const log: string[] = [];
  const store: Pick<SettingsService, 'save'> = {
    save: (async (workspaceId: string, section: SettingsSection, value: unknown) => {
      log.push(`save ${section}`);
      return { section, version: 1, value: value ?? defaultSettings(section), updatedAt: new Date(), updatedBy: null };
    }) as unknown as SettingsService['save'],
  };
  const ports: SectionEffectPorts = {
    assertRoutingReferences: async (_w, section) => void log.push(`check references ${section}`),
    assertWebhookTargets: async () => void log.push('check webhook targets'),
    routingChanged: async (w) => void log.push(`routing changed ${w}`),
    reorderPool: async (w, order) => void log.push(`reorder pool ${w} ${order}`),
    ...overrides,
  };
  return { log, sections: new SettingsSections(store, sectionEffects(ports)) };
}

describe('settings sections own their checks and effects', () => {
  it('checks references before an assignment save and refreshes routing after it', async () => {
    const { log, sections } = harness();
    await sections.save('w1', 'assignment', defaultSettings('assignment'), 'u1');
    expect(log).toEqual(['check references assignment', 'save assignment', 'routing changed w1']);
  });

  it('reorders the Unassigned pool with the saved order after a mode save', async () => {
    const { log, sections } = harness();
    const mode = defaultSettings('mode');
    await sections.save('w1', 'mode', { ...mode, alwaysOn: { ...mode.alwaysOn, unassignedOrder: 'newest' } }, 'u1');
    expect(log).toEqual(['save mode', 'reorder pool w1 newest']);
  });

  it('saves nothing when a check refuses the value', async () => {
    const { log, sections } = harness({
      assertWebhookTargets: async () => {
        throw new AppError('bad_request', 'That address is not allowed');
      },
    });
    await expect(sections.save('w1', 'webhook', {}, 'u1')).rejects.toMatchObject({ code: 'bad_request' });
    expect(log).toEqual([]);
  });

  it('saves schema-only sections with no side effects', async () => {
    const { log, sections } = harness();
    await sections.save('w1', 'widget', defaultSettings('widget'), 'u1');
    expect(log).toEqual(['save widget']);
  });
});
