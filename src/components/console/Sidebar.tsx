'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { cn } from '../ui/cn';
import { focusRing } from '../ui/Button';
import { allLinks, isLink, type NavEntry } from './nav';

function isActive(pathname: string, href: string) {
  if (href === '/admin') return pathname === '/admin';
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The one link to highlight: the longest href matching the path (a sub-page's own entry wins over its parent's). */
function activeHref(pathname: string, nav: NavEntry[]): string | null {
  const matches = allLinks(nav).filter((l) => isActive(pathname, l.href));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}

function NavTree({ entries, activeHref, depth, onNavigate }: { entries: NavEntry[]; activeHref: string | null; depth: number; onNavigate: () => void }) {
  return (
    <ul className={cn('space-y-0.5', depth > 0 && 'mt-0.5', depth > 1 && 'ml-3 border-l border-slate-700 pl-2')}>
      {entries.map((entry) => {
        if (isLink(entry)) {
          const active = entry.href === activeHref;
          return (
            <li key={entry.href}>
              <Link
                href={entry.href}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-3 py-1.5 text-sm',
                  focusRing,
                  'focus-visible:outline-indigo-400',
                  active ? 'bg-slate-800 font-medium text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white',
                )}
              >
                {entry.label}
              </Link>
            </li>
          );
        }
        return (
          <li key={entry.label} className={depth === 0 ? 'pt-4' : 'pt-1'}>
            <p className={cn('px-3 py-1', depth === 0 ? 'text-xs font-semibold uppercase tracking-wide text-slate-400' : 'text-xs font-medium text-slate-400')}>
              {entry.label}
            </p>
            <NavTree entries={entry.children} activeHref={activeHref} depth={depth + 1} onNavigate={onNavigate} />
          </li>
        );
      })}
    </ul>
  );
}

export function Sidebar({ nav, workspaceName, userName, role }: { nav: NavEntry[]; workspaceName: string; userName: string; role: string }) {
  const pathname = usePathname() ?? '/admin';
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  async function onSignOut() {
    setSigningOut(true);
    await signOut({ redirect: false });
    window.location.assign('/signin');
  }

  return (
    <aside className="bg-slate-900 text-white lg:w-64 lg:shrink-0">
      <div className="lg:sticky lg:top-0 lg:flex lg:h-screen lg:flex-col">
        <div className="flex h-14 items-center justify-between px-4 lg:h-16">
          <Link href="/admin" className={cn('rounded-md text-base font-semibold tracking-tight', focusRing, 'focus-visible:outline-indigo-400')}>
            <span aria-hidden="true" className="mr-2 inline-block h-2.5 w-2.5 rounded-full bg-indigo-400" />
            LiveChat
          </Link>
          <button
            type="button"
            className={cn('rounded-md px-2 py-1 text-sm text-slate-200 ring-1 ring-slate-700 lg:hidden', focusRing)}
            aria-expanded={open}
            aria-controls="console-nav"
            onClick={() => setOpen((v) => !v)}
          >
            {open ? 'Close menu' : 'Menu'}
          </button>
        </div>
        <div id="console-nav" className={cn('flex-1 flex-col overflow-y-auto px-3 pb-4 lg:flex', open ? 'flex' : 'hidden')}>
          <nav aria-label="Console" className="flex-1">
            <NavTree entries={nav} activeHref={activeHref(pathname, nav)} depth={0} onNavigate={() => setOpen(false)} />
          </nav>
          <div className="mt-6 border-t border-slate-800 pt-4">
            <p className="truncate px-3 text-sm font-medium text-white" title={userName}>
              {userName}
            </p>
            <p className="truncate px-3 text-xs text-slate-400">
              {workspaceName} · <span className="capitalize">{role}</span>
            </p>
            <Link
              href="/account"
              className={cn('mt-3 block w-full rounded-md px-3 py-1.5 text-left text-sm text-slate-300 hover:bg-slate-800 hover:text-white', focusRing, 'focus-visible:outline-indigo-400')}
            >
              Your account
            </Link>
            <button
              type="button"
              onClick={onSignOut}
              disabled={signingOut}
              className={cn('w-full rounded-md px-3 py-1.5 text-left text-sm text-slate-300 hover:bg-slate-800 hover:text-white', focusRing, 'focus-visible:outline-indigo-400')}
            >
              {signingOut ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </div>
      </div>
    </aside>
  );
}
