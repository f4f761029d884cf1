'use client';

import { SettingsSectionForm } from '../SettingsSectionForm';
import { useSettingsSection, type SettingsState } from '../useSettingsForm';
import { Toggle } from './Toggle';

/** Live Chat > Settings > Chat > Attachments (F11): who may send files. */
export function AttachmentSettingsForm({ initial, limits }: { initial: SettingsState<'attachments'>; limits: { maxSize: string; types: string } }) {
  const s = useSettingsSection('attachments', initial);  return (
    <SettingsSectionForm form={s} title="File sharing" description="Visitors and agents can send images and files in a chat. Images are shown as thumbnails with their metadata (location, camera) removed; other files download.">
      <div className="space-y-5 px-5 py-5">
        <Toggle id="attachments-visitor" checked={s.value.visitor} onChange={(visitor) => s.update({ visitor })} label="Visitors can send files" />
        <Toggle id="attachments-agent" checked={s.value.agent} onChange={(agent) => s.update({ agent })} label="Agents can send files" />
        <p className="text-xs text-slate-500">
          Largest file: {limits.maxSize}. Allowed types: {limits.types}. These limits are part of the server configuration.
        </p>
      </div>
    </SettingsSectionForm>
  );
}
