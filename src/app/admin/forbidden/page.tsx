import Link from 'next/link';
import { PageHeader } from '@/components/console/PageHeader';
import { buttonClasses } from '@/components/ui/Button';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';

export const metadata = { title: 'Not allowed' };

export default async function ForbiddenPage() {
  const user = await requirePageUser(CONSOLE_ROLES);
  return (
    <>
      <PageHeader title="You don't have access to that page" description={`Your role (${user.role}) does not include it. Ask a workspace admin if you need access.`} />
      <Link href="/admin" className={buttonClasses('secondary')}>
        Back to the console
      </Link>
    </>
  );
}
