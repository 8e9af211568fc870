/**
 * Why a delivery failed, in words staff understand, from the text the
 * channel or provider gave (an SMTP reply, a Twilio error code, a push
 * service's status). The raw text stays beside it in the report.
 *
 * A reason is recognised by plain fragments of that text, not by regular
 * expressions, so that the same rule runs in SQL (the report's filter,
 * over every failed row of a large alert) and here (each row shown): the
 * first reason, in this order, with a fragment found in the text is the one.
 */
export interface FailureReason {
  key: string
  label: string
  /** Lower-case fragments; none contains % or _ (they would be wildcards in SQL's LIKE). */
  fragments: string[]
}

export const FAILURE_REASONS: readonly FailureReason[] = [
  {
    key: 'gave_up',
    label: 'Tried several times and never got through',
    fragments: ['gave up after'],
  },
  {
    key: 'channel_off',
    label: 'The channel was switched off or is not set up',
    fragments: ['channel is not available', 'not set up', 'has no keys', 'needs a contact email'],
  },
  {
    key: 'credentials',
    label: 'The provider refused the account settings: an administrator should check them',
    fragments: [
      'refused the account',
      'refused the api key',
      'auth token',
      '535 ',
      'authentication',
    ],
  },
  {
    key: 'mailbox_full',
    label: 'The mailbox is full',
    fragments: ['mailbox full', 'over quota', 'quota exceeded', '552 ', '5.2.2'],
  },
  {
    key: 'address_unknown',
    label: 'The email address does not exist',
    fragments: [
      '5.1.1',
      'user unknown',
      'no such user',
      'does not exist',
      'recipient address rejected',
      'mailbox unavailable',
      'unknown recipient',
    ],
  },
  {
    key: 'refused_as_spam',
    label: 'The receiving mail server refused it as unwanted mail',
    fragments: ['spam', 'blocked', 'blacklist', 'blocklist', '5.7.1', 'policy'],
  },
  {
    key: 'number_dead',
    label: 'The number cannot get texts or calls',
    fragments: [
      'cannot text this number',
      'cannot get texts',
      'cannot be called',
      'not a uk mobile',
      'number does not exist',
    ],
  },
  {
    key: 'phone_unreachable',
    label: 'The phone was off or out of reach',
    fragments: ['unreachable', 'was off'],
  },
  {
    key: 'browser_gone',
    label: 'The resident’s browser no longer takes notifications',
    fragments: ['unsubscribed', 'no longer has a browser', 'push service refused'],
  },
  {
    key: 'no_contact',
    label: 'The resident had no contact for this channel',
    fragments: ['no email address', 'has no mobile', 'has no landline', 'has no '],
  },
  {
    key: 'provider_busy',
    label: 'The provider was busy or could not be reached',
    fragments: [
      'rate limit',
      'too many',
      'could not be reached',
      'timeout',
      'timed out',
      'econnrefused',
      'econnreset',
      'unavailable',
      'busy',
      'answered 5',
    ],
  },
  {
    key: 'refused',
    label: 'The provider refused it',
    fragments: ['refused', 'rejected', 'could not deliver', 'could not send'],
  },
]

export const OTHER_REASON: Pick<FailureReason, 'key' | 'label'> = {
  key: 'other',
  label: 'Another reason (see the provider’s words)',
}

/** Every reason a filter may ask for. */
export const FAILURE_REASON_KEYS = [
  ...FAILURE_REASONS.map((reason) => reason.key),
  OTHER_REASON.key,
]

/** The reason a failure's raw text names. */
export function failureReason(error: string | null): Pick<FailureReason, 'key' | 'label'> {
  const text = (error ?? '').toLowerCase()
  return (
    FAILURE_REASONS.find((reason) => reason.fragments.some((part) => text.includes(part))) ??
    OTHER_REASON
  )
}

export function failureReasonLabel(key: string) {
  return (FAILURE_REASONS.find((reason) => reason.key === key) ?? OTHER_REASON).label
}

/**
 * The same rule as SQL over `deliveries.error`: the rows whose reason is
 * `key` contain one of its fragments and none of an earlier reason's.
 */
export function failureReasonSql(key: string): { sql: string; bindings: string[] } {
  const index = FAILURE_REASONS.findIndex((reason) => reason.key === key)
  const earlier = index === -1 ? FAILURE_REASONS : FAILURE_REASONS.slice(0, index)
  const text = "lower(coalesce(deliveries.error, ''))"
  const any = (fragments: string[]) => fragments.map(() => `${text} like ?`).join(' or ')
  const like = (fragments: string[]) => fragments.map((part) => `%${part}%`)
  const excluded = earlier.flatMap((reason) => reason.fragments)
  const clauses: string[] = []
  const bindings: string[] = []
  if (index !== -1) {
    clauses.push(`(${any(FAILURE_REASONS[index].fragments)})`)
    bindings.push(...like(FAILURE_REASONS[index].fragments))
  }
  if (excluded.length > 0) {
    clauses.push(`not (${any(excluded)})`)
    bindings.push(...like(excluded))
  }
  return { sql: clauses.join(' and '), bindings }
}
