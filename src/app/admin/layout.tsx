import type { ReactNode } from 'react';
import { navFor } from '@/components/console/nav';
import { Sidebar } from '@/components/console/Sidebar';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin');
  const workspace = await services().accounts.getWorkspace(user.workspaceId);
  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#console-main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <Sidebar nav={navFor(user.role)} workspaceName={workspace?.name ?? 'Workspace'} userName={user.name} role={user.role} />
      <main id="console-main" className="min-w-0 flex-1">
        <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6 lg:px-10">{children}</div>
      </main>
    </div>
  );
}
