'use client';

import { useCallback, useState } from 'react';
import type { PageInfo } from '@/components/widget/host-bridge';
import { request, type VisitorSocket } from '../socket';

/**
 * Where the visitor is: the host page's address (greetings evaluate on it) and this visit's page views as the
 * server counted them (`visitor.page` answers `pagesVisited`: the frame reloads with every page of a
 * multi-page site, so it cannot count them itself).
 */
export function usePageReports() {
  const [pageUrl, setPageUrl] = useState<string | null>(null);
  const [pagesVisited, setPagesVisited] = useState(0);
  const report = useCallback((socket: VisitorSocket, page: PageInfo) => {
    void request(socket, 'visitor.page', page).then((ack) => ack.ok && setPagesVisited(ack.pagesVisited));
  }, []);
  /** The host reported a page (loader start or SPA navigation): shown at once, reported when connected. */
  const visit = useCallback(
    (page: PageInfo, socket: VisitorSocket | null) => {
      setPageUrl(page.url);
      if (socket?.connected) report(socket, page);
    },
    [report],
  );
  return { pageUrl, pagesVisited, report, visit, seed: setPageUrl };
}
