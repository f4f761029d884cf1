'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { AVATAR_COLORS, initialsOf, type ProfileDto } from '../../domain/accounts/avatar';
import { api, fieldErrors } from '../console/api';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardFooter, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';
import { Avatar } from './Avatar';

const COLOR_NAMES: Record<string, string> = {
  '#4f46e5': 'Indigo',
  '#0f766e': 'Teal',
  '#b45309': 'Amber',
  '#be123c': 'Rose',
  '#7c3aed': 'Violet',
  '#15803d': 'Green',
  '#0369a1': 'Sky',
  '#475569': 'Slate',
};

/** Account > Profile: the own name and the avatar (initials on a chosen colour). */
export function ProfileSection({ profile }: { profile: ProfileDto }) {
  const router = useRouter();
  const [name, setName] = useState(profile.name);
  const [color, setColor] = useState(profile.avatarColor);
  const [saved, setSaved] = useState({ name: profile.name, color: profile.avatarColor });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = name !== saved.name || color !== saved.color;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const res = await api<{ profile: ProfileDto }>('PATCH', '/api/account/profile', { name, avatarColor: color });
    setBusy(false);
    if (!res.ok) {
      const fields = fieldErrors(res.error);
      setErrors(fields);
      setMessage({ tone: 'error', text: Object.keys(fields).length ? 'Please fix the highlighted fields.' : res.error.message });
      return;
    }
    setErrors({});
    setName(res.profile.name);
    setSaved({ name: res.profile.name, color: res.profile.avatarColor });
    setMessage({ tone: 'success', text: 'Saved. Your colleagues see the new name from their next page load.' });
    router.refresh();
  }

  return (
    <Card className="scroll-mt-6">
      <form onSubmit={onSubmit} noValidate aria-labelledby="account-profile">
        <CardHeader id="account-profile" title="Profile" description="How your colleagues and visitors see you." />
        <div className="grid gap-5 px-5 py-5 sm:grid-cols-[auto_1fr]">
          <Avatar initials={initialsOf(name || profile.name)} color={color} size="lg" />
          <div className="space-y-4">
            <Field id="account-name" label="Your name" error={errors.name}>
              <Input {...fieldProps('account-name', errors.name)} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={100} />
            </Field>
            <fieldset>
              <legend className="text-sm font-medium text-slate-900">Avatar colour</legend>
              <div className="mt-2 flex flex-wrap gap-2">
                {AVATAR_COLORS.map((c) => (
                  <label key={c} className="cursor-pointer">
                    <input type="radio" name="avatar-color" value={c} checked={color === c} onChange={() => setColor(c)} className="peer sr-only" />
                    <span
                      className="block h-9 w-9 rounded-full ring-2 ring-transparent ring-offset-2 peer-checked:ring-slate-900 peer-focus-visible:ring-indigo-500"
                      style={{ backgroundColor: c }}
                      title={COLOR_NAMES[c]}
                    />
                    <span className="sr-only">{COLOR_NAMES[c]}</span>
                  </label>
                ))}
              </div>
              {errors.avatarColor ? <p className="mt-1 text-sm text-red-600">{errors.avatarColor}</p> : null}
            </fieldset>
            <p className="text-sm text-slate-600">
              Email: <span className="font-medium text-slate-900">{profile.email}</span>
            </p>
          </div>
        </div>
        {message ? (
          <Alert tone={message.tone} className="mx-5 mb-4">
            {message.text}
          </Alert>
        ) : null}
        <CardFooter>
          <Button type="submit" loading={busy} disabled={!dirty}>
            Save profile
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
