/**
 * Residents' replies to alerts, for a channel plugin that receives them (a
 * text back from a resident): they land in the inbox of the organisation
 * that sent the alert, beside replies from the signed web form and by
 * email. Used as `context.replies`. The plugin recognises the resident
 * (#contracts/residents holdersOf, lastDelivery) before it calls receive().
 */
export interface ResidentReply {
  residentId: number
  /** The alert the reply answers (for a text: the latest alert sent to that number). */
  alertId: number
  /** As the resident wrote it, plain text. */
  body: string
  /** The channel it came by: shown beside the message in the inbox. */
  via: 'sms'
}

export interface ResidentReplies {
  /**
   * Adds the message to the resident's thread about the alert (starting it,
   * or opening it again). False when the alert was never sent or the resident
   * is erased: nothing is kept.
   */
  receive(reply: ResidentReply): Promise<boolean>
}

// --- Answers by the resident's channel (added with plugins/sms answering texts) ---

/** Staff's answer to a resident's reply, for the channel the resident wrote by. */
export interface ReplyAnswer {
  residentId: number
  alertId: number
  alertTitle: string
  organisationId: number
  organisationName: string
  /** As staff wrote it, plain text (up to 2,000 characters: cut it to what the channel carries). */
  body: string
}

export type AnswerDelivery = { sent: true } | { sent: false; reason: string }

export interface ReplyAnswerer {
  /** Where an answer would go (the resident's verified mobile), as staff are shown it; null when it cannot go this way. */
  addressOf(residentId: number): Promise<string | null>
  /** Sends it now; a refusal's reason is shown to staff, and the answer is not added to the thread. */
  send(answer: ReplyAnswer): Promise<AnswerDelivery>
}

export interface ResidentReplies {
  /**
   * Answers threads whose latest message from the resident came by this channel by the same
   * channel (a text answered by text), while the plugin is on for the thread's organisation.
   * Without one, or when addressOf() answers null, staff's answer is emailed as usual.
   */
  answerBy(via: ResidentReply['via'], answerer: ReplyAnswerer): void
}
