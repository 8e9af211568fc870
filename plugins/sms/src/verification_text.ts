import type { VerificationCodeMessage } from '#contracts/verification'

/** The text carrying a verification code: the code first, so that phones offer to fill it in. */
export function verificationText({ code, serviceName, validMinutes }: VerificationCodeMessage) {
  return `${code} is your ${serviceName} code to verify this mobile number. It works for ${validMinutes} minutes. If you did not ask for it, ignore this message.`
}
