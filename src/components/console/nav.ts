import type { Role } from '../../db/schema';

/**
 * The console's navigation, in one place. A later issue adds a Chat Settings section by adding an entry
 * under "Live Chat > Settings > Chat" here, once its page exists (no dead links, no placeholders).
 * `roles` lists who may see an entry; a group is shown only if one of its entries is visible.
 */
export interface NavLink {
  label: string;
  href: string;
  roles: readonly Role[];
}

export interface NavGroup {
  label: string;
  children: NavEntry[];
}

export type NavEntry = NavLink | NavGroup;

const ADMIN: readonly Role[] = ['admin'];
const CONSOLE: readonly Role[] = ['admin', 'supervisor'];
const STAFF: readonly Role[] = ['admin', 'supervisor', 'agent'];

/** Sections of Live Chat > Settings > Chat, in display order. */
export const CHAT_SETTINGS_SECTIONS: NavLink[] = [
  { label: 'Customer Assignment Strategy', href: '/admin/live-chat/settings/chat/assignment', roles: ADMIN },
  { label: 'Customer Info Auto-save', href: '/admin/live-chat/settings/chat/customer-info', roles: ADMIN },
  { label: 'Satisfaction', href: '/admin/live-chat/settings/chat/satisfaction', roles: ADMIN },
  { label: 'End of Chat', href: '/admin/live-chat/settings/chat/end-of-chat', roles: ADMIN },
  { label: 'Attachments', href: '/admin/live-chat/settings/chat/attachments', roles: ADMIN },
  { label: 'Queue Settings', href: '/admin/live-chat/settings/chat/assignment/queue', roles: ADMIN },
  { label: 'Sensitive Words', href: '/admin/live-chat/settings/chat/sensitive-words', roles: ADMIN },
  { label: 'Submission', href: '/admin/live-chat/settings/chat/submission', roles: ADMIN },
  { label: 'Message Webhook', href: '/admin/live-chat/settings/chat/webhook', roles: ADMIN },
  { label: 'Message Push Notifications', href: '/admin/live-chat/settings/chat/push-notifications', roles: ADMIN },
  { label: 'Webhook Delivery Log', href: '/admin/live-chat/settings/chat/webhook/deliveries', roles: ADMIN },
];

export const CONSOLE_NAV: NavEntry[] = [
  { label: 'Overview', href: '/admin', roles: CONSOLE },
  { label: 'Reports', href: '/admin/reports', roles: CONSOLE },
  {
    label: 'Live Chat',
    children: [
      { label: 'Mode Settings', href: '/admin/live-chat/mode', roles: ADMIN },
      { label: 'Satisfaction results', href: '/admin/live-chat/satisfaction', roles: CONSOLE },
      { label: 'Customers', href: '/admin/customers', roles: CONSOLE },
      { label: 'Monitoring', href: '/admin/live-chat/monitoring', roles: CONSOLE },
      { label: 'Canned replies', href: '/admin/live-chat/canned-replies', roles: ADMIN },
      { label: 'Tags', href: '/admin/live-chat/tags', roles: CONSOLE },
      { label: 'Banned visitors', href: '/admin/live-chat/bans', roles: CONSOLE },
      {
        label: 'Settings',
        children: [{ label: 'Chat', children: CHAT_SETTINGS_SECTIONS }],
      },
    ],
  },
  {
    label: 'Team',
    children: [
      { label: 'Agents', href: '/admin/agents', roles: ADMIN },
      { label: 'Skill groups', href: '/admin/skill-groups', roles: ADMIN },
      { label: 'Working hours', href: '/admin/working-hours', roles: ADMIN },
    ],
  },
  {
    label: 'Workspace',
    children: [
      { label: 'Widget', href: '/admin/widget', roles: ADMIN },
      { label: 'Audit log', href: '/admin/audit', roles: ADMIN },
      { label: 'Email delivery log', href: '/admin/email', roles: ADMIN },
      { label: 'API tokens', href: '/admin/developers/api-tokens', roles: ADMIN },
    ],
  },
  { label: 'Submissions inbox', href: '/agent/submissions', roles: CONSOLE },
  { label: 'Chat history', href: '/agent/history', roles: CONSOLE },
  { label: 'Agent workspace', href: '/agent', roles: STAFF },
];

export function isLink(entry: NavEntry): entry is NavLink {
  return 'href' in entry;
}

/** The navigation a role may see: hidden links removed, then empty groups removed. */
export function navFor(role: Role, entries: NavEntry[] = CONSOLE_NAV): NavEntry[] {
  const out: NavEntry[] = [];
  for (const entry of entries) {
    if (isLink(entry)) {
      if (entry.roles.includes(role)) out.push(entry);
    } else {
      const children = navFor(role, entry.children);
      if (children.length) out.push({ label: entry.label, children });
    }
  }
  return out;
}

/** Every link (flattened), e.g. to check that each one has a page. */
export function allLinks(entries: NavEntry[] = CONSOLE_NAV): NavLink[] {
  return entries.flatMap((e) => (isLink(e) ? [e] : allLinks(e.children)));
}
