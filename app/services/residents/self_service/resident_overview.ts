import type Subscriber from '#models/residents/subscriber'
import ResidentConsents from '#services/residents/preferences/resident_consents'
import ResidentDemographics from '#services/residents/preferences/resident_demographics'
import ResidentPreferences, {
  LANGUAGES,
  PRIORITY_CHOICES,
  languageName,
} from '#services/residents/preferences/resident_preferences'

/**
 * Everything a signed-in resident sees on their "Manage your alerts" page,
 * each with a link to change it.
 */
export default class ResidentOverview {
  static async of(subscriber: Subscriber) {
    const [channels, interests, schemes, consents, aboutYou] = await Promise.all([
      ResidentPreferences.channels(subscriber.id),
      ResidentPreferences.interests(subscriber.id),
      ResidentPreferences.schemes(subscriber.id),
      ResidentConsents.list(subscriber.id),
      ResidentDemographics.of(subscriber.id),
    ])
    return {
      stopped: subscriber.status === 'unsubscribed',
      channels,
      priority: PRIORITY_CHOICES.find((choice) => choice.value === subscriber.priorityThreshold),
      language: LANGUAGES.find((language) => language.code === subscriber.language) ?? {
        code: subscriber.language,
        name: languageName(subscriber.language),
      },
      interestsOffered: interests.all.length > 0,
      interestNames: interests.all
        .filter((interest) => interests.chosenIds.includes(interest.id))
        .map((interest) => interest.name),
      schemesOffered: schemes.all.length > 0,
      schemeNames: schemes.all
        .filter((scheme) => schemes.joinedAt.has(scheme.id))
        .map((scheme) => scheme.name),
      consentedOrganisations: consents
        .filter((consent) => consent.granted)
        .map((consent) => consent.organisation.name),
      organisationsOffered: consents.length > 0,
      aboutYouAnswered: !!aboutYou,
    }
  }
}
