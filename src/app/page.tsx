import Link from 'next/link';
import { buttonClasses } from '@/components/ui/Button';

export default function LandingPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wide text-indigo-600">LiveChat</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">Talk to your visitors while they are on your site.</h1>
      <p className="mt-5 max-w-2xl text-lg text-slate-600">
        Embed one script tag, answer chats from the agent workspace, and set up reception modes, assignment, queues and more from the
        console.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link href="/signin" className={buttonClasses('primary')}>
          Sign in
        </Link>
        <Link href="/signup" className={buttonClasses('secondary')}>
          Create a workspace
        </Link>
        <Link href="/demo" className={buttonClasses('ghost')}>
          Try the demo page →
        </Link>
      </div>
    </main>
  );
}
