import { test } from '@japa/runner'
import type { Page } from 'playwright'
import SiteSettings from '#services/platform/site/site_settings'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { seedMappedAreas } from '#tests/helpers/sign_up_fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { startTileServer } from '#tests/helpers/tile_server'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** The tiles the map shows that came from the server and loaded as images. */
async function loadedTiles(page: Page, origin: string) {
  await page.locator(`img.leaflet-tile-loaded[src^="${origin}/tiles/"]`).first().waitFor()
  return page
    .locator('img.leaflet-tile-loaded')
    .evaluateAll((images) =>
      images
        .filter((image) => (image as unknown as { naturalWidth: number }).naturalWidth > 0)
        .map((image) => image.getAttribute('src'))
    )
}

test.group('The street map behind the maps', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => () => SiteSettings.forget())

  test('an install admin names a tile server; residents finding their home and staff drawing an area see the streets and the attribution', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const tiles = await startTileServer()
    cleanup(() => tiles.close())
    await seedMappedAreas()
    const organisation = await createOrganisation('Rutland County Council')
    const admin = await createStaff(organisation, 'admin', { installAdmin: true })

    // Before: outlines only, and no request leaves for a tile server.
    const resident = await visit('/sign-up/map')
    await resident.locator('path[data-area-code="M-W1"]').waitFor()
    assert.equal(await resident.locator('img.leaflet-tile').count(), 0)

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    await page.goto('/staff/settings/site')
    await page.getByLabel('Tile server address').fill(tiles.url)
    await page.getByRole('button', { name: 'Save site settings' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'Enter the attribution the tile server asks for'
    )
    await page.getByLabel('Attribution').fill('© Rutland <Streets> Ltd')
    await page.getByRole('button', { name: 'Save site settings' }).click()
    await page.assertTextContains('main', 'Site settings saved')

    await resident.reload()
    await resident.locator('path[data-area-code="M-W1"]').waitFor()
    const shown = await loadedTiles(resident, tiles.origin)
    assert.isAbove(shown.length, 0)
    assert.isAbove(tiles.requested.length, 0)
    // The admin's words appear as text, never as markup.
    await resident.assertTextContains('.leaflet-control-attribution', '© Rutland <Streets> Ltd')
    assert.equal(await resident.locator('.leaflet-control-attribution streets').count(), 0)
    // Still usable as before: the pin goes where the resident clicks.
    await resident.locator('path[data-area-code="M-W1"]').click()
    await resident.assertTextContains('#map-choice', 'Your pin is in Central ward, Boston.')
    await assertAccessible(resident)

    await page.goto('/staff/alerts/new')
    await page.locator('#targeting-map .leaflet-overlay-pane path').first().waitFor()
    assert.isAbove((await loadedTiles(page, tiles.origin)).length, 0)
    await page.assertTextContains(
      '#targeting-map .leaflet-control-attribution',
      '© Rutland <Streets> Ltd'
    )
  })
})
