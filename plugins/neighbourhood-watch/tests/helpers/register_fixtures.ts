import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { FakeRegister, type FakeScheme } from './fake_register.js'
import { enableWatch, finishedSync, PAGE } from './watch_setup.js'

/** The counts on a sync's page. */
export function counts(text: string) {
  const value = (label: string) =>
    Number(new RegExp(`${label}</dt><dd class="govuk-summary-list__value">(\\d+)`).exec(text)?.[1])
  return {
    schemes: value('Schemes read'),
    added: value('Added'),
    updated: value('Updated'),
    removed: value('Removed'),
    rejected: value('Rejected'),
    unchanged: value('Schemes unchanged'),
  }
}

/** Three schemes: two with members (one who did not consent, one already a resident), one in an unknown area. */
export function register(): FakeScheme[] {
  return [
    {
      id: 'NW-1',
      name: 'Elm Road Watch',
      area_code: 'T-W1',
      coordinator: { id: 'C-1', name: 'Pat Coordinator', email: 'pat@example.test' },
      members: [
        { id: 'M-1', name: 'Ann New', email: 'ann@example.test', consent: true },
        { id: 'M-2', name: 'Bob Known', email: 'bob@example.test', consent: true },
        { id: 'M-3', name: 'Cy Quiet', email: 'cy@example.test', consent: false },
      ],
    },
    {
      id: 'NW-2',
      name: 'Mill Lane Watch',
      area_code: 'T-W2',
      members: [{ id: 'M-4', name: 'Di Mill', email: 'di@example.test', consent: true }],
    },
    { id: 'NW-3', name: 'Nowhere Watch', area_code: 'E05999999', members: [] },
  ]
}

/** The fake register with those schemes, an organisation with the plugin on, and Sync now as its admin would press it. */
export async function setUp(cleanup: (fn: () => Promise<void>) => void) {
  const fake = await new FakeRegister().start()
  cleanup(() => fake.stop())
  fake.schemes = register()
  const areas = await seedAreas()
  const organisation = await createOrganisation()
  const bob = await createResident(areas.central, [], { email: 'bob@example.test', name: 'Bob' })
  const admin = await enableWatch(organisation, fake, cleanup)
  const syncNow = async () => {
    const started = await admin.post(`${PAGE}/sync`, {})
    return finishedSync(admin, new URL(started.url).pathname)
  }
  return { fake, areas, organisation, bob, admin, syncNow }
}
