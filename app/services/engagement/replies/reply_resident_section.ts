import type { ResidentRecordSection } from '#services/residents/records/resident_record_sections'
import { REPLY_STATE_LABELS, REPLY_STATE_TAGS } from '#models/engagement/alert_reply'
import ReplyDirectory from '#services/engagement/replies/reply_directory'
import LondonTime from '#services/platform/infrastructure/london_time'

/**
 * "Replies to alerts" on the staff view of a resident (and their reports): their threads with the
 * organisation looking, each message in order. The record's page is for the
 * same roles as the inbox (admin, approver, sender), so the threads link to it.
 */
export const replyResidentSection: ResidentRecordSection = {
  view: 'pages/staff/residents/_replies',
  async data({ residentId, organisationId }) {
    const threads = await ReplyDirectory.forResident(organisationId, residentId)
    return {
      threads: threads.map((thread) => ({
        id: thread.id,
        // A report ("Tell us something") has no alert replied to: its reference, and any alert it is about.
        heading: thread.alert
          ? `About “${thread.alert.title}”`
          : `Report R${thread.id}${thread.aboutAlert ? ` about “${thread.aboutAlert.title}”` : ''}`,
        state: REPLY_STATE_LABELS[thread.state],
        tag: REPLY_STATE_TAGS[thread.state],
        messages: thread.messages.map((message) => ({
          fromResident: message.author === 'resident',
          body: message.body,
          when: LondonTime.short(message.createdAt),
        })),
      })),
    }
  },
}
