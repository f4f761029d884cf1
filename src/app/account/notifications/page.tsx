import Link from 'next/link';
import { NotificationPreferences } from '@/components/account/NotificationPreferences';
import { preferencesOf } from '@/domain/email/preferences';
import { ALL_ROLES, homeFor, requirePageUser } from '@/lib/auth';
import { services } from '@/lib/services';

export const metadata = { title: 'Email notifications' };

/** Linked from every notification email: the signed-in user's email switches per kind. */
export default async function NotificationSettingsPage() {
  const user = await requirePageUser(ALL_ROLES, '/account/notifications');
  const prefs = await preferencesOf(services().db, user.id);
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <p className="mb-4 text-sm">
        <Link href={homeFor(user.role)} className="rounded font-medium text-indigo-600 hover:text-indigo-500">
          ← Back
        </Link>
      </p>
      <h1 className="mb-6 text-xl font-semibold text-slate-900">Email notifications</h1>
      <NotificationPreferences initial={prefs} />
    </main>
  );
}
