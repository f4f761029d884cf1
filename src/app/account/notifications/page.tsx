import { redirect } from 'next/navigation';

/** Linked from every notification email: the email section of the account page. */
export default function NotificationSettingsPage() {
  redirect('/account#email-notifications');
}
