import { test } from '@japa/runner'
import Interest from '#models/residents/interest'
import Segment from '#models/targeting/segment'
import Alert from '#models/messaging/alert'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Targeting builder in a browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('build a target and watch the count change, save it as a segment and reuse it', async ({
    visit,
    assert,
  }) => {
    const { central, skirbeck } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const burglary = await Interest.create({ slug: 'burglary', name: 'Burglary', position: 1 })
    // Boston's outline in the test areas is the square from 0°E, 52°N to 0.1°E, 52.1°N.
    const ada = await createResident(central, [organisation], { lat: 52.05, lng: 0.05 })
    await createResident(central, [organisation], { lat: 52.06, lng: 0.06 })
    const cy = await createResident(skirbeck, [organisation], { lat: 52.02, lng: 0.02 })
    await createResident(skirbeck, [organisation])
    for (const resident of [ada, cy]) await resident.related('interests').attach([burglary.id])

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, sender)
    await page.goto('/staff/alerts/new')
    const count = page.locator('#audience-count')
    await count
      .getByText('Choose at least one area, or draw one on the map, to see how many residents')
      .waitFor()
    // With JavaScript the map replaces its explanation.
    await page.locator('#targeting-map .leaflet-overlay-pane path').first().waitFor()
    assert.isFalse(await page.locator('#targeting-map-unavailable').isVisible())
    await assertAccessible(page)

    // A ward: the two residents of Central.
    await page.getByText('Wards in Boston').click()
    await page.getByLabel('Central', { exact: true }).check()
    await count.getByText('This alert would reach 2 residents by email.').waitFor()

    // An interest: only Ada in Central chose burglary.
    await page.getByRole('checkbox', { name: 'Burglary' }).check()
    await count.getByText('This alert would reach 1 resident by email.').waitFor()

    // A polygon around the whole of Boston adds Cy, who lives in Skirbeck and chose burglary.
    await page.locator('#targeting-map').evaluate((map) => map.scrollIntoView({ block: 'start' }))
    const outlines = page.locator('#targeting-map .leaflet-overlay-pane path')
    const boxes = await Promise.all(
      (await outlines.all()).map(async (outline) => (await outline.boundingBox())!)
    )
    // Boston lies east of Lincoln.
    const boston = boxes.sort((a, b) => b.x - a.x)[0]
    const margin = 12
    const corners = [
      [boston.x - margin, boston.y - margin],
      [boston.x + boston.width + margin, boston.y - margin],
      [boston.x + boston.width + margin, boston.y + boston.height + margin],
      [boston.x - margin, boston.y + boston.height + margin],
    ]
    await page.getByRole('button', { name: 'Draw Polygons' }).click()
    for (const [x, y] of corners) await page.mouse.click(x, y)
    await page.locator('#targeting-map .action-finish').filter({ visible: true }).click()
    await page.locator('#shape-description').getByText('Drawn: a shape with 4 corners.').waitFor()
    await count.getByText('This alert would reach 2 residents by email.').waitFor()
    const shape = JSON.parse(await page.locator('#shape-input').inputValue())
    assert.equal(shape.type, 'polygon')
    assert.lengthOf(shape.coordinates, 4)

    // The live count explains a refused shape in words.
    const refused = await page.evaluate(async () => {
      const crossing = {
        type: 'polygon',
        coordinates: [
          [0, 52],
          [0.1, 52.1],
          [0.1, 52],
          [0, 52.1],
        ],
      }
      const response = await fetch(
        `/staff/audience/count?shape=${encodeURIComponent(JSON.stringify(crossing))}`,
        { headers: { Accept: 'application/json' } }
      )
      const body = (await response.json()) as { errors: { message: string }[] }
      return { status: response.status, body }
    })
    assert.equal(refused.status, 422)
    assert.include(refused.body.errors[0].message, 'The edges of the drawn area cross each other')

    // Saved as a segment, the criteria come back on the page.
    await page.getByLabel('Segment name').fill('Boston burglary watchers')
    await page.getByRole('button', { name: 'Save as a segment' }).click()
    await page
      .getByText('The criteria have been saved as the segment “Boston burglary watchers”.')
      .waitFor()
    const segment = await Segment.findByOrFail('name', 'Boston burglary watchers')
    assert.deepEqual(segment.criteria.interestIds, [burglary.id])
    assert.deepEqual(segment.criteria.areaIds, [central.id])
    assert.equal(segment.criteria.shape?.type, 'polygon')

    // Reused from the list of segments: the same target, the same count.
    await page
      .getByRole('navigation', { name: 'Staff menu' })
      .getByRole('link', { name: 'Segments' })
      .click()
    await page.getByRole('heading', { name: 'Segments' }).waitFor()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Use Boston burglary watchers for a new alert' }).click()
    await page
      .getByText('The target is filled in from the segment “Boston burglary watchers”')
      .waitFor()
    assert.isTrue(await page.getByLabel('Central', { exact: true }).isChecked())
    assert.isTrue(await page.getByRole('checkbox', { name: 'Burglary' }).isChecked())
    await page.locator('#targeting-map .leaflet-overlay-pane path').first().waitFor()
    await count.getByText('This alert would reach 2 residents by email.').waitFor()
    await assertAccessible(page)

    // Unticking the interest widens the target again.
    await page.getByRole('checkbox', { name: 'Burglary' }).uncheck()
    await count.getByText('This alert would reach 3 residents by email.').waitFor()

    await page.getByLabel('Title').fill('Sheds forced in Boston')
    await page.getByLabel('Alert text').fill('Lock your shed tonight.')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Sheds forced in Boston' }).waitFor()
    const alert = await Alert.findByOrFail('title', 'Sheds forced in Boston')
    assert.deepEqual(alert.criteria.areaIds, [central.id])
    assert.equal(alert.criteria.shape?.type, 'polygon')
    assert.isUndefined(alert.criteria.interestIds)
  })
})
