import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';

/**
 * A tiny reverse proxy for tests, on 127.0.0.1, in front of a web or realtime server (HTTP and websocket
 * upgrades), doing what Caddy or nginx do: append the client's address to X-Forwarded-For. Every test
 * client connects from 127.0.0.1, so the "client address" the proxy appends is taken from the
 * `x-test-client` header (then removed), standing for the TCP peer the proxy would see in production.
 */
export interface TestProxy {
  port: number;
  url: string;
  close(): Promise<void>;
}

function forwarded(headers: IncomingHttpHeaders, peer: string): IncomingHttpHeaders {
  const client = typeof headers['x-test-client'] === 'string' ? headers['x-test-client'] : peer;
  const out = { ...headers };
  delete out['x-test-client'];
  const previous = out['x-forwarded-for'];
  out['x-forwarded-for'] = previous ? `${previous}, ${client}` : client;
  return out;
}

export async function startReverseProxy(targetPort: number): Promise<TestProxy> {
  const server: Server = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: forwarded(req.headers, req.socket.remoteAddress ?? '') }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const tunnels = new Set<net.Socket>();
  server.on('upgrade', (req, socket, head) => {
    tunnels.add(socket as net.Socket);
    socket.on('close', () => tunnels.delete(socket as net.Socket));
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      const headers = forwarded(req.headers, req.socket.remoteAddress ?? '');
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (const [name, value] of Object.entries(headers)) for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) lines.push(`${name}: ${v}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
