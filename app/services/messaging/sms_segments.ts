/**
 * Counting text-message parts is a contract (app/contracts/sms_segments.ts)
 * so that SMS plugins count as the composer does; the core imports it here.
 */
export * from '#contracts/sms_segments'
