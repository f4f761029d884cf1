import type { SubmissionDto } from '@/domain/submissions/service';

export type SubmissionStatus = SubmissionDto['status'];
export const STATUS_LABEL: Record<SubmissionStatus, string> = { open: 'Open', in_progress: 'In progress', closed: 'Closed' };
export const STATUS_TONE: Record<SubmissionStatus, 'indigo' | 'amber' | 'gray'> = { open: 'indigo', in_progress: 'amber', closed: 'gray' };
export const CHANNEL_LABEL: Record<string, string> = { desktop: 'Desktop site', mobile: 'Mobile site', app: 'App' };
export const TRIGGER_LABEL: Record<string, string> = {
  queue_full: 'Queue full',
  queue_timeout: 'Queue timeout',
  outside_working_hours: 'Outside working hours',
  no_agent_online: 'No agent online',
};

export const selectClass =
  'h-9 w-full rounded-md border-0 bg-white px-2.5 sm:w-auto pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-600';
