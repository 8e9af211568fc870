import type { SettingsCheckResult } from '#contracts/settings'
import type { TargetOutcome } from '#contracts/organisation_channel'
import { quoted, request, retryLater, type ApiAnswer } from './http.js'

export interface FacebookPage {
  /** The Graph API's address, with its version: https://graph.facebook.com/v21.0 */
  baseUrl: string
  pageId: string
  token: string
}

/** Graph API error codes worth trying again: temporary, or a rate limit. */
const TEMPORARY = new Set([1, 2, 4, 17, 32, 341, 613])
const TOKEN = new Set([102, 190])

/** What a Graph API refusal means, in words staff can act on. */
export function explainGraphError(answer: ApiAnswer): { temporary: boolean; reason: string } {
  const error = answer.json?.error ?? {}
  const code = Number(error.code)
  const said = error.message ? ` (Facebook said: “${quoted(error.message)}”)` : ''
  if (TOKEN.has(code)) {
    return {
      temporary: false,
      reason: `Facebook refused the Page access token: it is wrong, expired or was revoked. Set a new one in Settings → Plugins → Social media${said}`,
    }
  }
  if (code === 10 || (code >= 200 && code < 300)) {
    return {
      temporary: false,
      reason: `Facebook refused permission to post on the Page: the token needs the pages_manage_posts permission, from someone who manages the Page${said}`,
    }
  }
  if (code === 100 || answer.status === 404) {
    return {
      temporary: false,
      reason: `Facebook does not know that Page, or the token is not the Page’s own: check the Page ID${said}`,
    }
  }
  if (code === 368) {
    return { temporary: false, reason: `Facebook blocked the post as against its rules${said}` }
  }
  if (code === 506) {
    return {
      temporary: false,
      reason: `Facebook refused the post as a duplicate of a recent one${said}`,
    }
  }
  if (TEMPORARY.has(code) || answer.status >= 500 || answer.status === 429) {
    return {
      temporary: true,
      reason: `Facebook is busy or unavailable (it answered ${answer.status})${said}`,
    }
  }
  return {
    temporary: false,
    reason: `Facebook refused the post (it answered ${answer.status})${said}`,
  }
}

/** Posts to the Page's feed: POST /{page-id}/feed with the message and the alert's link. */
export async function postToPage(
  page: FacebookPage,
  post: { message: string; link: string }
): Promise<TargetOutcome & { url?: string }> {
  const answer = await request(
    `${page.baseUrl}/${encodeURIComponent(page.pageId)}/feed`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        message: post.message,
        link: post.link,
        access_token: page.token,
      }),
    },
    'Facebook'
  )
  if (answer.status === 200 && typeof answer.json?.id === 'string') {
    const id = answer.json.id as string
    return {
      status: 'sent',
      providerId: id,
      url: `https://www.facebook.com/${encodeURIComponent(id)}`,
    }
  }
  const { temporary, reason } = explainGraphError(answer)
  return temporary ? retryLater(reason, retryAfter(answer)) : { status: 'failed', reason }
}

/** A Retry-After in seconds, when Facebook (or a proxy before it) sent one; else the ledger's backoff. */
function retryAfter(answer: ApiAnswer) {
  const seconds = Number.parseInt(answer.headers.get('retry-after') ?? '', 10)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined
}

/** Test connection: reads the Page's name with the token (GET /{page-id}?fields=id,name). */
export async function checkPage(page: FacebookPage): Promise<SettingsCheckResult> {
  const url = new URL(`${page.baseUrl}/${encodeURIComponent(page.pageId)}`)
  url.searchParams.set('fields', 'id,name')
  const answer = await request(
    url.toString(),
    { headers: { Authorization: `Bearer ${page.token}` } },
    'Facebook'
  )
  if (answer.status === 200 && answer.json?.id) {
    return {
      ok: true,
      message: `Facebook: the token opens the Page “${quoted(answer.json.name)}”.`,
    }
  }
  return { ok: false, message: `Facebook: ${explainGraphError(answer).reason}.` }
}
