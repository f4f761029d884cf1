import { describe, expect, it } from 'vitest';
import type { SubmissionDto } from '../../src/domain/submissions/service';
import { INITIAL_INBOX, inboxReducer, isFiltered, NO_FILTERS, submissionsQuery, submitter, type InboxAction, type InboxState } from '../../src/components/submissions/submissions-state';

const sub = (id: string, over: Partial<SubmissionDto> = {}) => ({ id, number: Number(id.replace(/\D/g, '')) || 1, status: 'open', fields: {}, assigneeId: null, assigneeName: null, ...over }) as unknown as SubmissionDto;
const run = (actions: InboxAction[], from: InboxState = INITIAL_INBOX) => actions.reduce(inboxReducer, from);

describe('submissions inbox reducer (useSubmissionsInbox)', () => {
  it('loads a page, then more without repeating items', () => {
    const s = run([
      { type: 'loadStart', request: 1 },
      { type: 'loaded', request: 1, items: [sub('s1'), sub('s2')], cursor: 'c1' },
      { type: 'moreStart' },
      { type: 'moreLoaded', items: [sub('s2'), sub('s3')], cursor: null },
    ]);
    expect(s.items!.map((i) => i.id)).toEqual(['s1', 's2', 's3']);
    expect(s.cursor).toBeNull();
    expect(s.loading).toBe(false);
    expect(s.loadingMore).toBe(false);
  });

  it('drops the answer of an older filter that arrives after the newer one (out of order)', () => {
    const s = run([
      { type: 'filter', patch: { status: 'open' } },
      { type: 'loadStart', request: 1 },
      { type: 'filter', patch: { status: 'closed' } },
      { type: 'loadStart', request: 2 },
      { type: 'loaded', request: 2, items: [sub('s9', { status: 'closed' })], cursor: null },
      { type: 'loaded', request: 1, items: [sub('s1')], cursor: 'old' },
      { type: 'loadFailed', request: 1, message: 'late failure' },
    ]);
    expect(s.items!.map((i) => i.id)).toEqual(['s9']);
    expect(s.cursor).toBeNull();
    expect(s.error).toBeNull();
    expect(s.filters.status).toBe('closed');
  });

  it('counts live announcements until the list is reloaded, and applies an update to its row', () => {
    let s = run([{ type: 'loadStart', request: 1 }, { type: 'loaded', request: 1, items: [sub('s1')], cursor: null }, { type: 'announced' }, { type: 'announced' }]);
    expect(s.newCount).toBe(2);
    s = run([{ type: 'updated', submission: sub('s1', { status: 'closed', assigneeName: 'Ann' }) }, { type: 'select', id: 's1' }], s);
    expect(s.items![0]).toMatchObject({ status: 'closed', assigneeName: 'Ann' });
    expect(s.selectedId).toBe('s1');
    s = run([{ type: 'loadStart', request: 2 }, { type: 'loaded', request: 2, items: [sub('s2'), sub('s1')], cursor: null }], s);
    expect(s.newCount).toBe(0);
  });

  it('shows a failed load as an error with an empty list', () => {
    const s = run([{ type: 'loadStart', request: 1 }, { type: 'loadFailed', request: 1, message: 'Could not reach the server.' }]);
    expect(s).toMatchObject({ loading: false, error: 'Could not reach the server.', items: [] });
  });

  it('builds the query and names the submitter', () => {
    expect(submissionsQuery({ ...NO_FILTERS, status: 'open', assigneeId: 'none' }, 'abc')).toBe('/api/submissions?status=open&assigneeId=none&cursor=abc&limit=25');
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, from: '2026-12-01' })).toBe(true);
    expect(submitter(sub('s1', { fields: { email: 'a@b.c' } }))).toBe('a@b.c');
    expect(submitter(sub('s1'))).toBe('Visitor');
  });
});
