import { test } from '@japa/runner'
import AuditLog from '#models/platform/audit_log'
import SiteSettings from '#services/platform/site/site_settings'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const SITE = { serviceName: 'Rutland Community Alert' }
const TILES = 'https://tiles.rutland.example.org/streets/{z}/{x}/{y}.png'

function imageSources(headers: Headers) {
  return (
    headers
      .get('content-security-policy')
      ?.match(/img-src ([^;]*)/)?.[1]
      .trim()
      .split(/\s+/) ?? []
  )
}

test.group('Site settings: the street map behind the maps', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => () => SiteSettings.forget())

  test('an address that is not a tile server, or one without its attribution, is refused with the reason', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Rutland County Council')
    const admin = await signInStaff(
      await createStaff(organisation, 'admin', { installAdmin: true })
    )
    const form = '/staff/settings/site'
    const settings = await admin.get(form)
    assert.include(settings.text, 'Street map')
    assert.include(settings.text, 'https://tile.openstreetmap.org/{z}/{x}/{y}.png')

    const cases = [
      {
        mapTileUrl: 'tiles.example.org/{z}/{x}/{y}.png',
        error: 'Enter the tile server address starting with https://',
      },
      {
        mapTileUrl: 'https://tiles.example.org/streets.png',
        error: 'The tile server address must contain {z}, {x} and {y}',
      },
      {
        mapTileUrl: 'https://tiles.example.org/{s}/{z}/{x}/{y}.png',
        error: 'and no other {…} part',
      },
    ]
    for (const { mapTileUrl, error } of cases) {
      const page = await admin.submit(
        form,
        { ...SITE, mapTileUrl, mapTileAttribution: '© Rutland' },
        { action: '/staff/settings/site' }
      )
      assert.include(page.text, 'There is a problem', mapTileUrl)
      assert.include(page.text, error, mapTileUrl)
      assert.include(page.text, `value="${mapTileUrl}"`, mapTileUrl)
    }
    const unattributed = await admin.submit(
      form,
      { ...SITE, mapTileUrl: TILES, mapTileAttribution: '' },
      { action: '/staff/settings/site' }
    )
    assert.include(unattributed.text, 'Enter the attribution the tile server asks for')
    assert.isNull((await SiteSettings.stored())?.mapTileUrl ?? null)
  })

  test('a tile server set by an install admin is named to the maps, allowed by the content security policy, and audited; emptied, it goes', async ({
    assert,
  }) => {
    await seedAreas()
    const organisation = await createOrganisation('Rutland County Council')
    const admin = await signInStaff(
      await createStaff(organisation, 'admin', { installAdmin: true })
    )
    const resident = new BrowserLikeSession()

    const before = await resident.get('/sign-up/map')
    assert.include(before.text, 'data-tile-url=""')
    assert.notInclude(imageSources(before.headers).join(' '), 'rutland')

    const form = '/staff/settings/site'
    const saved = await admin.submit(
      form,
      { ...SITE, mapTileUrl: TILES, mapTileAttribution: '© Rutland <County> Council' },
      { action: '/staff/settings/site' }
    )
    assert.include(saved.text, 'Site settings saved')
    assert.include(saved.text, `value="${TILES}"`)

    const map = await resident.get('/sign-up/map')
    assert.include(map.text, `data-tile-url="${TILES}"`)
    // Escaped in the page; the map's script writes it as text.
    assert.include(map.text, 'data-tile-attribution="© Rutland &lt;County&gt; Council"')
    assert.deepEqual(imageSources(map.headers), [
      `'self'`,
      'data:',
      'https://tiles.rutland.example.org',
    ])
    const audit = await AuditLog.query().where('action', 'site.settings_updated').firstOrFail()
    assert.equal(audit.details?.mapTileUrl, TILES)

    await admin.submit(
      form,
      { ...SITE, mapTileUrl: '', mapTileAttribution: '© Rutland' },
      { action: '/staff/settings/site' }
    )
    const after = await resident.get('/sign-up/map')
    assert.include(after.text, 'data-tile-url=""')
    assert.include(after.text, 'data-tile-attribution=""')
    assert.deepEqual(imageSources(after.headers), [`'self'`, 'data:', `'self'`])
    assert.isNull((await SiteSettings.stored())!.mapTileAttribution)
  })
})
