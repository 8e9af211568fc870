/** The Reply-To address of one recipient's email about one alert, or null for none. */
export type ReplyAddressMaker = (residentId: number, alertId: number) => string | null

/**
 * The Reply-To of alert emails, made by a later module (engagement's reply
 * addresses: a signed token per resident and alert) without messaging
 * importing it: it provides its maker at boot (start/registries.ts). Called
 * per mail, so the maker only signs (no queries).
 */
class RecipientReplyAddresses {
  #maker: ReplyAddressMaker | null = null

  provide(maker: ReplyAddressMaker) {
    this.#maker = maker
    return () => {
      if (this.#maker === maker) this.#maker = null
    }
  }

  /** Null for a test send (residentId 0) or when replies by email are not set up. */
  of(residentId: number, alertId: number) {
    return residentId > 0 && this.#maker ? this.#maker(residentId, alertId) : null
  }
}

const recipientReplyAddresses = new RecipientReplyAddresses()
export default recipientReplyAddresses
