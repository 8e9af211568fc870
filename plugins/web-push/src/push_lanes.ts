/**
 * At most so many pushes under way at once in this process; the others wait
 * for a free lane. Each push is encrypted only when its lane frees, so a
 * batch's encryption is spread between the replies instead of done for the
 * whole batch in one go, while the connections sat idle; and the connections
 * always have the next push ready, however the send jobs' batches overlap.
 */
export class PushLanes {
  #running = 0
  #waiting: (() => void)[] = []

  constructor(readonly size: number) {}

  async run<T>(push: () => Promise<T>): Promise<T> {
    if (this.#running < this.size) this.#running++
    else await new Promise<void>((resolve) => this.#waiting.push(resolve))
    try {
      return await push()
    } finally {
      // The lane goes straight to the next push waiting, or is free again.
      const next = this.#waiting.shift()
      if (next) next()
      else this.#running--
    }
  }

  /** Pushes under way now (for tests). */
  get running() {
    return this.#running
  }
}
