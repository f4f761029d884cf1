'use client';

import type { FormEvent, ReactNode } from 'react';
import { Card, CardHeader } from '../ui/Card';
import { SettingsFormFooter } from './SettingsFormFooter';
import type { SettingsFormController } from './useSettingsForm';

/**
 * The one shell of a console settings page: the form, its card(s), and the save bar (dirty state, save,
 * discard, success and refusal messages; field messages stay in place, from the controller's `errors`).
 * `form` is the page's `useSettingsForm` / `useSettingsSection`.
 * - One card: `title` / `description` head it, `children` are its body, the save bar closes it.
 * - `cards`: `children` are several cards; the save bar follows, sticky at the bottom of the window (or, with
 *   `footer={false}`, wherever the page puts `<SettingsSectionFooter form={s} />`).
 */
export function SettingsSectionForm({
  form,
  title,
  description,
  cards = false,
  footer = true,
  className,
  children,
}: {
  form: SettingsFormController;
  title?: ReactNode;
  description?: ReactNode;
  cards?: boolean;
  footer?: boolean;
  className?: string;
  children: ReactNode;
}) {
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await form.save();
  }
  if (cards) {
    return (
      <form onSubmit={onSubmit} noValidate className={className ?? 'space-y-6'}>
        {children}
        {footer ? (
          <div className="sticky bottom-0 z-10 overflow-hidden rounded-lg shadow-[0_-4px_12px_-6px_rgba(15,23,42,0.15)] ring-1 ring-slate-200">
            <SettingsSectionFooter form={form} />
          </div>
        ) : null}
      </form>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className={className}>
      <Card as="div">
        {title ? <CardHeader title={title} description={description} /> : null}
        {children}
        {footer ? <SettingsSectionFooter form={form} /> : null}
      </Card>
    </form>
  );
}

/** The save bar of a settings form, for pages that place it inside their last card. */
export function SettingsSectionFooter({ form }: { form: SettingsFormController }) {
  return <SettingsFormFooter version={form.version} saving={form.saving} dirty={form.dirty} error={form.error} success={form.success} onReset={form.reset} />;
}
