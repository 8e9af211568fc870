import { createStaff, type createOrganisation } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import type { FakeTranslateApi } from './fake_translate.js'

type Organisation = Awaited<ReturnType<typeof createOrganisation>>

export const SETTINGS = '/staff/settings/plugins/translation'

/**
 * Switches the plugin on as an install admin would: install-wide, the
 * account pointed at the fake, then for the organisation with its choice
 * about unchecked translations. Hands back the admin's session and the
 * clean-up that switches it off again.
 */
export async function enableTranslation(
  organisation: Organisation,
  api: FakeTranslateApi,
  options: { languages?: string; unreviewed?: 'always' | 'urgent' | 'never' } = {}
) {
  const admin = await signInStaff(await createStaff(organisation, 'admin', { installAdmin: true }))
  await admin.get(SETTINGS)
  await admin.post(SETTINGS, { enabled: 'true' })
  const saved = await admin.post(`${SETTINGS}/settings`, {
    project_id: 'county-alerts-123456',
    api_key: api.key,
    languages: options.languages ?? 'pl, ro, ur',
    api_url: api.origin,
    _intent: 'save',
  })
  if (saved.text.includes('govuk-error-summary'))
    throw new Error('The install settings were refused')
  await admin.post(`${SETTINGS}/organisation`, { enabled: 'true' })
  await admin.post(`${SETTINGS}/organisation/settings`, {
    unreviewed: options.unreviewed ?? 'always',
    _intent: 'save',
  })
  return {
    admin,
    disable: async () => {
      await admin.get(SETTINGS)
      await admin.post(SETTINGS, { enabled: 'false' })
    },
  }
}
