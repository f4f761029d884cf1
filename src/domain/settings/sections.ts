import type { z } from 'zod';
import type { ModeSettings, SettingsInput, SettingsSection, SettingsValue } from './schemas';
import type { SettingsService, StoredSettings } from './service';

/**
 * What a settings section needs besides its schema (SETTINGS_SCHEMAS, applied by SettingsService on every read
 * and save): checks against the workspace's data, run before the save so a refused value changes nothing, and
 * effects on live state, run after the save commits.
 */
export interface SectionEffects<S extends SettingsSection = SettingsSection> {
  validate?(workspaceId: string, value: SettingsInput<S>): Promise<void>;
  afterSave?(workspaceId: string, value: SettingsValue<S>): Promise<void>;
}

export type SectionEffectsRegistry = { [S in SettingsSection]?: SectionEffects<S> };

/** What the sections' checks and effects need from the rest of the system. */
export interface SectionEffectPorts {
  /** Rules and limits may only name agents and skill groups of their own workspace. */
  assertRoutingReferences(workspaceId: string, section: SettingsSection, value: unknown): Promise<void>;
  /** Every webhook URL must be a safe target (no private addresses, no other schemes). */
  assertWebhookTargets(value: unknown): Promise<void>;
  /** Limits, groups or membership changed: refresh live routing state and let the queue move. */
  routingChanged(workspaceId: string): Promise<void>;
  /** A new Unassigned-pool order applies to chats already waiting. */
  reorderPool(workspaceId: string, order: z.infer<typeof ModeSettings>['alwaysOn']['unassignedOrder']): Promise<void>;
}

/** The sections whose saves reach beyond their own row; every other section is schema only. */
export function sectionEffects(ports: SectionEffectPorts): SectionEffectsRegistry {
  return {
    assignment: {
      validate: (workspaceId, value) => ports.assertRoutingReferences(workspaceId, 'assignment', value),
      // A new default reception limit applies to every agent without an override, at once.
      afterSave: (workspaceId) => ports.routingChanged(workspaceId),
    },
    queue: { validate: (workspaceId, value) => ports.assertRoutingReferences(workspaceId, 'queue', value) },
    mode: { afterSave: (workspaceId, value) => ports.reorderPool(workspaceId, value.alwaysOn.unassignedOrder) },
    webhook: { validate: (_workspaceId, value) => ports.assertWebhookTargets(value) },
  };
}

/** The console's save path for every section: checks, versioned save with audit, then the section's effects. */
export class SettingsSections {
  constructor(
    private readonly settings: Pick<SettingsService, 'save'>,
    private readonly effects: SectionEffectsRegistry,
  ) {}

  async save<S extends SettingsSection>(workspaceId: string, section: S, value: SettingsInput<S>, actorUserId: string, expectedVersion?: number): Promise<StoredSettings<S>> {
    const effects = this.effects[section] as SectionEffects<S> | undefined;
    await effects?.validate?.(workspaceId, value);
    const saved = await this.settings.save(workspaceId, section, value, actorUserId, expectedVersion);
    await effects?.afterSave?.(workspaceId, saved.value);
    return saved;
  }
}
