import type Organisation from '#models/platform/organisation'

/**
 * What a resident reads before "Tell us something": this is not the way to
 * report an emergency or a crime in progress. The numbers are the UK's own
 * (999, 101, Crimestoppers), the same for every force; an organisation's
 * contact phone from its settings is added when it has one.
 */
export function emergencyGuidance(
  organisation?: Pick<Organisation, 'name' | 'contactPhone'> | null
) {
  return {
    emergency: '999',
    nonEmergency: '101',
    anonymous: {
      name: 'Crimestoppers',
      phone: '0800 555 111',
      url: 'https://crimestoppers-uk.org',
    },
    organisationName: organisation?.name ?? null,
    organisationPhone: organisation?.contactPhone ?? null,
  }
}
