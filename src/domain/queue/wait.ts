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

export function fillQueueMessage(template: string, position: number, waitSeconds: number | null): string {
  return template.replaceAll('{position}', String(position)).replaceAll('{wait}', formatWait(waitSeconds));
}
