'use client';

import { useSettingsSection, type SettingsState } from '@/components/console/useSettingsForm';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { Field, fieldProps } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';

/** Admins only (the page checks): how long ended conversations and their files are kept (settings section `privacy`). */
export function RetentionCard({ initial }: { initial: SettingsState<'privacy'> }) {
  const form = useSettingsSection('privacy', initial);
  const on = form.value.retentionDays !== null;
  return (
    <Card className="mb-4">
      <CardHeader title="Data retention" description="Delete ended conversations, with their messages and files, once they are older than a number of days. Checked every hour." />
      <CardBody>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void form.save();
          }}
        >
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" checked={on} onChange={(e) => form.update({ retentionDays: e.target.checked ? 365 : null })} data-testid="retention-on" />
            Delete old conversations automatically
          </label>
          {on ? (
            <Field id="retention-days" label="Keep conversations for (days)" error={form.errors.retentionDays}>
              <Input
                {...fieldProps('retention-days', form.errors.retentionDays)}
                type="number"
                inputMode="numeric"
                min={1}
                max={3650}
                className="max-w-32"
                value={form.value.retentionDays ?? ''}
                onChange={(e) =>
                  form.update({
                    retentionDays: e.target.value === '' ? null : Number(e.target.value),
                  })
                }
              />
            </Field>
          ) : (
            <p className="text-sm text-slate-500">Off: conversations are kept until you erase them.</p>
          )}
          {/* F17 sneak peek: same settings section (privacy), saved with the form. */}
          <label className="flex items-start gap-2 border-t border-slate-100 pt-3 text-sm text-slate-800">
            <input type="checkbox" className="mt-0.5" checked={form.value.sneakPeek} onChange={(e) => form.update({ sneakPeek: e.target.checked })} data-testid="sneak-peek-on" />
            <span>
              Sneak peek: the agent sees what a visitor types before it is sent (never stored). The widget tells visitors while this is on.
            </span>
          </label>
          <div className="flex gap-2">
            <Button type="submit" size="sm" loading={form.saving} disabled={!form.dirty}>
              Save
            </Button>
          </div>
          {form.error && !Object.keys(form.errors).length ? <Alert tone="error">{form.error.message}</Alert> : null}
          {form.success ? <Alert tone="success">Saved.</Alert> : null}
        </form>
      </CardBody>
    </Card>
  );
}
