/** One entry of the workspace's command palette (F17). */
export interface Command {
  id: string;
  group: 'Chats' | 'Actions' | 'Tags' | 'Canned replies' | 'Status' | 'Search';
  label: string;
  /** Extra words matched by the filter (not shown). */
  keywords?: string;
  /** The shortcut that does the same, shown on the right. */
  shortcut?: string;
  run: () => void;
}

export interface CommandContext {
  chats: { id: string; label: string; detail: string }[];
  selectedId: string | null;
  /** The open chat is the agent's own and active (transfer, end, replies). */
  canAct: boolean;
  tags: { id: string; name: string; on: boolean }[];
  canned: { id: string; shortcut: string; body: string }[];
  status: 'online' | 'busy' | 'offline' | null;
  go: (id: string) => void;
  transfer: () => void;
  end: () => void;
  note: () => void;
  focus: () => void;
  toggleTag: (id: string) => void;
  useCanned: (id: string) => void;
  setStatus: (status: 'online' | 'busy' | 'offline') => void;
  search: (query: string) => void;
  shortcuts: () => void;
}

const STATUS_WORDS = { online: 'Go online', busy: 'Set busy', offline: 'Go offline' } as const;

/** Everything the palette offers now, given the workspace's state, for the typed `query`. */
export function buildCommands(ctx: CommandContext, query: string): Command[] {
  const all: Command[] = [];
  for (const c of ctx.chats) all.push({ id: `chat:${c.id}`, group: 'Chats', label: `Go to ${c.label}${c.id === ctx.selectedId ? ' (open now)' : ''}`, keywords: c.detail, run: () => ctx.go(c.id) });
  if (ctx.selectedId) {
    if (ctx.canAct) all.push({ id: 'focus', group: 'Actions', label: 'Reply', shortcut: 'Alt+K', run: ctx.focus });
    all.push({ id: 'note', group: 'Actions', label: 'Write an internal note', shortcut: 'Alt+N', run: ctx.note });
    if (ctx.canAct) {
      all.push({ id: 'transfer', group: 'Actions', label: 'Transfer the chat…', shortcut: 'Alt+T', run: ctx.transfer });
      all.push({ id: 'end', group: 'Actions', label: 'End the chat…', shortcut: 'Alt+E', run: ctx.end });
    }
    for (const t of ctx.tags) all.push({ id: `tag:${t.id}`, group: 'Tags', label: `${t.on ? 'Remove tag' : 'Tag as'} “${t.name}”`, keywords: 'tag label', run: () => ctx.toggleTag(t.id) });
    if (ctx.canAct) for (const c of ctx.canned) all.push({ id: `canned:${c.id}`, group: 'Canned replies', label: `/${c.shortcut}`, keywords: c.body, run: () => ctx.useCanned(c.id) });
  }
  for (const s of ['online', 'busy', 'offline'] as const) if (s !== ctx.status) all.push({ id: `status:${s}`, group: 'Status', label: STATUS_WORDS[s], keywords: 'status presence', run: () => ctx.setStatus(s) });
  all.push({ id: 'shortcuts', group: 'Actions', label: 'Keyboard shortcuts', shortcut: '?', keywords: 'help keys', run: ctx.shortcuts });

  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const matches = words.length ? all.filter((c) => words.every((w) => `${c.group} ${c.label} ${c.keywords ?? ''}`.toLowerCase().includes(w))) : all;
  const search: Command[] = q ? [{ id: 'search', group: 'Search', label: `Search all conversations for “${query.trim()}”`, run: () => ctx.search(query.trim()) }] : [];
  return [...matches.slice(0, 50), ...search];
}
