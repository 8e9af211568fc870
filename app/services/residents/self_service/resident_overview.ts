import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import type Resident from '#models/residents/resident'
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
  static async of(resident: Resident) {
    const [channels, interests, schemes, consents, aboutYou] = await Promise.all([
      ResidentPreferences.channels(resident.id),
      ResidentPreferences.interests(resident.id),
      ResidentPreferences.schemes(resident.id),
      ResidentConsents.list(resident.id),
      ResidentDemographics.of(resident.id),
    ])
    return {
      stopped: resident.status === 'unsubscribed',
      channels,
      priority: PRIORITY_CHOICES.find((choice) => choice.value === resident.priorityThreshold),
      language: LANGUAGES.find((language) => language.code === resident.language) ?? {
        code: resident.language,
        name: languageName(resident.language),
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
      numbers: [
        {
          kind: 'mobile',
          label: 'Mobile',
          shown: PhoneNumbers.display(resident.phone),
          verified: !!resident.phoneVerifiedAt,
        },
        {
          kind: 'landline',
          label: 'Landline',
          shown: PhoneNumbers.display(resident.landline),
          verified: !!resident.landlineVerifiedAt,
        },
      ],
    }
  }
}
