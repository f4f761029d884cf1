/** How the widget reads the server's refusals: of a socket handshake, and of a request (field details). */

/** What a refused visitor handshake means for the widget (`connect_error` messages of src/realtime/visitor-handshake.ts). */
export type HandshakeRefusal = 'retry' | 'unverified' | 'revoked' | 'refused' | 'other';

export function handshakeRefusal(message: string, hasToken: boolean): HandshakeRefusal {
  // A busy node (reconnect storm) or a passing server error: retry when told, jittered.
  if (/^(rate_limited|internal)/.test(message)) return 'retry';
  // F2: mandatory identity verification refused this partnerid (wrong or missing partnerid_hash).
  if (/^identity_unverified/.test(message)) return 'unverified';
  // A revoked identity (e.g. after a ban was lifted) never comes back: start over as a new visitor.
  if (/visitor token revoked/.test(message) && hasToken) return 'revoked';
  if (/unauthorized|bad_request|forbidden/.test(message)) return 'refused';
  return 'other';
}

/** The field details of a refused request (`bad_request` from zod on the server). */
export function refusalDetails(error: { code: string; message: string }): { path?: string; message?: string }[] {
  const details = (error as { details?: unknown }).details;
  return Array.isArray(details) ? (details as { path?: string; message?: string }[]) : [];
}
