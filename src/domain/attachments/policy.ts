/** What may be uploaded: a size limit and an allow-list of content-detected MIME types (deployment config). */
export interface AttachmentPolicy {
  maxBytes: number;
  allowedTypes: ReadonlySet<string>;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Raster images (re-encoded), documents, archives, audio/video. SVG and HTML are not in it. */
export const DEFAULT_ALLOWED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'audio/mpeg',
  'video/mp4',
] as const;

/** Image types that are decoded and re-encoded (metadata stripped, thumbnailed); everything else is a file. */
export const RASTER_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** Types a browser may render as active content: never served inline, whatever the allow-list says. */
export function isInlineSafe(mime: string): boolean {
  return RASTER_TYPES.has(mime);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
