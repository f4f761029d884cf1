'use client';

import { useEffect, useRef, useState } from 'react';
import type { AttachmentDto } from '@/domain/conversations/types';
import { cn } from '@/components/ui/cn';
import { formatSize, typeLabel } from './upload';

/** Files of one message: images as thumbnails (click for the viewer), other files as cards. */
export function MessageAttachments({ attachments, mine }: { attachments: AttachmentDto[]; mine: boolean }) {
  const [viewing, setViewing] = useState<AttachmentDto | null>(null);
  const images = attachments.filter((a) => a.kind === 'image' && a.thumbUrl);
  const files = attachments.filter((a) => !(a.kind === 'image' && a.thumbUrl));
  return (
    <div className={cn('flex max-w-[85%] flex-col gap-1.5', mine ? 'items-end' : 'items-start')} data-testid="message-attachments">
      {images.length ? (
        <div className={cn('flex flex-wrap gap-1.5', mine && 'justify-end')}>
          {images.map((a) => (
            <button
              key={a.id}
              type="button"
              onClick={() => setViewing(a)}
              className="overflow-hidden rounded-xl ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
              aria-label={`View image ${a.name}`}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URLs: no image optimizer */}
              <img src={a.thumbUrl!} alt={a.name} width={thumbSize(a).width} height={thumbSize(a).height} className="block h-auto max-h-48 w-auto max-w-[220px] bg-slate-100 object-cover" data-testid="attachment-thumb" />
            </button>
          ))}
        </div>
      ) : null}
      {files.map((a) => (
        <a
          key={a.id}
          href={a.url}
          download={a.name}
          className="flex w-64 max-w-full items-center gap-3 rounded-xl bg-white px-3 py-2 text-left text-slate-900 shadow-sm ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
          data-testid="attachment-card"
        >
          <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-700" aria-hidden="true">
            <FileIcon />
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium">{a.name}</span>
            <span className="block text-xs text-slate-500">
              {typeLabel(a.mime)} · {formatSize(a.size)}
            </span>
          </span>
          <span className="text-xs font-medium text-indigo-700">Download</span>
        </a>
      ))}
      {viewing ? <ImageViewer attachment={viewing} onClose={() => setViewing(null)} /> : null}
    </div>
  );
}

function thumbSize(a: AttachmentDto): { width: number; height: number } {
  if (!a.width || !a.height) return { width: 160, height: 120 };
  const scale = Math.min(220 / a.width, 192 / a.height, 1);
  return { width: Math.round(a.width * scale), height: Math.round(a.height * scale) };
}

/** Full-size image in a modal dialog; Escape or the backdrop closes it. */
function ImageViewer({ attachment, onClose }: { attachment: AttachmentDto; onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div role="dialog" aria-modal="true" aria-label={attachment.name} className="fixed inset-0 z-50 flex flex-col bg-slate-950/85 p-3 sm:p-6" onClick={onClose} data-testid="image-viewer">
      <div className="flex items-center justify-between gap-3 pb-3 text-sm text-white" onClick={(e) => e.stopPropagation()}>
        <span className="min-w-0 truncate">{attachment.name}</span>
        <span className="flex shrink-0 gap-2">
          <a href={attachment.url} download={attachment.name} className="rounded-lg bg-white/10 px-3 py-1.5 hover:bg-white/20">
            Download
          </a>
          <button ref={closeRef} type="button" onClick={onClose} className="rounded-lg bg-white/10 px-3 py-1.5 hover:bg-white/20">
            Close
          </button>
        </span>
      </div>
      <div className="flex min-h-0 flex-1 items-center justify-center">
        {/* eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URL */}
        <img src={attachment.url} alt={attachment.name} className="max-h-full max-w-full rounded-lg object-contain" onClick={(e) => e.stopPropagation()} />
      </div>
    </div>
  );
}

function FileIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5">
      <path d="M4 2.5A1.5 1.5 0 0 1 5.5 1h6.086a1.5 1.5 0 0 1 1.06.44l2.915 2.914A1.5 1.5 0 0 1 16 5.414V17.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 4 17.5v-15Zm7 .5v2.5A1.5 1.5 0 0 0 12.5 7H15l-4-4Z" />
    </svg>
  );
}
