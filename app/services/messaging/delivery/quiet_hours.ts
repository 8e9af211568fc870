import { DateTime } from 'luxon'

export const LOCAL_ZONE = 'Europe/London'

export interface QuietWindow {
  quietFrom: string | null
  quietTo: string | null
  emergencyOverride: boolean
}

const EMERGENCY = 5

function minutesOf(time: string) {
  const [hours, minutes] = time.split(':').map(Number)
  return hours * 60 + minutes
}

/**
 * A resident's quiet hours for a channel, in local (UK) time. Returns when
 * a delivery may go: now, or the end of the current quiet window. A window
 * may cross midnight (21:00–08:00); an emergency goes at once when the
 * resident allows it.
 */
export function nextAllowedTime(
  window: QuietWindow | undefined,
  priority: number,
  now: DateTime<boolean> = DateTime.now()
) {
  if (!window?.quietFrom || !window.quietTo) return null
  if (priority >= EMERGENCY && window.emergencyOverride) return null

  const local = now.setZone(LOCAL_ZONE)
  const from = minutesOf(window.quietFrom)
  const to = minutesOf(window.quietTo)
  if (from === to) return null
  const current = local.hour * 60 + local.minute

  const crossesMidnight = from > to
  const inside = crossesMidnight ? current >= from || current < to : current >= from && current < to
  if (!inside) return null

  // The window ends today, or tomorrow when it crossed midnight and it is still evening.
  const endDay = crossesMidnight && current >= from ? local.plus({ days: 1 }) : local
  const [hours, minutes] = window.quietTo.split(':').map(Number)
  return endDay.set({ hour: hours, minute: minutes, second: 0, millisecond: 0 })
}
