import type { ReplyAnswerer, ResidentReply } from '#contracts/replies'

type Via = ResidentReply['via']

/**
 * The channels plugins answer residents' replies by (#contracts/replies
 * answerBy): a text answered by text. Each is asked only while its plugin is
 * on for the thread's organisation.
 */
class ReplyAnswerers {
  #answerers = new Map<
    Via,
    { answerer: ReplyAnswerer; isEnabled: (organisationId: number) => boolean }
  >()

  register(via: Via, answerer: ReplyAnswerer, isEnabled: (organisationId: number) => boolean) {
    this.#answerers.set(via, { answerer, isEnabled })
  }

  for(via: string, organisationId: number): ReplyAnswerer | null {
    const entry = this.#answerers.get(via as Via)
    return entry && entry.isEnabled(organisationId) ? entry.answerer : null
  }
}

const replyAnswerers = new ReplyAnswerers()
export default replyAnswerers
