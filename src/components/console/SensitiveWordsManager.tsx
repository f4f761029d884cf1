'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardBody, CardFooter, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Select } from '../ui/Input';
import { cn } from '../ui/cn';
import { api } from './api';
import { SIDE_LABEL, WordList, type Side } from './SensitiveWordList';

type Action = 'mask' | 'block' | 'alert';

interface WordsSettings {
  customerAction: Action;
  agentAction: Action;
  wholeWords: boolean;
}


const ACTIONS: { value: Action; label: string; hint: string }[] = [
  { value: 'mask', label: 'Mask', hint: 'Delivered with the word replaced by *' },
  { value: 'block', label: 'Block', hint: 'Not delivered; the sender is told why' },
  { value: 'alert', label: 'Alert', hint: 'Delivered as is and raised in Chat Monitoring' },
];

function ActionsCard({ initial }: { initial: { version: number; value: WordsSettings } }) {
  const [value, setValue] = useState(initial.value);
  const [version, setVersion] = useState(initial.version);
  const [saved, setSaved] = useState(initial.value);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const dirty = JSON.stringify(value) !== JSON.stringify(saved);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const res = await api<{ version: number; value: WordsSettings }>('PUT', '/api/admin/settings/sensitiveWords', { value, expectedVersion: version });
    setBusy(false);
    if (!res.ok) return setMessage({ tone: 'error', text: res.error.message });
    setVersion(res.version);
    setValue(res.value);
    setSaved(res.value);
    setMessage({ tone: 'success', text: 'Saved. Your changes are live.' });
  }

  return (
    <Card as="div">
      <form onSubmit={save} noValidate>
        <CardHeader title="Actions" description="What happens when a message contains a word of the list. Matching ignores case, full-width/half-width forms and spaces inside words, and works for Chinese, Japanese and Korean text." />
        <CardBody className="grid gap-5 sm:grid-cols-2">
          {(['customer', 'agent'] as Side[]).map((side) => {
            const key = side === 'customer' ? 'customerAction' : 'agentAction';
            return (
              <Field key={side} id={`action-${side}`} label={side === 'customer' ? 'Customer messages' : 'Agent messages'} hint={ACTIONS.find((a) => a.value === value[key])?.hint}>
                <Select {...fieldProps(`action-${side}`, null, true)} value={value[key]} onChange={(e) => setValue({ ...value, [key]: e.target.value as Action })} data-testid={`sw-action-${side}`}>
                  {ACTIONS.map((a) => (
                    <option key={a.value} value={a.value}>
                      {a.label}
                    </option>
                  ))}
                </Select>
              </Field>
            );
          })}
          <label className="flex items-start gap-2 text-sm text-slate-700 sm:col-span-2">
            <input type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300" checked={value.wholeWords} onChange={(e) => setValue({ ...value, wholeWords: e.target.checked })} />
            <span>
              Match Latin-script words as whole words only
              <span className="block text-xs text-slate-500">“ass” will not hit “class”. Chinese, Japanese and Korean words always match anywhere in the text.</span>
            </span>
          </label>
        </CardBody>
        <CardFooter>
          {message ? <Alert tone={message.tone} className="mr-auto">{message.text}</Alert> : null}
          <Button type="submit" loading={busy} disabled={!dirty} data-testid="sw-save-actions">
            Save actions
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

export function SensitiveWordsManager({ initial }: { initial: { version: number; value: WordsSettings } }) {
  const [side, setSide] = useState<Side>('customer');
  return (
    <div className="space-y-6">
      <ActionsCard initial={initial} />
      <div role="tablist" aria-label="Word lists" className="flex gap-1 border-b border-slate-200">
        {(['customer', 'agent'] as Side[]).map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={side === s}
            onClick={() => setSide(s)}
            className={cn('-mb-px border-b-2 px-4 py-2 text-sm font-medium', side === s ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900')}
            data-testid={`sw-tab-${s}`}
          >
            {SIDE_LABEL[s]}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={SIDE_LABEL[side]}>
        <WordList key={side} side={side} />
      </div>
    </div>
  );
}
