import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import { channelsReaching, contactKindsOf } from '#services/residents/contacts/working_contacts'

/** The core's kinds of contact, as a resident would name them. */
const CONTACT_WORDS: Record<string, string> = {
  email: 'an email address',
  mobile: 'a verified mobile number',
  landline: 'a verified landline number',
  push_subscription: 'a browser switched on for alerts',
}

/** What a channel needs to reach the resident: "add a verified mobile number". */
function whatReaches(channelId: string) {
  const kinds = contactKindsOf(channelId) ?? []
  const known = kinds.filter((kind) => CONTACT_WORDS[kind]).map((kind) => CONTACT_WORDS[kind])
  // A plugin's own kind of contact is offered in its own section of this page.
  const more = known.length < kinds.length || known.length === 0
  if (known.length === 0) return 'see the choices further down this page'
  return `add ${known.join(' or ')}${more ? ', or see the choices further down this page' : ''}`
}
import type Resident from '#models/residents/resident'
import ResidentConsents from '#services/residents/preferences/resident_consents'
import ResidentDemographics from '#services/residents/preferences/resident_demographics'
import ResidentLanguages from '#services/residents/preferences/resident_languages'
import ResidentPreferences, {
  PRIORITY_CHOICES,
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
      ResidentPreferences.schemes(resident),
      ResidentConsents.list(resident.id),
      ResidentDemographics.of(resident.id),
    ])
    // "On" is true only when something can reach them that way: a switched-on channel
    // without a working contact says what it still needs.
    const reaching = await channelsReaching(
      resident.id,
      channels.map((channel) => channel.id)
    )
    return {
      stopped: resident.status === 'unsubscribed',
      channels: channels.map((channel) => ({
        ...channel,
        reachable: reaching.has(channel.id),
        needs: whatReaches(channel.id),
      })),
      priority: PRIORITY_CHOICES.find((choice) => choice.value === resident.priorityThreshold),
      language: await ResidentLanguages.describe(resident.language),
      interestsOffered: interests.all.length > 0,
      interestNames: interests.all
        .filter((interest) => interests.chosenIds.includes(interest.id))
        .map((interest) => interest.name),
      schemesOffered: schemes.anyScheme,
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
