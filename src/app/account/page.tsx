import type { Metadata } from 'next';
import Link from 'next/link';
import { Avatar } from '@/components/account/Avatar';
import { EmailChangeSection } from '@/components/account/EmailChangeSection';
import { TwoFactorSection } from '@/components/account/TwoFactorSection';
import { NotificationPreferences } from '@/components/account/NotificationPreferences';
import { NotificationsSection } from '@/components/account/NotificationsSection';
import { PasswordSection } from '@/components/account/PasswordSection';
import { ProfileSection } from '@/components/account/ProfileSection';
import { SessionsSection } from '@/components/account/SessionsSection';
import { preferencesOf } from '@/domain/email/preferences';
import { ALL_ROLES, requirePageUser } from '@/lib/auth';
import { twoFactor } from '@/server/two-factor';
import { services } from '@/server/web';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

/**
 * Account page for every signed-in user (admin, supervisor, agent). It is a column of independent
 * sections, each a card with its own form and save: add a section (email change, two-factor) by adding
 * one component to SECTIONS below.
 */
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ 'two-factor'?: string }> }) {
  const user = await requirePageUser(ALL_ROLES, '/account');
  const [profile, emailPrefs, twoFactorStatus, query] = await Promise.all([
    services().profiles.get(user.workspaceId, user.id),
    preferencesOf(services().db, user.id),
    twoFactor().status(user.workspaceId, user.id),
    searchParams,
  ]);
  const back = user.role === 'agent' ? { href: '/agent', label: 'Back to the agent workspace' } : { href: '/admin', label: 'Back to the console' };
  const SECTIONS = [
    <ProfileSection key="profile" profile={profile} />,
    <PasswordSection key="password" />,
    <EmailChangeSection key="email" currentEmail={user.email} />,
    <TwoFactorSection key="two-factor" initial={twoFactorStatus} mustSetUp={query['two-factor'] === 'required'} />,
    <NotificationsSection key="notifications" />,
    <NotificationPreferences key="email-notifications" initial={emailPrefs} />,
    <SessionsSection key="sessions" />,
  ];
  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <Link href={back.href} className="text-sm font-medium text-indigo-700 hover:text-indigo-600">
            ← {back.label}
          </Link>
          <span className="flex items-center gap-2 text-sm text-slate-600">
            <Avatar initials={profile.initials} color={profile.avatarColor} size="sm" />
            {profile.name}
          </span>
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Your account</h1>
          <p className="mt-1 text-sm text-slate-600">Your profile, password and sessions. Only you see this page.</p>
        </div>
        {SECTIONS}
      </main>
    </div>
  );
}
