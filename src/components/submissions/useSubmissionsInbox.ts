'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { connectStaffSocket } from '@/components/chat/staff-socket';
import type { SubmissionDto } from '@/domain/submissions/service';
import { api } from '../console/api';
import { INITIAL_INBOX, inboxReducer, isFiltered, submissionsQuery, type SubmissionFilters } from './submissions-state';

type Page = { items: SubmissionDto[]; nextCursor: string | null };

/**
 * The inbox session: the list for the current filters (reloaded when they change), further pages, and
 * the live "new submissions" count from the staff socket (the list refreshes when the user asks, so it
 * keeps their place; without the socket the list still works, so its errors are not shown).
 */
export function useSubmissionsInbox() {
  const [state, dispatch] = useReducer(inboxReducer, INITIAL_INBOX);
  const requests = useRef(0);
  const { filters, cursor } = state;

  const load = useCallback(async () => {
    const request = ++requests.current;
    dispatch({ type: 'loadStart', request });
    const res = await api<Page>('GET', submissionsQuery(filters, null));
    if (!res.ok) dispatch({ type: 'loadFailed', request, message: res.error.message });
    else dispatch({ type: 'loaded', request, items: res.items, cursor: res.nextCursor });
  }, [filters]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      connectStaffSocket({
        namespace: '/agent',
        callbackPath: '/agent/submissions',
        attach: (socket) => socket.on('submission.created', () => dispatch({ type: 'announced' })),
      }),
    [],
  );

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    dispatch({ type: 'moreStart' });
    const res = await api<Page>('GET', submissionsQuery(filters, cursor));
    if (!res.ok) dispatch({ type: 'moreFailed', message: res.error.message });
    else dispatch({ type: 'moreLoaded', items: res.items, cursor: res.nextCursor });
  }, [filters, cursor]);

  return {
    state,
    filtered: isFiltered(filters),
    load,
    loadMore,
    setFilter: (patch: Partial<SubmissionFilters>) => dispatch({ type: 'filter', patch }),
    clearFilters: () => dispatch({ type: 'clearFilters' }),
    select: (id: string | null) => dispatch({ type: 'select', id }),
    updated: (submission: SubmissionDto) => dispatch({ type: 'updated', submission }),
  };
}
