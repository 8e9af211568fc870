import { createStaff, type createOrganisation } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import type { FakeGraphApi, FakeXApi } from './fake_apis.js'

type Organisation = Awaited<ReturnType<typeof createOrganisation>>

export const SETTINGS = '/staff/settings/plugins/social'

/**
 * Switches the plugin on as an install admin would (install-wide, the fakes'
 * addresses, then for the organisation) and hands back the admin's session
 * and the clean-up that switches it off again.
 */
export async function enableSocial(
  organisation: Organisation,
  apis: { graph?: FakeGraphApi; x?: FakeXApi } = {},
  install: Record<string, string> = {}
) {
  const admin = await signInStaff(await createStaff(organisation, 'admin', { installAdmin: true }))
  await admin.get(SETTINGS)
  await admin.post(SETTINGS, { enabled: 'true' })
  await admin.post(`${SETTINGS}/settings`, {
    graph_api_url: apis.graph?.baseUrl ?? '',
    x_api_url: apis.x?.origin ?? '',
    ...install,
    _intent: 'save',
  })
  await admin.post(`${SETTINGS}/organisation`, { enabled: 'true' })
  return {
    admin,
    disable: async () => {
      await admin.get(SETTINGS)
      await admin.post(SETTINGS, { enabled: 'false' })
    },
  }
}

/** The organisation's form as staff fill it in for both accounts the fakes know. */
export function accountFields(graph: FakeGraphApi, x: FakeXApi) {
  return { facebook_page_id: graph.pageId, facebook_page_token: graph.token, ...x.keys }
}
