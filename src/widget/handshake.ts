/**
 * The postMessage contract between the loader (on the customer's page) and the widget iframe (our origin).
 * Every message is `{ lc: 1, type, nonce, ...data }`. The loader makes a random nonce per iframe and gives
 * it to the iframe in the URL fragment (never sent to a server); both sides drop anything that is not from
 * the expected window AND origin AND carries that nonce.
 *
 * These two checks are self-contained functions (no imports, no outer variables): the loader script embeds
 * their source text (`Function.prototype.toString`) and the iframe imports them, so both sides and the unit
 * tests run the same code.
 */

export interface LcMessage {
  lc: 1;
  type: string;
  nonce: string;
  [key: string]: unknown;
}

interface MessageLike {
  origin: string;
  source: unknown;
  data: unknown;
}

/** Loader side: a message from our iframe (product origin, that iframe's window, the iframe's nonce). */
export function isFromWidgetFrame(event: MessageLike, productOrigin: string, frameWindow: unknown, nonce: string): boolean {
  if (!frameWindow || event.source !== frameWindow || event.origin !== productOrigin) return false;
  const d = event.data as { lc?: unknown; type?: unknown; nonce?: unknown } | null;
  return !!d && typeof d === 'object' && d.lc === 1 && typeof d.type === 'string' && typeof nonce === 'string' && nonce.length >= 16 && d.nonce === nonce;
}

/** Iframe side: a message from the page that embeds us (its window, the origin the loader declared, our nonce). */
export function isFromHostPage(event: MessageLike, parentWindow: unknown, hostOrigin: string, nonce: string): boolean {
  if (!parentWindow || event.source !== parentWindow || !hostOrigin || event.origin !== hostOrigin) return false;
  const d = event.data as { lc?: unknown; type?: unknown; nonce?: unknown } | null;
  return !!d && typeof d === 'object' && d.lc === 1 && typeof d.type === 'string' && typeof nonce === 'string' && nonce.length >= 16 && d.nonce === nonce;
}
