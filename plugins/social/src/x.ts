import type { SettingsCheckResult } from '#contracts/settings'
import type { TargetOutcome } from '#contracts/organisation_channel'
import { oauth1Header, type OAuth1Keys } from './oauth1.js'
import { quoted, request, retryLater, type ApiAnswer } from './http.js'

export interface XAccount extends OAuth1Keys {
  /** The API's address: https://api.x.com */
  baseUrl: string
}

/** X's own words: an RFC 7807 problem (title, detail) or, for a bad request, its errors list. */
function saidBy(answer: ApiAnswer) {
  const json = answer.json ?? {}
  const words = json.errors?.[0]?.message ?? json.detail ?? json.title
  return words ? ` (X said: “${quoted(words)}”)` : ''
}

/** What an X refusal means, in words staff can act on. */
export function explainXError(answer: ApiAnswer): { temporary: boolean; reason: string } {
  const said = saidBy(answer)
  if (answer.status === 401) {
    return {
      temporary: false,
      reason: `X refused the keys: one of the four is wrong or was regenerated. Set them again in Settings → Plugins → Social media${said}`,
    }
  }
  if (answer.status === 403) {
    return {
      temporary: false,
      reason: `X refused the post: a duplicate of a recent post, or the app may not post (it needs read and write permission)${said}`,
    }
  }
  if (answer.status === 400) {
    return { temporary: false, reason: `X refused the post as invalid${said}` }
  }
  if (answer.status === 429 || answer.status >= 500) {
    return {
      temporary: true,
      reason: `X is busy or unavailable (it answered ${answer.status})${said}`,
    }
  }
  return { temporary: false, reason: `X refused the post (it answered ${answer.status})${said}` }
}

/** When X says a rate limit ends (x-rate-limit-reset, in epoch seconds), as seconds from now. */
function resetAfter(answer: ApiAnswer, now: number) {
  const reset = Number(answer.headers.get('x-rate-limit-reset'))
  return Number.isFinite(reset) && reset > 0
    ? Math.max(0, Math.ceil(reset - now / 1000))
    : undefined
}

/** POST /2/tweets with the text, signed for the account (OAuth 1.0a). */
export async function postToX(
  account: XAccount,
  text: string,
  now = Date.now()
): Promise<TargetOutcome & { url?: string }> {
  const url = `${account.baseUrl}/2/tweets`
  const answer = await request(
    url,
    {
      method: 'POST',
      headers: {
        'Authorization': oauth1Header('POST', url, account),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ text }),
    },
    'X'
  )
  const id = answer.json?.data?.id
  if ((answer.status === 201 || answer.status === 200) && typeof id === 'string') {
    return {
      status: 'sent',
      providerId: id,
      url: `https://x.com/i/web/status/${encodeURIComponent(id)}`,
    }
  }
  const { temporary, reason } = explainXError(answer)
  return temporary ? retryLater(reason, resetAfter(answer, now)) : { status: 'failed', reason }
}

/** Test connection: GET /2/users/me names the account the keys act for. */
export async function checkX(account: XAccount): Promise<SettingsCheckResult> {
  const url = `${account.baseUrl}/2/users/me`
  const answer = await request(
    url,
    { headers: { Authorization: oauth1Header('GET', url, account) } },
    'X'
  )
  const username = answer.json?.data?.username
  if (answer.status === 200 && username) {
    return { ok: true, message: `X: the keys act for @${quoted(username)}.` }
  }
  return { ok: false, message: `X: ${explainXError(answer).reason}.` }
}
