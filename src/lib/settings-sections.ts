import { assertRoutingReferences } from '../domain/routing/references';
import { sectionEffects, SettingsSections } from '../domain/settings/sections';
import { services, syncRouting } from './services';
import { assertWebhookSettingsTargets } from './webhook-services';

/** The console's settings save path of the web process: every section's checks and live effects. */
export function settingsSections(): SettingsSections {
  const holder = globalThis as unknown as { __livechatSettingsSections?: SettingsSections };
  if (!holder.__livechatSettingsSections) {
    const { db, settings, routing } = services();
    holder.__livechatSettingsSections = new SettingsSections(
      settings,
      sectionEffects({
        assertRoutingReferences: (workspaceId, section, value) => assertRoutingReferences(db, workspaceId, section, value),
        assertWebhookTargets: assertWebhookSettingsTargets,
        routingChanged: (workspaceId) => syncRouting(workspaceId),
        reorderPool: (workspaceId, order) => routing.rescorePool(workspaceId, order),
      }),
    );
  }
  return holder.__livechatSettingsSections;
}
