import type { SlotData } from '#contracts/slots'
import { alertScript } from './voice_channel.js'
import { callSeconds, describeSeconds, spokenSeconds } from './spoken.js'

/** The composer's "Phone call" panel: the words a call reads out, and how long the call lasts. */
export function composerPreview({ alert }: SlotData['staff.composer']) {
  if (!alert) return { script: null }
  const script = alertScript(alert)
  return {
    script,
    readingTime: describeSeconds(spokenSeconds(script)),
    callTime: describeSeconds(callSeconds(script)),
  }
}
