import type { RoutingTarget, WeeklySchedule, Weekday, WorkingHoursSettings } from '../settings/schemas';

const WEEKDAY_BY_SHORT: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

export interface LocalTime {
  /** YYYY-MM-DD in the schedule's time zone. */
  date: string;
  weekday: Weekday;
  /** HH:MM, 24-hour. */
  time: string;
}

/**
 * The wall-clock date, weekday and time of an instant in a time zone. Intl applies the zone's rules for
 * that instant, so DST transitions need no special cases.
 */
export function localTime(at: Date, timezone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAY_BY_SHORT[parts.weekday], time: `${parts.hour}:${parts.minute}` };
}

/** Whether the schedule is open at an instant: not a holiday, and inside one of the day's ranges [start, end). */
export function isOpenAt(schedule: WeeklySchedule, at: Date): boolean {
  const local = localTime(at, schedule.timezone);
  if (schedule.holidays.includes(local.date)) return false;
  return schedule.days[local.weekday].some((range) => range.start <= local.time && local.time < range.end);
}

/** The schedule that governs a routing target: the group's own if it has one, else the workspace's. */
export function scheduleFor(settings: WorkingHoursSettings, target: RoutingTarget): WeeklySchedule {
  if (target.type === 'group' && settings.groups[target.id]) return settings.groups[target.id];
  return settings.workspace;
}

/** Whether a routing target is within working hours (always, when working hours are off). */
export function isTargetOpen(settings: WorkingHoursSettings, target: RoutingTarget, at: Date): boolean {
  return !settings.enabled || isOpenAt(scheduleFor(settings, target), at);
}
