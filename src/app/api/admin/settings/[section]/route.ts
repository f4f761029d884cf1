import { z } from 'zod';
import { SETTINGS_SCHEMAS, SettingsSectionSchema, type SettingsInput } from '../../../../../domain/settings/schemas';
import { ADMIN_ONLY, CONSOLE_ROLES } from '../../../../../lib/auth';
import { AppError, badRequestFromZod, isAppError } from '../../../../../lib/errors';
import { route } from '../../../../../server/http/route';
import { services } from '../../../../../server/web';

/** `:section`: an unknown section names nothing (404). */
const SectionParams = z.object({ section: SettingsSectionSchema });

const PutBody = z.object({
  value: z.custom<unknown>((v) => v !== undefined, { message: 'value is required' }),
  expectedVersion: z.number().int().nonnegative().optional(),
});

/** GET /api/admin/settings/:section -> { ok, section, version, value } (version 0 = defaults, never saved). */
export const GET = route({ auth: { roles: CONSOLE_ROLES }, params: SectionParams }, async ({ user, params }) => {
  const stored = await services().settings.get(user.workspaceId, params.section);
  return { section: stored.section, version: stored.version, value: stored.value };
});

/**
 * PUT /api/admin/settings/:section { value, expectedVersion? } -> { ok, section, version, value }. Admin only.
 * Invalid value: 400 with details `[{ path: 'value.<field>', message }]`; stale expectedVersion: 409.
 */
export const PUT = route({ auth: { roles: ADMIN_ONLY }, params: SectionParams, body: PutBody }, async ({ user, params, body }) => {
  const { section } = params;
  // The value's schema depends on the section: parsed here, at the boundary, against that section's schema.
  const value = await withValuePaths(async () => {
    const parsed = SETTINGS_SCHEMAS[section].safeParse(body.value);
    if (!parsed.success) throw badRequestFromZod(parsed.error, `${section} settings`);
    return parsed.data as SettingsInput<typeof section>;
  });
  const saved = await withValuePaths(() => services().settingsSections.save(user.workspaceId, section, value, user.id, body.expectedVersion));
  return { section: saved.section, version: saved.version, value: saved.value };
});

/** Field paths are reported relative to the request body, so clients can map them to their inputs. */
async function withValuePaths<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isAppError(error) && error.code === 'bad_request' && Array.isArray(error.details)) {
      const details = (error.details as { path: string; message: string }[]).map((d) => ({ ...d, path: d.path ? `value.${d.path}` : 'value' }));
      throw new AppError('bad_request', error.message, details);
    }
    throw error;
  }
}
