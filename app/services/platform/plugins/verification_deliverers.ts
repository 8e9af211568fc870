import type {
  ContactVerificationRegistry,
  VerifiableContactKind,
  VerificationCodeDeliverer,
} from '#contracts/verification'

interface Registered {
  deliverer: VerificationCodeDeliverer
  isOffered: () => boolean
}

/**
 * Who delivers verification codes for each kind of number
 * (#contracts/verification): a channel plugin registers at boot; its
 * deliverer counts only while the plugin is on. The residents module's
 * ContactVerification asks here.
 */
class VerificationDeliverers {
  #byKind = new Map<VerifiableContactKind, Registered>()

  register(
    kind: VerifiableContactKind,
    deliverer: VerificationCodeDeliverer,
    isOffered: () => boolean
  ) {
    this.#byKind.set(kind, { deliverer, isOffered })
  }

  /** The deliverer for the kind, or null when no enabled plugin delivers it. */
  for(kind: VerifiableContactKind): VerificationCodeDeliverer | null {
    const registered = this.#byKind.get(kind)
    return registered && registered.isOffered() ? registered.deliverer : null
  }

  /** For a plugin's context. */
  registryFor(isOffered: () => boolean): ContactVerificationRegistry {
    return { deliverCodes: (kind, deliverer) => this.register(kind, deliverer, isOffered) }
  }

  /**
   * Tests: a deliverer of their own in front of the plugin's (which a test
   * must not lose for the tests after it). Answers how to put back what was there.
   */
  standIn(kind: VerifiableContactKind, deliverer: VerificationCodeDeliverer) {
    const before = this.#byKind.get(kind)
    this.#byKind.set(kind, { deliverer, isOffered: () => true })
    return () => {
      if (before) this.#byKind.set(kind, before)
      else this.#byKind.delete(kind)
    }
  }
}

const verificationDeliverers = new VerificationDeliverers()
export default verificationDeliverers
