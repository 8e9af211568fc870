/** Makes each recipient's short link for an alert, by resident id. */
export type ShortLinkMaker = (
  alertId: number,
  residentIds: number[]
) => Promise<Map<number, string>>

/**
 * Short links in texts and push notifications (OutgoingDelivery.ratingUrl),
 * made by a later module (engagement's rating short links) without messaging
 * importing it: it provides its maker at boot (start/registries.ts). Without
 * one, channels get no short link.
 */
class RecipientShortLinks {
  #rating: ShortLinkMaker | null = null

  provideRating(maker: ShortLinkMaker) {
    this.#rating = maker
    return () => {
      if (this.#rating === maker) this.#rating = null
    }
  }

  async rating(alertId: number, residentIds: number[]) {
    return this.#rating ? this.#rating(alertId, residentIds) : new Map<number, string>()
  }
}

const recipientShortLinks = new RecipientShortLinks()
export default recipientShortLinks
