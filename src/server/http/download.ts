/**
 * Headers every download and thumbnail carries (docs/protocol.md, docs/security.md): never sniffed, and
 * sandboxed if a browser opens it anyway (no scripts, no plugins, no same-origin access, nothing loaded).
 */
export const DOWNLOAD_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'",
} as const;

export function downloadHeaders(headers: Record<string, string>): Record<string, string> {
  return { ...headers, ...DOWNLOAD_SECURITY_HEADERS };
}
