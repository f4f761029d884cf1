'use client';

import { useEffect, useState } from 'react';
import { api, type ApiError } from '@/components/console/api';

export type Loadable<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

/** GET a report endpoint whenever the URL changes; the latest request wins. */
export function useReport<T>(url: string | null): Loadable<T> & { retry: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!url) return;
    let current = true;
    setState({ status: 'loading' });
    void api<T>('GET', url).then((result) => {
      if (!current) return;
      if (result.ok) setState({ status: 'ready', data: result as T });
      else setState({ status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [url, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
