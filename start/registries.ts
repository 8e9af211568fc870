/*
| What later modules register with earlier ones at boot, so that an earlier
| module can ask about later ones' data without importing them. Preloaded in
| every process, like start/events.ts.
*/
import { areaReferenceFinders } from '#services/areas/boundaries/area_references'
import privacyRegistry from '#services/residents/privacy_registry'
import { segmentAreaReferences } from '#services/targeting/segment_area_references'
import { schemeAreaReferences } from '#services/residents/lists/scheme_area_references'
import { alertAreaReferences } from '#services/messaging/alert_area_references'
import { alertsReceivedPrivacy } from '#services/messaging/alerts_received_privacy'
import { engagementPrivacy } from '#services/messaging/tracking/engagement_privacy'
import { accessHelpPrivacy } from '#services/residents/self_service/access_help_requests'
import { joinRequestsPrivacy } from '#services/residents/coordinators/join_request_privacy'
import alertPageSections from '#services/messaging/alert_page_sections'
import recipientLinks from '#services/messaging/recipient_links'
import { alertRatingsPrivacy } from '#services/engagement/alert_ratings_privacy'
import { ratingRecipientLinks } from '#services/engagement/rating_recipient_links'
import recipientShortLinks from '#services/messaging/delivery/recipient_short_links'
import RatingShortLinks from '#services/engagement/rating_short_links'
import { alertRatingsSection } from '#services/engagement/alert_ratings_section'
import { forwardsSection } from '#services/engagement/forwards_section'
import { shareRecipientLinks } from '#services/engagement/alert_share_links'
import { alertForwardsPrivacy } from '#services/engagement/alert_forwards_privacy'
import residentRecordSections from '#services/residents/records/resident_record_sections'
import { alertRepliesPrivacy } from '#services/engagement/replies/reply_privacy'
import { replyRecipientLinks } from '#services/engagement/replies/reply_recipient_links'
import { reportsPrivacy } from '#services/engagement/reports/report_privacy'
import { answerHistoryPrivacy } from '#services/engagement/reports/answer_history_privacy'
import { reportRecipientLinks } from '#services/engagement/reports/report_recipient_links'
import recipientReplyAddresses from '#services/messaging/recipient_reply_addresses'
import ReplyAddresses from '#services/engagement/replies/reply_addresses'
import { replyResidentSection } from '#services/engagement/replies/reply_resident_section'
import { surveysPrivacy } from '#services/engagement/surveys/surveys_privacy'
import { surveyRecipientLinks } from '#services/engagement/surveys/survey_recipient_links'

// Before areas go, an admin sees what names them: in this order in the report.
areaReferenceFinders.register(segmentAreaReferences)
areaReferenceFinders.register(schemeAreaReferences)
areaReferenceFinders.register(alertAreaReferences)

// The resident's data download: their own sections first, then these.
// The residents module's own requests for help come before later modules' sections.
privacyRegistry.register('accessHelpRequests', accessHelpPrivacy)
privacyRegistry.register('schemeJoinRequests', joinRequestsPrivacy)
privacyRegistry.register('alertsReceived', alertsReceivedPrivacy)
privacyRegistry.register('alertOpensAndClicks', engagementPrivacy)

// Engagement: what residents thought of the alerts they got.
alertPageSections.register('ratings', alertRatingsSection)
recipientLinks.register('rating', ratingRecipientLinks)
privacyRegistry.register('alertRatings', alertRatingsPrivacy)
recipientShortLinks.provideRating((alertId, residentIds) =>
  RatingShortLinks.forRecipients(alertId, residentIds)
)

// Engagement: residents' replies to the alerts they got, in the sender's inbox.
recipientLinks.register('reply', replyRecipientLinks)
// Before the replies' section, which deletes every thread: the report's files go first.
privacyRegistry.register('residentReports', reportsPrivacy)
recipientReplyAddresses.provide((residentId, alertId) =>
  ReplyAddresses.address(residentId, alertId)
)
privacyRegistry.register('alertReplies', alertRepliesPrivacy)
recipientLinks.register('report', reportRecipientLinks)
residentRecordSections.register('replies', replyResidentSection)

// Engagement: residents sharing alerts with neighbours, and who that reached.
alertPageSections.register('forwards', forwardsSection)
recipientLinks.register('share', shareRecipientLinks)
privacyRegistry.register('alertForwards', alertForwardsPrivacy)

// Surveys: a resident's own link in alerts linked to one, and their answers.
recipientLinks.register('survey', surveyRecipientLinks)
privacyRegistry.register('surveyAnswers', surveysPrivacy)

// Reports: the history of a resident's "About you" answers, kept for Who we reach at a past date.
privacyRegistry.register('aboutYouHistory', answerHistoryPrivacy)
