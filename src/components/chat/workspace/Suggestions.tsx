'use client';

import { cn } from '@/components/ui/cn';

export interface Suggestion {
  id: string;
  title: string;
  detail?: string;
}

/**
 * The list above the composer for `/` canned replies and `@` mentions. Keyboard handling lives in the
 * composer (the focus stays in the text field); this only renders, with `active` highlighted.
 */
export function Suggestions({ items, active, onPick, label, empty, testId }: { items: Suggestion[]; active: number; onPick: (item: Suggestion) => void; label: string; empty: string; testId: string }) {
  return (
    <div className="absolute inset-x-3 bottom-full z-20 mb-1 max-h-60 overflow-y-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200" data-testid={testId}>
      <p className="px-3 py-1 text-xs font-medium text-slate-500">{label} · ↑↓ to choose, Enter to insert, Esc to close</p>
      {items.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">{empty}</p> : null}
      <ul role="listbox" aria-label={label}>
        {items.map((item, i) => (
          <li key={item.id} role="option" aria-selected={i === active}>
            <button
              type="button"
              // mousedown keeps the focus in the text field
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(item);
              }}
              className={cn('block w-full px-3 py-1.5 text-left text-sm', i === active ? 'bg-indigo-50' : 'hover:bg-slate-50')}
              data-testid="suggestion"
            >
              <span className="font-medium text-slate-900">{item.title}</span>
              {item.detail ? <span className="block truncate text-xs text-slate-500">{item.detail}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
