'use client';

import { useState } from 'react';
import { defaultLevels, type RatingScale, type RatingScheme } from '@/domain/settings/schemas-service';
import { Card, CardHeader } from '../../ui/Card';
import { Field, fieldProps } from '../../ui/Field';
import { Input, Select } from '../../ui/Input';
import { Button } from '../../ui/Button';
import { SettingsSectionFooter, SettingsSectionForm } from '../SettingsSectionForm';
import { useSettingsSection, type SettingsState } from '../useSettingsForm';
import { Toggle } from './Toggle';

/** Live Chat > Settings > Chat > Satisfaction (F8): invitation rules, visibility, schemes (default + per group). */
export function SatisfactionSettingsForm({ initial, groups }: { initial: SettingsState<'satisfaction'>; groups: { id: string; name: string }[] }) {
  const s = useSettingsSection('satisfaction', initial);
  const v = s.value;
  const [addGroup, setAddGroup] = useState('');
  const free = groups.filter((g) => !v.groupSchemes[g.id]);

  return (
    <SettingsSectionForm form={s} cards footer={false}>
      <Card as="div">
        <CardHeader title="Rules" description="When visitors are asked to rate a chat, and who sees the results." />
        <div className="space-y-4 px-5 py-5">
          <Toggle id="enabled" checked={v.enabled} onChange={(enabled) => s.update({ enabled })} label="Collect satisfaction ratings" />
          <Toggle id="inviteOnEnd" checked={v.inviteOnEnd} onChange={(inviteOnEnd) => s.update({ inviteOnEnd })} label="Invite automatically when a chat ends" />
          <Toggle id="agentMayInvite" checked={v.agentMayInvite} onChange={(agentMayInvite) => s.update({ agentMayInvite })} label="Agents may invite during the chat" />
          <Toggle id="visitorMayRateUnprompted" checked={v.visitorMayRateUnprompted} onChange={(x) => s.update({ visitorMayRateUnprompted: x })} label="Visitors may rate without an invitation" hint='Shows a "Rate this chat" link in the widget.' />
          <Toggle id="allowOverwrite" checked={v.allowOverwrite} onChange={(allowOverwrite) => s.update({ allowOverwrite })} label="A later rating replaces the earlier one" hint="Off: the first rating of a chat stands, and no more invitations are sent once rated." />
          <Toggle id="agentsSeeResults" checked={v.agentsSeeResults} onChange={(agentsSeeResults) => s.update({ agentsSeeResults })} label="Agents may see ratings" hint="Enforced on the server: without it agents get no rating data at all. Admins and supervisors always see results." />
          <Field id="maxInvitations" label="Invitations per chat" hint="Automatic and agent invitations together, 1 to 10." error={s.errors.maxInvitations} className="max-w-xs">
            <Input {...fieldProps('maxInvitations', s.errors.maxInvitations, true)} type="number" min={1} max={10} value={Number.isNaN(v.maxInvitations) ? '' : v.maxInvitations} onChange={(e) => s.update({ maxInvitations: e.target.value === '' ? Number.NaN : Number(e.target.value) })} />
          </Field>
        </div>
      </Card>

      <SchemeEditor idPrefix="scheme" title="Default scheme" description="Used for every chat unless its skill group has its own scheme." scheme={v.scheme} errors={s.errors} errorPrefix="scheme." onChange={(scheme) => s.update({ scheme })} />

      {Object.entries(v.groupSchemes).map(([groupId, scheme]) => (
        <SchemeEditor
          key={groupId}
          idPrefix={`group-${groupId}`}
          title={`Skill group: ${groups.find((g) => g.id === groupId)?.name ?? 'deleted group'}`}
          description="Overrides the default scheme for chats routed through this group."
          scheme={scheme}
          errors={s.errors}
          errorPrefix={`groupSchemes.${groupId}.`}
          onChange={(next) => s.update({ groupSchemes: { ...v.groupSchemes, [groupId]: next } })}
          onRemove={() => {
            const { [groupId]: _removed, ...rest } = v.groupSchemes;
            s.update({ groupSchemes: rest });
          }}
        />
      ))}

      <Card as="div">
        <div className="flex flex-wrap items-end gap-3 px-5 py-4">
          <Field id="add-group" label="Add a skill group override" className="min-w-60">
            <Select id="add-group" value={addGroup} onChange={(e) => setAddGroup(e.target.value)} disabled={!free.length}>
              <option value="">{free.length ? 'Choose a group…' : 'No more groups'}</option>
              {free.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            variant="secondary"
            disabled={!addGroup}
            onClick={() => {
              s.update({ groupSchemes: { ...v.groupSchemes, [addGroup]: structuredClone(v.scheme) } });
              setAddGroup('');
            }}
          >
            Add override
          </Button>
        </div>
        <SettingsSectionFooter form={s} />
      </Card>
    </SettingsSectionForm>
  );
}

function SchemeEditor({
  idPrefix,
  title,
  description,
  scheme,
  errors,
  errorPrefix,
  onChange,
  onRemove,
}: {
  idPrefix: string;
  title: string;
  description: string;
  scheme: RatingScheme;
  errors: Record<string, string>;
  errorPrefix: string;
  onChange: (s: RatingScheme) => void;
  onRemove?: () => void;
}) {
  const err = (path: string) => errors[`${errorPrefix}${path}`];
  const set = (patch: Partial<RatingScheme>) => onChange({ ...scheme, ...patch });
  return (
    <Card as="div">
      <CardHeader title={title} description={description} actions={onRemove ? <Button variant="ghost" size="sm" onClick={onRemove}>Remove override</Button> : undefined} />
      <div className="space-y-5 px-5 py-5">
        <div className="grid gap-4 md:grid-cols-2">
          <Field id={`${idPrefix}-scale`} label="Scale" error={err('scale') ?? err('levels')}>
            <Select
              id={`${idPrefix}-scale`}
              value={scheme.scale}
              onChange={(e) => {
                const scale = Number(e.target.value) as RatingScale;
                set({ scale, levels: defaultLevels(scale) });
              }}
            >
              <option value={2}>2 points (good / bad)</option>
              <option value={3}>3 points</option>
              <option value={5}>5 points (stars)</option>
            </Select>
          </Field>
          <Field id={`${idPrefix}-question`} label="Question" error={err('question')}>
            <Input {...fieldProps(`${idPrefix}-question`, err('question'))} value={scheme.question} maxLength={200} onChange={(e) => set({ question: e.target.value })} />
          </Field>
        </div>
        <table className="min-w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="w-16 py-2 pr-3 font-medium">Score</th>
              <th scope="col" className="py-2 pr-3 font-medium">Label</th>
              <th scope="col" className="py-2 font-medium">Tags (comma separated)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {scheme.levels.map((level, i) => (
              <tr key={level.score}>
                <td className="py-2 pr-3 align-top text-slate-600">{scheme.scale === 2 ? (level.score === 2 ? '👍' : '👎') : '★'.repeat(level.score)}</td>
                <td className="py-2 pr-3 align-top">
                  <Input
                    aria-label={`Label for score ${level.score}`}
                    aria-invalid={err(`levels.${i}.label`) ? true : undefined}
                    value={level.label}
                    maxLength={40}
                    onChange={(e) => set({ levels: scheme.levels.map((l, j) => (j === i ? { ...l, label: e.target.value } : l)) })}
                  />
                  {err(`levels.${i}.label`) ? <p className="mt-1 text-xs text-red-600">{err(`levels.${i}.label`)}</p> : null}
                </td>
                <td className="py-2 align-top">
                  <TagsInput label={`Tags for score ${level.score}`} tags={level.tags} onChange={(tags) => set({ levels: scheme.levels.map((l, j) => (j === i ? { ...l, tags } : l)) })} />
                  {err(`levels.${i}.tags`) ? <p className="mt-1 text-xs text-red-600">{err(`levels.${i}.tags`)}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-3">
            <Toggle id={`${idPrefix}-comment`} checked={scheme.commentEnabled} onChange={(commentEnabled) => set({ commentEnabled })} label="Optional comment" />
            <Toggle id={`${idPrefix}-solved`} checked={scheme.solvedEnabled} onChange={(solvedEnabled) => set({ solvedEnabled })} label='Ask "Was your problem solved?"' />
          </div>
          <Field id={`${idPrefix}-thanks`} label="Thank-you text" error={err('thanks')}>
            <Input {...fieldProps(`${idPrefix}-thanks`, err('thanks'))} value={scheme.thanks} maxLength={200} onChange={(e) => set({ thanks: e.target.value })} />
          </Field>
        </div>
      </div>
    </Card>
  );
}

/** Comma separated tags, edited as text and parsed on blur so typing a comma is not fought. */
function TagsInput({ label, tags, onChange }: { label: string; tags: string[]; onChange: (tags: string[]) => void }) {
  const [text, setText] = useState(tags.join(', '));
  return (
    <Input
      aria-label={label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split(',').map((t) => t.trim()).filter(Boolean));
      }}
      onBlur={() => setText(tags.join(', '))}
    />
  );
}
