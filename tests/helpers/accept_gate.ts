/** A message a fake provider holds: whether its sender is still there to hear the answer. */
interface HeldMessage {
  senderGone: () => boolean
  go: (accept: boolean) => void
}

/**
 * A fake provider's door: it lets a set number of messages be accepted, then
 * holds every further one unanswered, so that a test can kill a sender at a
 * known point (what was accepted is known exactly; nothing is half-accepted).
 * A held message whose sender went away (a killed worker's connection closed)
 * is never accepted once the door opens again: the sender never heard "accepted",
 * as with a real provider whose answer could not be delivered.
 */
export class AcceptGate {
  #allowance = Number.POSITIVE_INFINITY
  #held = new Set<HeldMessage>()
  #deciding = 0
  /** Messages the gate let through (accepted) since it was made. */
  passed = 0

  /** From now on, lets `count` more messages through, then holds the rest until release(). */
  holdAfter(count: number) {
    this.#allowance = count
  }

  /** Whether the allowance is spent and decided: `passed` is final, every further message is held. */
  get shut() {
    return this.#allowance <= 0 && this.#deciding === 0
  }

  /** Messages held now. */
  get held() {
    return this.#held.size
  }

  /** Held messages whose sender is still connected. */
  get heldWithSender() {
    return [...this.#held].filter((message) => !message.senderGone()).length
  }

  /**
   * What a fake calls just before it accepts a message: true to accept it now,
   * or later once released; false when its sender went away while it was held.
   */
  async pass(senderGone: () => boolean): Promise<boolean> {
    let accepted: boolean
    if (this.#allowance > 0) {
      this.#allowance--
      this.#deciding++
      // A turn of the event loop first: a sender killed just after its last bytes has closed its
      // connection by then (its end arrived with them), and is not answered.
      await new Promise((resolve) => setImmediate(resolve))
      accepted = !senderGone()
      if (!accepted) this.#allowance++
      this.#deciding--
    } else {
      accepted = await new Promise<boolean>((go) => this.#held.add({ senderGone, go }))
    }
    if (accepted) this.passed++
    return accepted
  }

  /** Lets every message through again; held ones whose sender is gone are dropped. */
  release() {
    this.#allowance = Number.POSITIVE_INFINITY
    const held = [...this.#held]
    this.#held.clear()
    for (const message of held) message.go(!message.senderGone())
  }
}
