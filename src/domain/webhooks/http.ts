import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress, parseTargetUrl, safeLookup } from './address';
import { signWebhook } from './signature';
import { standardHeaders, type WebhookFormat } from './standard';

export interface AttemptResult {
  /** HTTP status, or null for a network error / timeout / refused target. */
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
  /** First RESPONSE_EXCERPT_CHARS characters of the response body. */
  responseExcerpt: string | null;
}

export const RESPONSE_EXCERPT_CHARS = 500;
const MAX_READ_BYTES = 16 * 1024;

export interface PostOptions {
  url: string;
  secret: string;
  eventType: string;
  deliveryId: string;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** 'legacy' (default): X-Livechat-* headers; 'standard': Standard Webhooks headers (`deliveryId` is `webhook-id`). */
  format?: WebhookFormat;
  /** Standard format, during a rotation's grace period: the previous secret signs too. */
  previousSecret?: string | null;
  /** Reused keep-alive agents (the worker passes its own); defaults to Node's global agents. */
  agents?: { http: http.Agent; https: https.Agent };
}

/**
 * One delivery attempt: POST the JSON body with the event, delivery, timestamp and signature headers.
 * Never throws; redirects are not followed (a 3xx is a final answer). The target's addresses are checked
 * at connection time (DNS rebinding). The secret is only used to sign, never logged.
 */
export function postWebhook(options: PostOptions): Promise<AttemptResult> {
  const started = performance.now();
  const done = (partial: Omit<AttemptResult, 'latencyMs'>): AttemptResult => ({ ...partial, latencyMs: Math.round(performance.now() - started) });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = parseTargetUrl(options.url);
    } catch (error) {
      resolve(done({ statusCode: null, error: (error as Error).message, responseExcerpt: null }));
      return;
    }
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (!options.allowPrivate && isIP(host) && !isPublicAddress(host)) {
      resolve(done({ statusCode: null, error: `refused: ${host} is not a public address`, responseExcerpt: null }));
      return;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const isHttps = url.protocol === 'https:';
    const request = (isHttps ? https : http).request(
      url,
      {
        method: 'POST',
        agent: options.agents ? (isHttps ? options.agents.https : options.agents.http) : undefined,
        lookup: safeLookup(options.allowPrivate),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(options.body),
          'user-agent': 'Livechat-Webhooks/1.0',
          ...(options.format === 'standard'
            ? standardHeaders(options.previousSecret ? [options.secret, options.previousSecret] : [options.secret], options.deliveryId, timestamp, options.body)
            : {
                'x-livechat-event': options.eventType,
                'x-livechat-delivery': options.deliveryId,
                'x-livechat-timestamp': String(timestamp),
                'x-livechat-signature': signWebhook(options.secret, timestamp, options.body),
              }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_READ_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve(done({ statusCode: res.statusCode ?? null, error: null, responseExcerpt: text ? text.slice(0, RESPONSE_EXCERPT_CHARS) : null }));
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          resolve(done({ statusCode: res.statusCode ?? null, error: err.message, responseExcerpt: null }));
        });
      },
    );
    const timer = setTimeout(() => request.destroy(Object.assign(new Error(`timed out after ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })), options.timeoutMs);
    request.on('error', (err) => {
      clearTimeout(timer);
      resolve(done({ statusCode: null, error: err.message, responseExcerpt: null }));
    });
    request.end(options.body);
  });
}
