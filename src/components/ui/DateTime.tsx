'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { browserViewer, formatDateTime, SERVER_VIEWER, type DateTimeStyle, type Viewer } from '../../lib/format/datetime';

const subscribe = () => () => {};
let cached: Viewer | null = null;
function clientViewer(): Viewer {
  cached ??= browserViewer();
  return cached;
}

/** The viewer (locale + time zone): the server's neutral one while hydrating, then the browser's. */
export function useViewer(): Viewer {
  return useSyncExternalStore(subscribe, clientViewer, () => SERVER_VIEWER);
}

/** `format(value, style)` in the viewer's locale and time zone, for text that is not a lone date. */
export function useDateFormatter() {
  const viewer = useViewer();
  return useCallback((value: Date | string | number | null | undefined, style: DateTimeStyle = 'datetime') => formatDateTime(value, style, viewer), [viewer]);
}

/** A date/time in the viewer's locale and time zone (usable from server components). */
export function DateTime({ value, style = 'datetime', className }: { value: Date | string | number | null | undefined; style?: DateTimeStyle; className?: string }) {
  const format = useDateFormatter();
  const date = value === null || value === undefined || value === '' ? null : new Date(value);
  if (!date || Number.isNaN(date.getTime())) return <span className={className}>—</span>;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} className={className}>
      {format(value, style)}
    </time>
  );
}
