import type { ReactNode } from 'react';

export function PageHeader({ title, description, trail, actions }: { title: string; description?: ReactNode; trail?: string[]; actions?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        {trail?.length ? (
          <p className="mb-1 text-xs font-medium text-slate-500">
            {trail.map((t, i) => (
              <span key={`${t}-${i}`}>
                {i > 0 ? <span aria-hidden="true"> › </span> : null}
                {t}
              </span>
            ))}
          </p>
        ) : null}
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-1 max-w-2xl text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </header>
  );
}
