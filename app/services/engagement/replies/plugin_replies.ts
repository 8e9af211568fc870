import type { ReplyAnswerer, ResidentReply } from '#contracts/replies'
import ReplyInbox from '#services/engagement/replies/reply_inbox'
import replyAnswerers from '#services/engagement/replies/reply_answerers'

/** Plugins' replies (#contracts/replies) into the same inbox as the signed form's. */
const pluginReplies = {
  async receive(reply: ResidentReply) {
    const thread = await ReplyInbox.receive({
      residentId: reply.residentId,
      alertId: reply.alertId,
      body: reply.body,
      via: reply.via,
    })
    return thread !== null
  },

  answerBy(
    via: ResidentReply['via'],
    answerer: ReplyAnswerer,
    isEnabled: (organisationId: number) => boolean
  ) {
    replyAnswerers.register(via, answerer, isEnabled)
  },
}

export default pluginReplies
