import type { RecipientLinkGroup } from '#services/messaging/recipient_links'
import Survey from '#models/engagement/survey'
import Surveys from '#services/engagement/surveys/surveys'
import SurveyLinks from '#services/engagement/surveys/survey_links'

/**
 * The resident's own survey link in the email of an alert linked to a survey
 * that has not closed, registered with messaging at boot (start/registries.ts).
 * Whether it applies is asked once per alert as its email is rendered; per
 * recipient the link costs its slot of the recipient's one signature, as a
 * rating link does.
 */
export const surveyRecipientLinks: RecipientLinkGroup = {
  prompt: 'We would like to know what you think:',
  links: [{ key: 'survey', label: 'Answer our short survey' }],
  async appliesTo(alertId) {
    // A preview of an unsaved alert has no id: nothing can be linked to it yet.
    if (!Number.isSafeInteger(alertId) || alertId <= 0) return false
    const survey = await Survey.findBy('alert_id', alertId)
    return survey !== null && Surveys.state(survey) !== 'closed'
  },
  urls: (residentId, alertId) => ({ survey: SurveyLinks.absolute(residentId, alertId) }),
}
