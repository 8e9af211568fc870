/**
 * Scheduled jobs: work a plugin does on a timetable (a nightly sync). Runs in
 * worker processes only, once per install for each time it falls due however
 * many workers there are (a Redis claim), and only while the plugin is
 * enabled. A job that throws is logged; the others still run.
 *
 * `every` is either an interval, '30m', '1h', '1d' (slots aligned to UTC
 * midnight: '1h' runs once in each clock hour, at the first check in it), or
 * a five-field cron expression in UTC, 'minute hour day-of-month month
 * day-of-week', with *, numbers, lists (1,15), ranges (1-5) and steps
 * (*\/15), e.g. '30 2 * * *' for 02:30 every night. A cron job whose minute
 * passes while no worker runs is not caught up; an interval job runs in the
 * next check of its slot.
 *
 * @example
 * context.schedule('nightly-sync', { every: '30 2 * * *', run: () => syncWatchSchemes() })
 */
export interface ScheduledJob {
  every: string
  /** Should finish well within its interval; one slot's run is not started twice. */
  run(): Promise<void>
}
