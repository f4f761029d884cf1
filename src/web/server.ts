import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolveForwarding, trustedProxyList } from '../lib/client-ip';
import { logger } from '../lib/logger';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface WebServerOptions {
  /** Next's request handler (`next().getRequestHandler()`), or the routes under test. */
  handler: RequestHandler;
  /** TRUSTED_PROXIES: whose X-Forwarded-For is believed. Empty: nobody's. */
  trustedProxies: string;
}

/**
 * The web app's HTTP server (issue 22): Next.js believes any X-Forwarded-For a client sends (it only adds
 * the header when absent), so every request passes through here first. The forwarding headers are
 * rewritten from the TCP peer and TRUSTED_PROXIES (lib/client-ip.ts `resolveForwarding`), exactly as the
 * realtime server derives its client address: route handlers then read one trustworthy address.
 */
export function createWebServer(options: WebServerOptions): Server {
  const proxies = trustedProxyList(options.trustedProxies);
  const warned = new Set<string>();
  return createServer((req, res) => {
    const peer = req.socket.remoteAddress;
    const { ignoredForwarding } = resolveForwarding(req.headers, peer, proxies);
    if (ignoredForwarding && peer && !warned.has(peer) && warned.size < 100) {
      warned.add(peer);
      logger.warn(
        { peer },
        `a request from ${peer} carried X-Forwarded-For, which is ignored because ${peer} is not in TRUSTED_PROXIES; if ${peer} is your reverse proxy, set TRUSTED_PROXIES=${peer} (or its subnet)`,
      );
    }
    Promise.resolve(options.handler(req, res)).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'web request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side.' } }));
    });
  });
}
