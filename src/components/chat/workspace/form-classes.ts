/** The text input look of the visitor panel's small forms (profile, ban). */
export const inputClass =
  'mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';
