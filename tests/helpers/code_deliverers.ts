import type { VerificationCodeMessage } from '#contracts/verification'
import verificationDeliverers from '#services/platform/plugins/verification_deliverers'

/** A code deliverer standing in for an SMS or voice plugin: it keeps what it was asked to deliver. */
export function capturingDeliverer(kind: 'mobile' | 'landline', cleanup: (fn: () => void) => void) {
  const delivered: VerificationCodeMessage[] = []
  cleanup(
    verificationDeliverers.standIn(kind, {
      async deliver(message) {
        delivered.push(message)
        return { delivered: true }
      },
    })
  )
  return delivered
}
