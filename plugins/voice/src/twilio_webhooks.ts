import twilio from 'twilio'
import type { HttpContext, HttpRequest } from '@adonisjs/core/http'
import type { InboundWebhook } from '#contracts/webhooks'
import { CallStore } from './call_store.js'
import { alertTwiml, codeTwiml, gatherTwiml } from './spoken.js'
import type { VoiceCalls } from './voice_calls.js'

/** The form Twilio posted, exactly as signed (the body parser would turn "" into null). */
export function postedParams(request: HttpRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.raw() ?? ''))
}

/**
 * Twilio signs each request with the account's auth token over the full
 * address it called and the posted fields (X-Twilio-Signature); the
 * official validator checks it. The address is rebuilt from APP_URL, the one
 * the plugin gave Twilio, not from headers a proxy or a forger could set.
 */
async function signedByTwilio(calls: VoiceCalls, request: HttpRequest, required: string[]) {
  const signature = request.header('x-twilio-signature')
  const settings = await calls.settings()
  if (!signature || !settings) return false
  const params = postedParams(request)
  if (required.some((name) => !params[name])) return false
  return twilio.validateRequest(
    settings.authToken,
    signature,
    calls.base() + request.url(true),
    params
  )
}

function callIdOf(request: HttpRequest) {
  const id = Number(request.qs().call)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** Twilio may fetch the TwiML before the plugin has recorded the call's SID (a quick answer). */
function sameCall(call: { callSid: string | null; state: string }, callSid: string | undefined) {
  return call.callSid === null ? call.state === 'calling' : call.callSid === callSid
}

function xml({ response }: HttpContext, twiml: string) {
  response.header('Content-Type', 'text/xml; charset=utf-8')
  return response.send(twiml)
}

/** An ended call, for a request naming a call that is not (or no longer) this one. */
const HANG_UP = new twilio.twiml.VoiceResponse().hangup().toString()

export function twilioWebhooks(calls: VoiceCalls): Record<string, InboundWebhook> {
  return {
    /** Twilio asks what to say when the call is answered (after a machine's beep). */
    '/twiml': {
      verify: (request) => signedByTwilio(calls, request, ['CallSid']),
      handle: async (ctx) => {
        const params = postedParams(ctx.request)
        const id = callIdOf(ctx.request)
        const call = id ? await CallStore.find(id) : null
        if (!call || !sameCall(call, params.CallSid)) return xml(ctx, HANG_UP)
        if (call.kind === 'code') return xml(ctx, codeTwiml(call.script))
        return xml(
          ctx,
          alertTwiml(call.script, {
            gatherUrl: calls.gatherUrl(call.id),
            answeredBy: params.AnsweredBy,
          })
        )
      },
    },
    /** The key the person pressed after the alert. */
    '/gather': {
      verify: (request) => signedByTwilio(calls, request, ['CallSid']),
      handle: async (ctx) => {
        const params = postedParams(ctx.request)
        const id = callIdOf(ctx.request)
        const call = id ? await CallStore.find(id) : null
        if (!call || !sameCall(call, params.CallSid)) return xml(ctx, HANG_UP)
        return xml(ctx, gatherTwiml(call.script, params.Digits, calls.gatherUrl(call.id)))
      },
    },
    /** How the call ended: answered, busy, no answer, failed. */
    '/status': {
      verify: (request) => signedByTwilio(calls, request, ['CallSid', 'CallStatus']),
      handle: async ({ request, response }) => {
        await calls.status(callIdOf(request), postedParams(request))
        return response.noContent()
      },
    },
  }
}
