/**
 * Estimated queue wait: chats ahead of you are served as capacity frees. With `capacity` concurrent
 * chats across the online agents who serve the queue and an average handling time H, one slot frees
 * every H / capacity seconds on average, so position p waits about p * H / capacity.
 */
export const DEFAULT_HANDLE_SECONDS = 300;

export function averageHandleSeconds(recentDurations: number[]): number {
  const valid = recentDurations.filter((d) => Number.isFinite(d) && d > 0);
  if (!valid.length) return DEFAULT_HANDLE_SECONDS;
  return valid.reduce((a, b) => a + b, 0) / valid.length;
}

/** Seconds, or null when nobody who can serve the queue is online (the wait is unknown). */
export function estimateWaitSeconds(position: number, averageHandle: number, onlineCapacity: number): number | null {
  if (onlineCapacity <= 0) return null;
  return Math.max(0, Math.round((position * averageHandle) / onlineCapacity));
}

export function formatWait(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `about ${hours} h ${rest} min` : `about ${hours} h`;
}

/**
 * The queue line for a visitor. With nobody online to serve the queue the wait is unknown: instead of
 * "estimated wait unknown" the part of the text that names the wait is left out ("You are number 1 in the
 * queue; estimated wait {wait}." -> "You are number 1 in the queue.").
 */
export function fillQueueMessage(template: string, position: number, waitSeconds: number | null): string {
  const text = waitSeconds === null ? withoutWait(template) : template;
  return text.replaceAll('{position}', String(position)).replaceAll('{wait}', formatWait(waitSeconds));
}

/** The template without the clause (between punctuation) that holds `{wait}`; unchanged when nothing else would remain. */
export function withoutWait(template: string): string {
  if (!template.includes('{wait}')) return template;
  // A clause: text after the previous . ; , ! ? (or the start) up to the next one (or the end).
  const stripped = template
    .replace(/[,;:\u2013\u2014-]?\s*[^.;,!?\u2013\u2014]*\{wait\}[^.;,!?]*/g, '')
    .replace(/\s+([.!?])/g, '$1')
    .replace(/([.!?])\1+/g, '$1')
    .replace(/^[\s.;,!?]+/, '')
    .trim();
  return stripped.replace(/\{position\}/g, '').trim() ? stripped : template.replaceAll('{wait}', '').trim();
}
