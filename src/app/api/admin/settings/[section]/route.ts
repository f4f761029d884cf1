import { z } from 'zod';
import { SettingsSectionSchema, type SettingsSection } from '../../../../../domain/settings/schemas';
import { ADMIN_ONLY, CONSOLE_ROLES, withUser } from '../../../../../lib/auth';
import { AppError, badRequestFromZod, isAppError } from '../../../../../lib/errors';
import { services } from '../../../../../lib/services';
import { settingsSections } from '../../../../../lib/settings-sections';

function sectionParam(value: string | undefined): SettingsSection {
  const parsed = SettingsSectionSchema.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', 'Unknown settings section');
  return parsed.data;
}

const PutBody = z.object({
  value: z.custom<unknown>((v) => v !== undefined, { message: 'value is required' }),
  expectedVersion: z.number().int().nonnegative().optional(),
});

/** GET /api/admin/settings/:section -> { ok, section, version, value } (version 0 = defaults, never saved). */
export const GET = withUser<{ section: string }>(CONSOLE_ROLES, async ({ user, params }) => {
  const stored = await services().settings.get(user.workspaceId, sectionParam(params.section));
  return { section: stored.section, version: stored.version, value: stored.value };
});

/**
 * PUT /api/admin/settings/:section { value, expectedVersion? } -> { ok, section, version, value }. Admin only.
 * Invalid value: 400 with details `[{ path: 'value.<field>', message }]`; stale expectedVersion: 409.
 */
export const PUT = withUser<{ section: string }>(ADMIN_ONLY, async ({ user, params, body }) => {
  const section = sectionParam(params.section);
  const parsed = PutBody.safeParse(await body());
  if (!parsed.success) throw badRequestFromZod(parsed.error, 'request');
  const { value, expectedVersion } = parsed.data;
  const saved = await withValuePaths(() => settingsSections().save(user.workspaceId, section, value, user.id, expectedVersion));
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
