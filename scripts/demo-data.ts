/** The demo workspace created by `npm run seed` (shared by the seed and the start banner). */
export const DEMO_PASSWORD = 'demo-chat-2026';
export const DEMO_WORKSPACE = 'Demo Co';
export const DEMO_WIDGET_KEY = 'wk_demo_livechat';

export const DEMO_USERS = [
  { role: 'admin', name: 'Demo Admin', email: 'admin@demo.test', group: null },
  { role: 'supervisor', name: 'Sam Supervisor', email: 'supervisor@demo.test', group: null },
  { role: 'agent', name: 'Alice', email: 'alice@demo.test', group: 'Sales' },
  { role: 'agent', name: 'Bob', email: 'bob@demo.test', group: 'Support' },
] as const;

export const DEMO_GROUPS = ['Sales', 'Support'] as const;

export function demoLoginsText(webUrl?: string): string {
  const lines = DEMO_USERS.map(
    (u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(22)} ${DEMO_PASSWORD}${u.group ? `   (group ${u.group})` : ''}`,
  );
  return [`Demo logins (workspace "${DEMO_WORKSPACE}", widget key ${DEMO_WIDGET_KEY})${webUrl ? `, sign in at ${webUrl}/signin` : ''}:`, ...lines].join('\n');
}
