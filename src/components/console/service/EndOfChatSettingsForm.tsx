'use client';

import type { ChannelEndOfChat } from '@/domain/settings/schemas-service';
import { Card, CardHeader } from '../../ui/Card';
import { Field, fieldProps } from '../../ui/Field';
import { Input, Textarea } from '../../ui/Input';
import { SettingsSectionForm } from '../SettingsSectionForm';
import { useSettingsSection, type SettingsState } from '../useSettingsForm';
import { Toggle } from './Toggle';

const CHANNELS = [
  ['desktop', 'Desktop website'],
  ['mobile', 'Mobile website'],
  ['app', 'App'],
] as const;

/** Live Chat > Settings > Chat > End of Chat (F9): prompts and timers, a global default with per-channel overrides. */
export function EndOfChatSettingsForm({ initial }: { initial: SettingsState<'endOfChat'> }) {
  const s = useSettingsSection('endOfChat', initial);
  const { channels, emailTranscript, emailUnseenReplies, ...global } = s.value;
  const unseenMinutes = Number.isNaN(emailUnseenReplies.minutes) ? '' : emailUnseenReplies.minutes;

  return (
    <SettingsSectionForm form={s} cards>
      <Card as="div">
        <CardHeader title="Default (all channels)" description="Used by every channel without its own settings below." />
        <ChannelFields idPrefix="global" value={global} errors={s.errors} errorPrefix="" onChange={(next) => s.update(next)} />
      </Card>
      <Card as="div">
        <CardHeader title="Emails to the visitor" description="Only when the visitor's email is known (pre-chat form, identify or your CRM)." />
        <div className="space-y-5 px-5 py-5">
          <Toggle
            id="email-transcript"
            checked={emailTranscript}
            onChange={(on) => s.update({ emailTranscript: on })}
            label="Email the transcript to the visitor when a chat ends"
            hint="Sent once per chat."
          />
          <Toggle
            id="email-unseen"
            checked={emailUnseenReplies.enabled}
            onChange={(enabled) => s.update({ emailUnseenReplies: { ...emailUnseenReplies, enabled } })}
            label="Email agent replies the visitor has not seen"
            hint="For a visitor who left the page or closed the chat window: one email with every reply they missed. A reply to it comes back into the chat."
          />
          <Field
            id="email-unseen-min"
            label="When unseen for (minutes)"
            hint="Fractions allowed (0.5 = 30 s)."
            error={s.errors['emailUnseenReplies.minutes']}
            className="max-w-[12rem]"
          >
            <Input
              {...fieldProps('email-unseen-min', s.errors['emailUnseenReplies.minutes'], true)}
              type="number"
              min={0.01}
              step="any"
              disabled={!emailUnseenReplies.enabled}
              value={unseenMinutes}
              onChange={(e) => s.update({ emailUnseenReplies: { ...emailUnseenReplies, minutes: e.target.value === '' ? Number.NaN : Number(e.target.value) } })}
            />
          </Field>
        </div>
      </Card>
      {CHANNELS.map(([channel, label]) => {
        const override = channels[channel];
        return (
          <Card as="div" key={channel}>
            <div className="border-b border-slate-200 px-5 py-4">
              <Toggle
                id={`override-${channel}`}
                checked={Boolean(override)}
                onChange={(on) => s.update({ channels: { ...channels, [channel]: on ? structuredClone(global) : undefined } })}
                label={`${label}: own settings`}
                hint={override ? 'These settings apply to chats from this channel.' : 'Uses the default above.'}
              />
            </div>
            {override ? (
              <ChannelFields idPrefix={channel} value={override} errors={s.errors} errorPrefix={`channels.${channel}.`} onChange={(next) => s.update({ channels: { ...channels, [channel]: { ...override, ...next } } })} />
            ) : null}
          </Card>
        );
      })}
    </SettingsSectionForm>
  );
}

function ChannelFields({
  idPrefix,
  value,
  errors,
  errorPrefix,
  onChange,
}: {
  idPrefix: string;
  value: ChannelEndOfChat;
  errors: Record<string, string>;
  errorPrefix: string;
  onChange: (patch: Partial<ChannelEndOfChat>) => void;
}) {
  const err = (p: string) => errors[`${errorPrefix}${p}`];
  const minutes = (v: number) => (Number.isNaN(v) ? '' : v);
  const num = (text: string) => (text === '' ? Number.NaN : Number(text));
  const id = (p: string) => `${idPrefix}-${p}`;
  return (
    <div className="space-y-6 px-5 py-5">
      <Field id={id('ended')} label="Chat ended prompt" hint="Shown to the visitor when the chat ends. Leave empty for none." error={err('chatEndedPrompt')}>
        <Textarea {...fieldProps(id('ended'), err('chatEndedPrompt'), true)} rows={2} maxLength={500} value={value.chatEndedPrompt} onChange={(e) => onChange({ chatEndedPrompt: e.target.value })} />
      </Field>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Agent reply timeout</legend>
        <Toggle id={id('reply-on')} checked={value.agentReplyTimeout.enabled} onChange={(enabled) => onChange({ agentReplyTimeout: { ...value.agentReplyTimeout, enabled } })} label="Prompt the visitor when no agent has replied in time" />
        <div className="grid gap-4 md:grid-cols-[12rem_1fr]">
          <Field id={id('reply-min')} label="After (minutes)" hint="Since the visitor's last message. Fractions allowed (0.5 = 30 s)." error={err('agentReplyTimeout.minutes')}>
            <Input {...fieldProps(id('reply-min'), err('agentReplyTimeout.minutes'), true)} type="number" min={0.01} step="any" value={minutes(value.agentReplyTimeout.minutes)} onChange={(e) => onChange({ agentReplyTimeout: { ...value.agentReplyTimeout, minutes: num(e.target.value) } })} />
          </Field>
          <Field id={id('reply-text')} label="Prompt" error={err('agentReplyTimeout.prompt')}>
            <Input {...fieldProps(id('reply-text'), err('agentReplyTimeout.prompt'))} maxLength={500} value={value.agentReplyTimeout.prompt} onChange={(e) => onChange({ agentReplyTimeout: { ...value.agentReplyTimeout, prompt: e.target.value } })} />
          </Field>
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Visitor inactivity</legend>
        <Toggle id={id('inact-on')} checked={value.inactivity.enabled} onChange={(enabled) => onChange({ inactivity: { ...value.inactivity, enabled } })} label="Warn an inactive visitor, then end the chat" hint="The clock runs while the agent waits for the visitor's answer; any new message resets it." />
        <div className="grid gap-4 md:grid-cols-[12rem_1fr]">
          <Field id={id('warn-min')} label="Warn after (minutes)" error={err('inactivity.warnAfterMinutes')}>
            <Input {...fieldProps(id('warn-min'), err('inactivity.warnAfterMinutes'))} type="number" min={0.01} step="any" value={minutes(value.inactivity.warnAfterMinutes)} onChange={(e) => onChange({ inactivity: { ...value.inactivity, warnAfterMinutes: num(e.target.value) } })} />
          </Field>
          <Field id={id('warn-text')} label="Warning" error={err('inactivity.warningPrompt')}>
            <Input {...fieldProps(id('warn-text'), err('inactivity.warningPrompt'))} maxLength={500} value={value.inactivity.warningPrompt} onChange={(e) => onChange({ inactivity: { ...value.inactivity, warningPrompt: e.target.value } })} />
          </Field>
          <Field id={id('end-min')} label="End after (minutes)" hint="Counted from the warning." error={err('inactivity.endAfterMinutes')}>
            <Input {...fieldProps(id('end-min'), err('inactivity.endAfterMinutes'), true)} type="number" min={0.01} step="any" value={minutes(value.inactivity.endAfterMinutes)} onChange={(e) => onChange({ inactivity: { ...value.inactivity, endAfterMinutes: num(e.target.value) } })} />
          </Field>
          <Field id={id('end-text')} label='"Customer timed out / offline" prompt' error={err('inactivity.endPrompt')}>
            <Input {...fieldProps(id('end-text'), err('inactivity.endPrompt'))} maxLength={500} value={value.inactivity.endPrompt} onChange={(e) => onChange({ inactivity: { ...value.inactivity, endPrompt: e.target.value } })} />
          </Field>
        </div>
      </fieldset>
    </div>
  );
}
