'use client';

import { useEffect, useRef, type DependencyList } from 'react';

/**
 * Keeps a message list on its newest message: scrolls to the end whenever `deps` change (a new message,
 * typing) and again when an image inside the list finishes loading while the reader was at the bottom (an
 * image grows the list after the first scroll, which used to leave the newest message hidden, issue 21).
 * A reader who scrolled up to read older messages is left where they are.
 */
export function useScrollToNewest(deps: DependencyList) {
  const listRef = useRef<HTMLDivElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
    pinned.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's dependencies decide when to scroll
  }, deps);

  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const onScroll = () => {
      pinned.current = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    };
    // `load` does not bubble: listen in the capture phase for every image of the list.
    const onLoad = (event: Event) => {
      if (event.target instanceof HTMLImageElement && pinned.current) endRef.current?.scrollIntoView({ block: 'end' });
    };
    list.addEventListener('scroll', onScroll, { passive: true });
    list.addEventListener('load', onLoad, true);
    return () => {
      list.removeEventListener('scroll', onScroll);
      list.removeEventListener('load', onLoad, true);
    };
  }, []);

  return { listRef, endRef };
}
