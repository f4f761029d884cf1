import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../../lib/errors';
import { formatBytes, RASTER_TYPES, type AttachmentPolicy } from './policy';

export interface InspectedUpload {
  mime: string;
  kind: 'image' | 'file';
  /** The bytes to store: re-encoded for images (no EXIF/GPS/ICC comments), as uploaded otherwise. */
  data: Buffer;
  thumb: Buffer | null;
  width: number | null;
  height: number | null;
}

const THUMB_EDGE = 320;
/** Decompression-bomb guard: images over this many pixels are refused. */
const MAX_PIXELS = 40_000_000;

/**
 * Decides what an upload is from its bytes (never its name or the client's Content-Type), refuses what
 * the policy does not allow, and re-encodes images so no metadata (EXIF, GPS) survives.
 */
export async function inspectUpload(data: Buffer, policy: AttachmentPolicy): Promise<InspectedUpload> {
  if (data.length === 0) throw new AppError('bad_request', 'The file is empty');
  if (data.length > policy.maxBytes) throw new AppError('payload_too_large', `The file is too large (${formatBytes(data.length)}); the limit is ${formatBytes(policy.maxBytes)}`);
  const mime = await detectType(data);
  if (!policy.allowedTypes.has(mime)) throw new AppError('unsupported_type', `This type of file (${describe(mime)}) cannot be sent`, { mime });
  if (!RASTER_TYPES.has(mime)) return { mime, kind: 'file', data, thumb: null, width: null, height: null };
  return reencodeImage(data, mime);
}

async function detectType(data: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return detected.mime;
  // No magic number: text of some kind. Markup is told apart so it can be refused (or never inlined).
  if (data.subarray(0, 8192).includes(0)) return 'application/octet-stream';
  const head = data.subarray(0, 4096).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<svg') || head.includes('<svg')) return head.includes('<svg') ? 'image/svg+xml' : 'application/xml';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(script|body|head|iframe)\b/.test(head)) return 'text/html';
  return 'text/plain';
}

async function reencodeImage(data: Buffer, mime: string): Promise<InspectedUpload> {
  try {
    const animated = mime === 'image/gif' || mime === 'image/webp';
    // rotate(): applies the EXIF orientation before the metadata is dropped (sharp keeps none by default).
    const base = sharp(data, { animated, limitInputPixels: MAX_PIXELS }).rotate();
    const encoded = await (mime === 'image/jpeg'
      ? base.jpeg({ quality: 85 })
      : mime === 'image/png'
        ? base.png()
        : mime === 'image/gif'
          ? base.gif()
          : base.webp({ quality: 85 })
    ).toBuffer({ resolveWithObject: true });
    const thumb = await sharp(encoded.data, { limitInputPixels: MAX_PIXELS })
      .resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const height = encoded.info.pageHeight ?? encoded.info.height;
    return { mime, kind: 'image', data: encoded.data, thumb, width: encoded.info.width, height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unsupported_type', 'This image could not be read (damaged or too large)');
  }
}

function describe(mime: string): string {
  if (mime === 'image/svg+xml') return 'SVG image';
  if (mime === 'text/html') return 'web page';
  if (mime === 'application/octet-stream') return 'unknown binary';
  return mime;
}
