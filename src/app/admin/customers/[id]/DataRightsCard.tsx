'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/components/console/api';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { Field, fieldProps } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';

/**
 * Admins only (the page checks): the customer's data rights (GDPR/CCPA). Export downloads a JSON file of
 * everything held about them; erase deletes it for good after the admin types the partner id. Both are
 * written to the audit log.
 */
export function DataRightsCard({ customerId, partnerId }: { customerId: string; partnerId: string }) {
  const router = useRouter();
  const [exporting, setExporting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [erasing, setErasing] = useState(false);
  const [message, setMessage] = useState<{
    tone: 'success' | 'error';
    text: string;
  } | null>(null);

  async function download() {
    setExporting(true);
    setMessage(null);
    try {
      const res = await fetch(`/api/admin/customers/${customerId}/export`, {
        cache: 'no-store',
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        setMessage({
          tone: 'error',
          text: body?.error?.message ?? 'The export could not be made. Try again.',
        });
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'customer-export.json';
      link.click();
      URL.revokeObjectURL(url);
      setMessage({
        tone: 'success',
        text: 'Export downloaded. Attachment links in it work for a short time only.',
      });
    } catch {
      setMessage({
        tone: 'error',
        text: 'Could not reach the server. Check your connection and try again.',
      });
    } finally {
      setExporting(false);
    }
  }

  async function erase() {
    setErasing(true);
    setMessage(null);
    const res = await api<{ erased: { conversations: number } }>('POST', `/api/admin/customers/${customerId}/erase`);
    setErasing(false);
    if (!res.ok) {
      setMessage({ tone: 'error', text: res.error.message });
      return;
    }
    router.push(`/admin/customers?erased=${res.erased.conversations}`);
    router.refresh();
  }

  return (
    <Card>
      <CardHeader title="Data rights" description="For requests under GDPR or CCPA: give the customer their data, or delete it." />
      <CardBody className="space-y-3">
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" loading={exporting} onClick={() => void download()} data-testid="customer-export">
            Export data
          </Button>
          {!confirming ? (
            <Button variant="danger" size="sm" onClick={() => setConfirming(true)} data-testid="customer-erase">
              Erase customer…
            </Button>
          ) : null}
        </div>
        {confirming ? (
          <form
            className="space-y-3 rounded-md bg-red-50 p-3 ring-1 ring-inset ring-red-600/20"
            onSubmit={(e) => {
              e.preventDefault();
              if (typed.trim() === partnerId) void erase();
            }}
          >
            <p className="text-sm text-red-800">
              This deletes the profile, every conversation with its messages, ratings and files, and ends a chat in progress. It cannot be undone.
            </p>
            <Field id="erase-confirm" label={`Type ${partnerId} to confirm`}>
              <Input {...fieldProps('erase-confirm')} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
            </Field>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" variant="danger" size="sm" loading={erasing} disabled={typed.trim() !== partnerId} data-testid="customer-erase-confirm">
                Erase for good
              </Button>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => {
                  setConfirming(false);
                  setTyped('');
                }}
              >
                Cancel
              </Button>
            </div>
          </form>
        ) : null}
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </CardBody>
    </Card>
  );
}
