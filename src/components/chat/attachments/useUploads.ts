'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachmentDto } from '@/domain/conversations/types';
import type { UploadTarget } from './upload';

export interface PendingUpload {
  key: string;
  name: string;
  size: number;
  progress: number;
  /** Local preview of an image while it uploads. */
  preview: string | null;
  attachment?: AttachmentDto;
  error?: string;
}

const MAX_FILES = 10;

/** Files being attached in a composer: uploads start at once, with progress; cancel removes one. */
export function useUploads(target: UploadTarget | null | undefined) {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const previews = useRef(new Set<string>());
  const patch = (key: string, change: Partial<PendingUpload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const count = useRef(0);
  count.current = uploads.length;

  const add = useCallback(
    (files: File[]) => {
      if (!target) return;
      // Uploads start here, not inside a state updater (React may run updaters twice).
      const added = files.slice(0, Math.max(0, MAX_FILES - count.current)).map((file) => {
        const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
        const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
        if (preview) previews.current.add(preview);
        const controller = new AbortController();
        controllers.current.set(key, controller);
        // The upload code loads with the first file: it stays out of the widget's first load.
        import('./upload')
          .then(({ uploadAttachment }) => uploadAttachment(target, file, (progress) => patch(key, { progress }), controller.signal))
          .then((attachment) => patch(key, { attachment, progress: 1 }))
          .catch((error: Error) => patch(key, { error: error.message }))
          .finally(() => controllers.current.delete(key));
        return { key, name: file.name || 'Pasted image', size: file.size, progress: 0, preview } satisfies PendingUpload;
      });
      count.current += added.length;
      setUploads((current) => [...current, ...added]);
    },
    [target],
  );

  const remove = (key: string) => {
    controllers.current.get(key)?.abort();
    setUploads((all) => all.filter((u) => u.key !== key));
  };
  const clear = () => setUploads([]);

  useEffect(
    () => () => {
      for (const c of controllers.current.values()) c.abort();
      for (const p of previews.current) URL.revokeObjectURL(p);
    },
    [],
  );

  const ready = uploads.filter((u) => u.attachment).map((u) => u.attachment!);
  const busy = uploads.some((u) => !u.attachment && !u.error);
  return { uploads, add, remove, clear, ready, busy };
}
