'use client';

import { useCallback, useEffect, useState } from 'react';
import type { SubmissionDto } from '@/domain/submissions/service';
import { api, type ApiError } from '../console/api';

/** One submission in the detail pane: load it, change status or assignee, reply. */
export function useSubmission(id: string, onUpdated: (s: SubmissionDto) => void) {
  const [submission, setSubmission] = useState<SubmissionDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [updateError, setUpdateError] = useState<string | null>(null);
  const [updating, setUpdating] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    const res = await api<{ submission: SubmissionDto }>('GET', `/api/submissions/${id}`);
    if (res.ok) setSubmission(res.submission);
    else setLoadError(res.error.message);
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = (s: SubmissionDto) => {
    setSubmission(s);
    onUpdated(s);
  };

  async function update(patch: { status?: string; assigneeId?: string | null }) {
    setUpdating(true);
    setUpdateError(null);
    const res = await api<{ submission: SubmissionDto }>('PATCH', `/api/submissions/${id}`, patch);
    setUpdating(false);
    if (!res.ok) return setUpdateError(res.error.message);
    changed(res.submission);
  }

  /** Sends a reply; null when sent, else the refusal. */
  async function reply(body: string): Promise<ApiError | null> {
    const res = await api<{ submission: SubmissionDto }>('POST', `/api/submissions/${id}/replies`, { body });
    if (!res.ok) return res.error;
    changed(res.submission);
    return null;
  }

  return { submission, loadError, updateError, updating, load, update, reply };
}
