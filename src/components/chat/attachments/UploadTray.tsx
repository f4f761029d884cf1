'use client';

import type { PendingUpload } from './useUploads';
import { formatSize } from './upload';

/** Files attached to the message being written: preview, progress, error, remove. */
export function UploadTray({ uploads, onRemove }: { uploads: PendingUpload[]; onRemove: (key: string) => void }) {
  if (!uploads.length) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-2" aria-label="Attached files" data-testid="upload-tray">
      {uploads.map((u) => (
        <li key={u.key} className="relative flex w-52 max-w-full items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 p-1.5 pr-8 text-xs" data-testid="upload-item" data-state={u.error ? 'error' : u.attachment ? 'done' : 'uploading'}>
          {u.preview ? (
            // eslint-disable-next-line @next/next/no-img-element -- local object URL preview
            <img src={u.preview} alt="" className="h-9 w-9 shrink-0 rounded object-cover" />
          ) : (
            <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded bg-indigo-100 text-[10px] font-semibold text-indigo-700" aria-hidden="true">
              FILE
            </span>
          )}
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium text-slate-800">{u.name}</span>
            {u.error ? (
              <span className="block text-red-600" role="alert">
                {u.error}
              </span>
            ) : u.attachment ? (
              <span className="block text-slate-500">{formatSize(u.attachment.size)} · ready</span>
            ) : (
              <span className="mt-1 block h-1.5 overflow-hidden rounded bg-slate-200" role="progressbar" aria-label={`Uploading ${u.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(u.progress * 100)}>
                <span className="block h-full bg-indigo-500 transition-[width]" style={{ width: `${Math.max(4, u.progress * 100)}%` }} />
              </span>
            )}
            {!u.error && !u.attachment ? <span className="sr-only">{formatSize(u.size)}</span> : null}
          </span>
          <button type="button" onClick={() => onRemove(u.key)} className="absolute right-1 top-1 rounded p-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700" aria-label={`Remove ${u.name}`}>
            <svg viewBox="0 0 20 20" fill="currentColor" className="h-3.5 w-3.5" aria-hidden="true">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </button>
        </li>
      ))}
    </ul>
  );
}
