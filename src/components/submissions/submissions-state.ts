import type { SubmissionDto } from '@/domain/submissions/service';

/**
 * The submissions inbox's list state as a pure reducer: filters, keyset pages, the selection and the count
 * of submissions announced live since the last load. `useSubmissionsInbox` runs the requests and the
 * socket; a response for an older filter (a stale request number) is ignored. Unit-tested without a browser.
 */
export interface SubmissionFilters {
  status: string;
  channel: string;
  assigneeId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: SubmissionFilters = { status: '', channel: '', assigneeId: '', from: '', to: '' };

export interface InboxState {
  filters: SubmissionFilters;
  items: SubmissionDto[] | null;
  cursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  selectedId: string | null;
  /** Submissions announced live since the list was last loaded. */
  newCount: number;
  /** The number of the newest list request: older answers are dropped. */
  request: number;
}

export const INITIAL_INBOX: InboxState = { filters: NO_FILTERS, items: null, cursor: null, loading: true, loadingMore: false, error: null, selectedId: null, newCount: 0, request: 0 };

export type InboxAction =
  | { type: 'filter'; patch: Partial<SubmissionFilters> }
  | { type: 'clearFilters' }
  | { type: 'loadStart'; request: number }
  | { type: 'loaded'; request: number; items: SubmissionDto[]; cursor: string | null }
  | { type: 'loadFailed'; request: number; message: string }
  | { type: 'moreStart' }
  | { type: 'moreLoaded'; items: SubmissionDto[]; cursor: string | null }
  | { type: 'moreFailed'; message: string }
  | { type: 'select'; id: string | null }
  | { type: 'announced' }
  | { type: 'updated'; submission: SubmissionDto };

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'filter':
      return { ...state, filters: { ...state.filters, ...action.patch } };
    case 'clearFilters':
      return { ...state, filters: NO_FILTERS };
    case 'loadStart':
      return { ...state, request: action.request, loading: true, error: null };
    case 'loaded':
      if (action.request !== state.request) return state;
      return { ...state, loading: false, items: action.items, cursor: action.cursor, newCount: 0 };
    case 'loadFailed':
      if (action.request !== state.request) return state;
      return { ...state, loading: false, error: action.message, items: [] };
    case 'moreStart':
      return { ...state, loadingMore: true };
    case 'moreLoaded': {
      const current = state.items ?? [];
      return { ...state, loadingMore: false, items: [...current, ...action.items.filter((i) => !current.some((c) => c.id === i.id))], cursor: action.cursor };
    }
    case 'moreFailed':
      return { ...state, loadingMore: false, error: action.message };
    case 'select':
      return { ...state, selectedId: action.id };
    case 'announced':
      return { ...state, newCount: state.newCount + 1 };
    case 'updated':
      return { ...state, items: (state.items ?? []).map((x) => (x.id === action.submission.id ? { ...x, ...action.submission, messages: undefined } : x)) };
  }
}

export function isFiltered(filters: SubmissionFilters): boolean {
  return JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
}

/** GET /api/submissions with the filters, the page after `cursor`, 25 a page. */
export function submissionsQuery(filters: SubmissionFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', '25');
  return `/api/submissions?${params}`;
}

/** Who left it: name, email or phone from the form, else "Visitor". */
export function submitter(s: SubmissionDto): string {
  return s.fields.name || s.fields.email || s.fields.phone || 'Visitor';
}
