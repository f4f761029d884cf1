import { cn } from '../ui/cn';

/** Initials on a colour: the staff member's avatar. */
export function Avatar({ initials, color, size = 'md', className }: { initials: string; color: string; size?: 'sm' | 'md' | 'lg'; className?: string }) {
  const sizes = { sm: 'h-7 w-7 text-xs', md: 'h-9 w-9 text-sm', lg: 'h-16 w-16 text-xl' };
  return (
    <span aria-hidden="true" className={cn('inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white', sizes[size], className)} style={{ backgroundColor: color }}>
      {initials}
    </span>
  );
}
