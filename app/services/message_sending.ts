import { DateTime } from 'luxon'
import type Message from '#models/message'
import AudienceQuery from '#services/audience_query'
import MessageControl from '#services/message_control'

export class EmptyAudienceError extends Error {
  constructor() {
    super('No confirmed resident matches this target, so the alert was not sent.')
  }
}

/**
 * Starts the send of a saved message: the dispatch job does the rest.
 */
export default class MessageSending {
  static async start(message: Message) {
    if (message.status !== 'draft') {
      throw new Error(`This alert cannot be sent: it is ${message.status}.`)
    }
    const audience = await AudienceQuery.count({
      organisationId: message.organisationId,
      priority: message.priority,
      criteria: message.criteria,
    })
    if (audience === 0) throw new EmptyAudienceError()

    message.status = 'sending'
    message.audienceCount = audience
    message.sendRequestedAt = DateTime.now()
    await message.save()
    await MessageControl.enqueueDispatch(message.id)
  }
}
