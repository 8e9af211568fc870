import pluginSchedules from '#services/platform/plugins/plugin_schedules'

/**
 * Runs the enabled plugins' scheduled jobs due at `now`, as a worker's check
 * would, and answers how many ran. Each job's slot runs once (a Redis claim
 * outlives it): give a time no earlier test used, such as a random day far ahead.
 */
export function runPluginSchedulesAt(now: number) {
  return pluginSchedules.runDue(now)
}

/** That time (UTC) on a random day far ahead: a slot of a nightly job that no earlier run claimed. */
export function someNightAt(hour: number, minute: number) {
  const day = 40_000 + Math.floor(Math.random() * 300_000)
  return day * 86_400_000 + (hour * 60 + minute) * 60_000
}
