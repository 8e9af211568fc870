import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright'
import Resident from '#models/residents/resident'
import { seedDefaultInterests } from '#services/residents/lists/default_interests'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { cleanUpUploads, MESSY_CSV } from '#tests/helpers/resident_fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function accessibilityProblems(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} ${JSON.stringify(violation.nodes.map((node) => node.target))}`
  )
}

test.group('Resident import journey', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => cleanUpUploads())

  test('an admin uploads a messy file, chooses the columns, reads the dry run, imports and downloads the report', async ({
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    await seedDefaultInterests()
    const police = await createOrganisation('Lincolnshire OPCC')
    const fire = await createOrganisation('Fire and Rescue')
    const admin = await createStaff(police, 'admin')
    await createResident(central, [fire], {
      name: 'Henry Existing',
      email: 'existing@example.test',
    })

    const page = await visit('/staff/login')

    await signInStaffInBrowser(page, admin)

    await page.getByRole('link', { name: 'Residents', exact: true }).click()
    await page.assertTextContains(
      'main',
      'No resident has agreed to hear from Lincolnshire OPCC yet'
    )
    await page.getByRole('button', { name: 'Import residents from a file' }).click()

    // Step 1: upload.
    await page.assertTextContains('h1', 'Upload a CSV file')
    assert.deepEqual(await accessibilityProblems(page), [], 'upload page')
    await page.getByRole('button', { name: 'Upload and continue' }).click()
    await page.assertTextContains('.govuk-error-summary', 'Choose a CSV file to upload')
    await page.getByLabel('CSV file').setInputFiles(MESSY_CSV)
    await page.getByRole('button', { name: 'Upload and continue' }).click()

    // Step 2: the columns, guessed from the headings; consent evidence cannot be left out.
    await page.assertTextContains('h1', 'Choose the columns')
    await page.assertTextContains('main', 'residents_messy.csv has 18 rows of residents')
    assert.deepEqual(await accessibilityProblems(page), [], 'column page')
    const consent = page.getByLabel('Consent evidence', { exact: true })
    assert.equal(await consent.inputValue(), '7', 'the “Consent given” column is guessed')
    assert.equal(await page.getByLabel('Ward code or ward name').inputValue(), '5')
    await consent.selectOption('')
    await page.getByRole('button', { name: 'Check the file' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'Choose the column that holds the consent evidence'
    )
    await page.getByLabel('Consent evidence', { exact: true }).selectOption('7')
    await page.getByRole('button', { name: 'Check the file' }).click()

    // Step 3: the dry run.
    await page.assertTextContains('h1', 'Check before importing')
    assert.deepEqual(await accessibilityProblems(page), [], 'dry run page')
    await page.assertText('[data-count="total"]', '18')
    await page.assertText('[data-count="imported"]', '6')
    await page.assertText('[data-count="duplicates"]', '3')
    await page.assertText('[data-count="rejected"]', '9')
    await page.assertTextContains('tr[data-row="8"]', 'No ward has the code or name “Atlantis”')
    await page.assertTextContains('tr[data-row="10"]', 'Duplicate of row 2 in the file')
    await page.assertTextContains('tr[data-row="14"]', 'Already registered with Beacon')
    await page.assertTextContains('#blank-rows', 'rows 4, 19')
    assert.equal(await Resident.query().where('source', 'import').first(), null)

    // Step 4: import, and the summary.
    await page.getByRole('button', { name: 'Import 6 residents' }).click()
    await page.assertTextContains('h1', 'Import of residents_messy.csv')
    await page.assertTextContains('.govuk-notification-banner', '6 residents were imported.')
    assert.deepEqual(await accessibilityProblems(page), [], 'summary page')
    const counts = await Promise.all(
      ['total', 'imported', 'duplicates', 'rejected'].map(async (name) =>
        Number(await page.locator(`[data-count="${name}"]`).innerText())
      )
    )
    assert.deepEqual(counts, [18, 6, 3, 9])
    assert.equal(counts[1] + counts[2] + counts[3], counts[0])
    await page.assertTextContains('tr[data-row="5"]', 'not a valid email address')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the report for every row as a CSV file' }).click(),
    ])
    assert.equal(
      download.suggestedFilename(),
      `beacon-import-${page.url().split('/').pop()}-report.csv`
    )
    const report = await readFile((await download.path())!, 'utf8')
    assert.include(report, "'=cmd()")
    assert.include(report, "'+1 Plus")
    assert.notMatch(report, /(^|,)[=+@-]/m, 'no cell starts as a formula')

    await page.getByRole('link', { name: 'See the imported residents' }).click()
    await page.assertTextContains('#result-count', '6 residents match these filters')
    await page.getByRole('link', { name: '=cmd()' }).click()
    await page.assertTextContains('h1', '=cmd()')
    await page.assertTextContains('#history', 'Consent evidence: @SUM(A1:A2)')
    assert.deepEqual(await accessibilityProblems(page), [], 'resident page')
  })
})
