import { test } from '@japa/runner'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { reachOfTheIsland } from '#tests/helpers/census_fixtures'
import { PLACES } from '#tests/helpers/boundary_fixtures'
import env from '#start/env'

test.group('Reports → Who we reach', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an analyst opens the report: the map shades each ward as its table row says, and the chart draws the same rates', async ({
    visit,
    assert,
  }) => {
    const { police } = await reachOfTheIsland()
    const analyst = await createStaff(police, 'analyst')
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, analyst)
    await page
      .getByRole('list', { name: 'Reports' })
      .getByRole('link', { name: 'Who we reach', exact: true })
      .click()
    await page.assertTextContains('h1', 'Who we reach')

    // The table: each ward's code and its "Compared with the average" cell.
    const rows = await page.locator('#wards-reach tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        code: tr.getAttribute('data-area-code')!,
        name: tr.querySelector('th')!.textContent!.trim(),
        rate: tr.querySelectorAll('td')[3].textContent!.trim(),
        ratio: tr.querySelectorAll('td')[4].textContent!.trim(),
      }))
    )
    assert.deepEqual(
      rows.map((row) => row.name),
      ['Newport Central', 'Ryde South', 'Carisbrooke', 'Central']
    )

    // The map: one shaded outline per ward with figures and a boundary (the Lincolnshire ward of
    // this test has none), each carrying the table's ratio, or none when it is too few to say.
    await page.locator('#reach-map path[data-area-code="E05008497"]').waitFor()
    const shaded = await page.locator('#reach-map path[data-area-code]').evaluateAll((paths) =>
      paths.map((path) => ({
        code: path.getAttribute('data-area-code')!,
        ratio: path.getAttribute('data-ratio')!,
      }))
    )
    const islandRows = rows.filter(
      (row) => row.code.startsWith('E050084') || row.code.startsWith('E050085')
    )
    assert.deepEqual(
      shaded.sort((a, b) => a.code.localeCompare(b.code)),
      islandRows
        .map((row) => ({ code: row.code, ratio: row.ratio === 'Too few to say' ? '' : row.ratio }))
        .sort((a, b) => a.code.localeCompare(b.code))
    )

    // The chart: a bar per ward whose figures may be shown, at the table's rate.
    const bars = await page
      .locator('#ward-rates svg [data-bar]')
      .evaluateAll((elements) =>
        elements.map((bar) => [bar.getAttribute('data-category'), bar.getAttribute('data-value')])
      )
    assert.deepEqual(
      bars,
      rows
        .filter((row) => row.rate !== 'Too few to say')
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((row) => [row.name, row.rate])
    )
    await assertAccessible(page)
  })
})

test.group('Doorstep sign-up: where sign-ups count most', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an officer who shares their position sees the nearest under-represented ward; without JavaScript, the ward picker does it', async ({
    browser,
    assert,
  }) => {
    const { police } = await reachOfTheIsland()
    const officer = await createStaff(police, 'officer')
    const castle = PLACES.carisbrookeCastle

    const context = await browser.newContext({
      baseURL: env.get('APP_URL'),
      geolocation: { latitude: castle.lat, longitude: castle.lng },
      permissions: ['geolocation'],
    })
    try {
      const page = await context.newPage()
      await page.goto('/staff/login')
      await signInStaffInBrowser(page, officer)
      await page.goto('/staff/doorstep')
      await page.getByRole('button', { name: 'Use where I am' }).click()
      await page.getByRole('heading', { name: 'Under-represented wards nearest you' }).waitFor()
      const areas = await page.locator('#nearby-areas li').allTextContents()
      assert.lengthOf(areas, 1)
      assert.match(
        areas[0],
        /^Newport Central \(Isle of Wight\), \d+\.\d km: 1 registered per 1,000 people$/
      )
      await assertAccessible(page)
    } finally {
      await context.close()
    }

    const noScript = await browser.newContext({
      baseURL: env.get('APP_URL'),
      javaScriptEnabled: false,
    })
    try {
      const page = await noScript.newPage()
      await page.goto('/staff/login')
      await signInStaffInBrowser(page, officer)
      await page.goto('/staff/doorstep')
      assert.isFalse(await page.getByRole('button', { name: 'Use where I am' }).isVisible())
      await page
        .getByLabel('The ward you are in')
        .selectOption({ label: 'Ryde South (Isle of Wight)' })
      await page.getByRole('button', { name: 'Show nearby' }).click()
      await page
        .getByRole('heading', { name: 'Under-represented wards nearest Ryde South' })
        .waitFor()
      assert.deepEqual(await page.locator('#nearby-groups li').allTextContents(), ['Sex: Male'])
    } finally {
      await noScript.close()
    }
  })
})
