import { describe, expect, it, vi } from 'vitest';
import { buildCommands, type CommandContext } from '../../src/components/chat/workspace/commands';

function context(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    chats: [{ id: 'c1', label: 'Maria', detail: 'maria@example.com teapot' }, { id: 'c2', label: 'Visitor from Berlin', detail: '' }],
    selectedId: 'c1',
    canAct: true,
    tags: [{ id: 't1', name: 'Billing', on: false }, { id: 't2', name: 'VIP', on: true }],
    canned: [{ id: 'k1', shortcut: 'shipping', body: 'We ship within 2 days' }],
    status: 'online',
    go: vi.fn(), transfer: vi.fn(), end: vi.fn(), note: vi.fn(), focus: vi.fn(), toggleTag: vi.fn(), useCanned: vi.fn(), setStatus: vi.fn(), search: vi.fn(), shortcuts: vi.fn(),
    ...overrides,
  };
}

describe('command palette', () => {
  it('offers the other chats, actions on the open chat, tags, canned replies and the other statuses', () => {
    const labels = buildCommands(context(), '').map((c) => c.label);
    expect(labels).toContain('Go to Visitor from Berlin');
    expect(labels).toContain('Go to Maria (open now)');
    expect(labels).toEqual(expect.arrayContaining(['Transfer the chat…', 'End the chat…', 'Write an internal note', 'Tag as “Billing”', 'Remove tag “VIP”', '/shipping', 'Set busy', 'Go offline']));
    expect(labels).not.toContain('Go online');
  });
  it('filters by every word, matches hidden details, and always offers a full-text search', () => {
    const ctx = context();
    const found = buildCommands(ctx, 'ship');
    expect(found.map((c) => c.label)).toEqual(['/shipping', 'Search all conversations for “ship”']);
    found[1].run();
    expect(ctx.search).toHaveBeenCalledWith('ship');
    expect(buildCommands(ctx, 'go berlin')[0].label).toBe('Go to Visitor from Berlin');
  });
  it('leaves out replies, transfer and end when the chat is not the agent’s own', () => {
    const labels = buildCommands(context({ canAct: false }), '').map((c) => c.label);
    expect(labels).not.toContain('Transfer the chat…');
    expect(labels).not.toContain('/shipping');
    expect(labels).toContain('Write an internal note');
  });
});
