import { z } from 'zod';
import { getSessionUser, okResponse } from '../../../lib/auth';
import { env } from '../../../lib/env';
import { AppError } from '../../../lib/errors';
import { verifyVisitorToken } from '../../../lib/tokens';
import { formatBytes } from '../../../domain/attachments/policy';
import type { Uploader } from '../../../domain/attachments/service';
import { route } from '../../../server/http/route';
import { services } from '../../../server/web';

const Query = z.object({ conversationId: z.uuid(), name: z.string().max(500).default('') });

/**
 * POST /api/attachments?conversationId=<uuid>&name=<file name>  (body: the raw file bytes)
 * Authorization: `Bearer <visitor token>` (widget) or the staff session cookie (agent workspace).
 * -> 201 { ok, attachment: AttachmentDto } — then send it with `message.send { attachmentIds }`.
 * Errors: 413 payload_too_large, 415 unsupported_type, 403 forbidden (not a participant / turned off), 409 invalid_state (ended).
 */
// Authenticated below: a visitor token or a staff session (the wrapper's roles cover staff only).
export const POST = route({ auth: 'public', query: Query }, async ({ req, query }) => {
  const { workspaceId, uploader } = await uploaderOf(req);
  const { attachments } = services();
  const data = await readLimited(req, attachments.config.policy.maxBytes);
  const attachment = await attachments.upload(workspaceId, uploader, query.conversationId, query.name, data);
  return okResponse({ attachment }, 201);
});

async function uploaderOf(req: Request): Promise<{ workspaceId: string; uploader: Uploader }> {
  const bearer = req.headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer) {
    const claims = await verifyVisitorToken(env().AUTH_SECRET, bearer);
    if (!claims) throw new AppError('unauthorized', 'Your chat session has expired; reload the page');
    return { workspaceId: claims.wid, uploader: { type: 'visitor', id: claims.vid } };
  }
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthorized', 'Sign in first');
  return { workspaceId: user.workspaceId, uploader: { type: 'agent', id: user.id } };
}

/** Reads the body but never more than the limit (+1 byte to tell "too large"): a huge upload is cut off early. */
async function readLimited(req: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError('payload_too_large', `The file is too large; the limit is ${formatBytes(maxBytes)}`);
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) throw new AppError('bad_request', 'The file is empty');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export const dynamic = 'force-dynamic';
