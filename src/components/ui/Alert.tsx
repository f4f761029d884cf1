import type { ReactNode } from 'react';
import { cn } from './cn';

/** An in-place status message; errors are announced to screen readers. */
export function Alert({ tone, children, className }: { tone: 'error' | 'success' | 'info'; children: ReactNode; className?: string }) {
  const styles = {
    error: 'bg-red-50 text-red-800 ring-red-600/20',
    success: 'bg-green-50 text-green-800 ring-green-600/20',
    info: 'bg-slate-50 text-slate-700 ring-slate-500/20',
  }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cn('rounded-md px-3 py-2 text-sm ring-1 ring-inset', styles, className)}>
      {children}
    </div>
  );
}
