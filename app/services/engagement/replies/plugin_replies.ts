import type { ResidentReplies } from '#contracts/replies'
import ReplyInbox from '#services/engagement/replies/reply_inbox'

/** Plugins' replies (#contracts/replies) into the same inbox as the signed form's. */
const pluginReplies: ResidentReplies = {
  async receive(reply) {
    const thread = await ReplyInbox.receive({
      residentId: reply.residentId,
      alertId: reply.alertId,
      body: reply.body,
      via: reply.via,
    })
    return thread !== null
  },
}

export default pluginReplies
