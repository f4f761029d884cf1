import type { AttachmentDto } from '@/domain/conversations/types';

export interface UploadTarget {
  conversationId: string;
  /** The widget's visitor token; staff uploads use the session cookie instead. */
  token?: string;
}

export class UploadError extends Error {}

/**
 * Uploads one file (POST /api/attachments, raw body) with progress. XMLHttpRequest because fetch cannot
 * report upload progress. Rejects with a human message from the server (too large, type not allowed, ...).
 */
export function uploadAttachment(target: UploadTarget, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<AttachmentDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ conversationId: target.conversationId, name: file.name || 'pasted-image' });
    xhr.open('POST', `/api/attachments?${query}`);
    if (target.token) xhr.setRequestHeader('authorization', `Bearer ${target.token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { ok?: boolean; attachment?: AttachmentDto; error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: a proxy error page */
      }
      if (xhr.status < 300 && body.attachment) resolve(body.attachment);
      else reject(new UploadError(body.error?.message ?? (xhr.status === 413 ? 'The file is too large' : 'The file could not be uploaded')));
    };
    xhr.onerror = () => reject(new UploadError('The file could not be uploaded; check your connection'));
    xhr.onabort = () => reject(new UploadError('Upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "PDF", "JPEG", "Text": a short type label for file cards. */
export function typeLabel(mime: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'text/plain': 'Text',
    'text/csv': 'CSV',
    'application/zip': 'ZIP archive',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  };
  return known[mime] ?? (mime.split('/')[1] ?? mime).toUpperCase();
}
