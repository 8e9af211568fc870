/*
| Beacon's own settings that are not secrets.
*/
import env from '#start/env'

const beaconConfig = {
  rateLimits: {
    // Per address, per 10 minutes: sign-up, sign-in links, verification codes.
    publicForms: env.get('RATE_LIMIT_PUBLIC_FORMS', 20),
    // Per address, per 10 minutes: alert codes checked at /verify (a resident checks one or two).
    verificationLookups: env.get('RATE_LIMIT_VERIFICATION_LOOKUPS', 30),
    // Per address, per 10 minutes: short rating links (/r/) that name no link, or an expired one.
    shortLinkFailures: 30,
    // Per resident, per hour: replies by email (a mail loop or a flood stops here).
    inboundEmailsPerResident: 30,
    // Per address and email, per 10 minutes.
    staffLogin: 10,
    // Per resident, per hour: reports sent with "Tell us something".
    residentReports: env.get('RATE_LIMIT_RESIDENT_REPORTS', 5),
    // Failed sign-ins (password or code) per window: one account from any address, and one
    // address for any account. Attempts beyond are refused, even with the right password.
    staffSignInFailuresPerAccount: env.get('STAFF_SIGN_IN_FAILURES_PER_ACCOUNT', 20),
    staffSignInFailuresPerAddress: env.get('STAFF_SIGN_IN_FAILURES_PER_ADDRESS', 50),
    staffSignInFailureWindowMinutes: env.get('STAFF_SIGN_IN_FAILURE_WINDOW_MINUTES', 15),
    // Two-factor codes, per person, per 10 minutes.
    staffTwoFactor: 10,
    // Per API token, per minute.
    api: 120,
    // Plugins' inbound webhooks: requests a plugin's verifier refused, per address, per 10 minutes.
    // Past it, the address is refused (429) until the window passes, whatever it sends.
    pluginWebhookFailures: 30,
  },
  staff: {
    // Staff are signed out after this many minutes without a request.
    idleMinutes: env.get('STAFF_IDLE_MINUTES', 30),
  },
  residents: {
    // Sign-ups never confirmed are deleted after this many days.
    purgeUnconfirmedAfterDays: env.get('UNCONFIRMED_PURGE_DAYS', 30),
  },
  replies: {
    // Residents' replies to alerts go this many days after a thread's last message.
    retentionDays: env.get('REPLY_RETENTION_DAYS', 365),
    // Replies by email: alert emails get Reply-To <local>+<token>@<domain> of this address
    // (replies@alerts.example.org); empty, they get none. docs/deploy.md sets up the relay.
    emailAddress: env.get('REPLY_EMAIL_ADDRESS', ''),
    // The secret the mail relay signs what it POSTs to /inbound/email with (at least 32 characters).
    inboundSecret: env.get('INBOUND_EMAIL_SECRET', ''),
    // The largest message the relay may hand over, in bytes (attachments are not kept).
    inboundMaxBytes: 10 * 1024 * 1024,
  },
  audience: {
    // Without an audience index (a fresh start, Redis restarted), a count builds it at once up to this
    // many residents; above, SQL counts until a worker has built it.
    buildOnRequestUpTo: env.get('AUDIENCE_INDEX_BUILD_ON_REQUEST_UP_TO', 50_000),
    // More changes than this waiting (a large import) are cheaper to take in by rebuilding the index.
    changesBeforeRebuild: env.get('AUDIENCE_INDEX_CHANGES_BEFORE_REBUILD', 50_000),
  },
  delivery: {
    // How often a worker runs the delivery sweeper.
    sweepSeconds: env.get('DELIVERY_SWEEP_SECONDS', 15),
    staleClaimSeconds: env.get('DELIVERY_STALE_CLAIM_SECONDS', 300),
    idlePendingSeconds: env.get('DELIVERY_IDLE_PENDING_SECONDS', 120),
    idleDispatchSeconds: env.get('DELIVERY_IDLE_DISPATCH_SECONDS', 600),
    // The first retry after a temporary failure; each next one waits twice as long.
    retryBaseSeconds: env.get('DELIVERY_RETRY_BASE_SECONDS', 10),
    // A message pauses itself when more than this share of its deliveries fail…
    pauseErrorRate: env.get('PAUSE_ERROR_RATE', 0.5),
    // …once at least this many have failed.
    pauseMinimumAttempts: 20,
  },
}

export default beaconConfig
