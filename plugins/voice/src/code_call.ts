import { codeScript } from './spoken.js'
import type { VoiceCalls } from './voice_calls.js'

export type CodeCallResult = { ok: true; callSid: string } | { ok: false; reason: string }

/**
 * Verifies a landline: calls it and reads the code out, digit by digit,
 * twice. The verification service (in the core) makes and checks the code;
 * this only delivers it, as an SMS delivers it to a mobile.
 */
export function codeCaller(calls: VoiceCalls) {
  return async function callWithCode(toNumber: string, code: string): Promise<CodeCallResult> {
    if (!/^\d{4,8}$/.test(code)) return { ok: false, reason: 'The code must be 4 to 8 digits' }
    if (!/^\+[1-9]\d{6,14}$/.test(toNumber)) {
      return { ok: false, reason: 'The number must be in international form, like +441632960000' }
    }
    const settings = await calls.settings()
    if (!settings) return { ok: false, reason: 'Phone calls are not set up' }
    const result = await calls.place(settings, {
      kind: 'code',
      residentId: null,
      toNumber,
      script: codeScript(code),
    })
    if (result.ok) return { ok: true, callSid: result.callSid }
    return {
      ok: false,
      reason:
        result.refusal.status === null || result.refusal.status >= 500
          ? 'The call could not be placed just now: try again in a few minutes'
          : 'That number cannot be called',
    }
  }
}
