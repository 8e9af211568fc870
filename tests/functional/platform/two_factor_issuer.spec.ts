import { test } from '@japa/runner'
import User from '#models/platform/user'
import SiteSettings from '#services/platform/site/site_settings'
import TwoFactor from '#services/platform/staff_accounts/two_factor'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff, STAFF_PASSWORD } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

function qrCodeOf(html: string) {
  const match = html.match(/<div class="beacon-qr-code" id="qr-code" [^>]*>([\s\S]*?<\/svg>)/)
  if (!match) throw new Error(`No QR code on the page:\n${html.slice(0, 3000)}`)
  return match[1]
}

test.group('Two-factor set-up names the install', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  // The settings are cached per process: no test sees another's.
  group.each.setup(() => () => SiteSettings.forget())

  test("the authenticator app lists the account under the install's own service name", async ({
    assert,
  }) => {
    await SiteSettings.update({ serviceName: 'Kent Community Alert: Staff' })
    const officer = await createStaff(await createOrganisation(), 'officer', undefined, {
      twoFactor: false,
    })
    const page = await new BrowserLikeSession().submit('/staff/login', {
      email: officer.email,
      password: STAFF_PASSWORD,
    })
    assert.include(page.url, '/staff/two-factor/setup')
    assert.include(page.text, 'aria-label="QR code to add Kent Community Alert: Staff to your')

    // The set-up is kept until confirmed: asking again gives the QR code the page shows.
    const { uri, qrSvg } = await TwoFactor.beginEnrolment(await User.findOrFail(officer.id))
    assert.equal(qrCodeOf(page.text), qrSvg.trim())
    const scanned = new URL(uri)
    assert.equal(scanned.searchParams.get('issuer'), 'Kent Community Alert Staff')
    assert.equal(
      decodeURIComponent(scanned.pathname),
      `/Kent Community Alert Staff:${officer.email}`
    )
    assert.notInclude(uri, 'Beacon')
  })
})
