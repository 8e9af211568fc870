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
