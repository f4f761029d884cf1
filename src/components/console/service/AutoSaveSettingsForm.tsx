'use client';

import { RadioCard } from '../RadioCard';
import { SettingsSectionForm } from '../SettingsSectionForm';
import { useSettingsSection, type SettingsState } from '../useSettingsForm';
import { Toggle } from './Toggle';

/** Live Chat > Settings > Chat > Customer Info Auto-save (F2). */
export function AutoSaveSettingsForm({ initial }: { initial: SettingsState<'autoSave'> }) {
  const s = useSettingsSection('autoSave', initial);
  const v = s.value;  return (
    <SettingsSectionForm form={s} title="Customer info auto-save" description="Visitors whose embed code carries data-partnerid (desktop site, mobile site, app) are saved to Customers, keyed by that id, with name, email, phone and custom data-* params. Later visits update the same customer. Visitors without partnerid stay anonymous and nothing is saved.">
      <div className="space-y-6 px-5 py-5">
        <Toggle id="enabled" checked={v.enabled} onChange={(enabled) => s.update({ enabled })} label="Save identified visitors to the CRM" />
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">Identity verification</legend>
          <p className="mb-3 text-xs text-slate-500">
            Your server computes <code>data-partnerid-hash = hex(HMAC-SHA256(workspace secret, partnerid))</code>. The secret is on the Widget page.
          </p>
          <div className="grid gap-3 md:grid-cols-3">
            <RadioCard name="verification" value="off" checked={v.verification === 'off'} onChange={() => s.update({ verification: 'off' })} title="Off">
              partnerid is trusted as given.
            </RadioCard>
            <RadioCard name="verification" value="optional" checked={v.verification === 'optional'} onChange={() => s.update({ verification: 'optional' })} title="Optional">
              The hash is checked; customers are marked verified or not. Nobody is refused.
            </RadioCard>
            <RadioCard name="verification" value="mandatory" checked={v.verification === 'mandatory'} onChange={() => s.update({ verification: 'mandatory' })} title="Mandatory">
              A partnerid without a valid hash is refused. Visitors without partnerid can still chat anonymously.
            </RadioCard>
          </div>
        </fieldset>
      </div>
    </SettingsSectionForm>
  );
}
