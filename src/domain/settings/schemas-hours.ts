import { z } from 'zod';
import { isTimeZone } from '../../lib/time-zone';

/** F4 working hours: weekly schedules in a time zone, with holidays (workspace and per skill group). */
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM');
export const TimeRange = z
  .object({ start: Time, end: Time })
  .refine((r) => r.start < r.end, { message: 'End must be after start (split overnight hours in two ranges)', path: ['end'] });

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof DAYS)[number];
export const WEEKDAYS = DAYS;

export const WeeklySchedule = z.object({
  /** IANA time zone, e.g. Europe/Berlin: hours are wall-clock times there (DST-safe). */
  timezone: z.string().refine(isTimeZone, 'Unknown time zone'),
  days: z.object(Object.fromEntries(DAYS.map((d) => [d, z.array(TimeRange).max(6).default([])])) as Record<Weekday, z.ZodDefault<z.ZodArray<typeof TimeRange>>>),
  /** Local dates (YYYY-MM-DD) when closed all day. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')).max(366).default([]),
});
export type WeeklySchedule = z.infer<typeof WeeklySchedule>;

const officeHours = [{ start: '09:00', end: '17:00' }];
const defaultSchedule = { timezone: 'UTC', days: { mon: officeHours, tue: officeHours, wed: officeHours, thu: officeHours, fri: officeHours, sat: [], sun: [] }, holidays: [] };

export const WorkingHoursSettings = z.object({
  /** Off: always open. */
  enabled: z.boolean().default(false),
  workspace: WeeklySchedule.default(WeeklySchedule.parse(defaultSchedule)),
  /** Skill group id -> its own schedule (groups not listed follow the workspace's). */
  groups: z.record(z.uuid(), WeeklySchedule).default({}),
});
export type WorkingHoursSettings = z.infer<typeof WorkingHoursSettings>;
