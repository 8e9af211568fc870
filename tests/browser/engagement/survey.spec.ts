import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { DateTime } from 'luxon'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import env from '#start/env'

const today = () => DateTime.now().setZone('Europe/London')

test.group('Surveys', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('staff build a survey, a resident answers its public link (without JavaScript too), and staff read the results and the CSV', async ({
    browser,
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, await createStaff(organisation, 'sender'))

    // Alerts → Surveys: empty at first, and it says what to do.
    await staff.getByRole('link', { name: 'Surveys', exact: true }).click()
    await staff.assertTextContains('#no-surveys', 'Your organisation has no surveys yet.')
    await staff.getByRole('button', { name: 'New survey' }).click()
    await staff.getByLabel('Title').fill('Feeling safe in Boston')
    await staff.getByLabel('Introduction').fill('Four questions about your street.')
    await staff.getByLabel('Thank-you text').fill('Thank you: we read every answer.')
    await staff.getByLabel('Opens on').fill(today().minus({ days: 1 }).toISODate()!)
    await staff.getByLabel('Closes on').fill(today().plus({ days: 7 }).toISODate()!)
    await staff.getByRole('button', { name: 'Save survey' }).click()
    await staff.assertTextContains('.govuk-notification-banner', 'Now add its questions.')

    const add = async (
      kind: string,
      prompt: string,
      fill: () => Promise<void> = async () => {}
    ) => {
      await staff.getByRole('button', { name: 'Add a question' }).click()
      await staff.getByLabel(kind, { exact: true }).check()
      await staff.getByLabel('Question', { exact: true }).fill(prompt)
      await fill()
      await staff.getByRole('button', { name: 'Add question' }).click()
      await staff.assertTextContains('.govuk-notification-banner', 'The question has been added.')
    }
    await add('Single choice', 'Do you feel safe at night?', async () => {
      await staff.getByLabel('Residents must answer this question').check()
      await staff.getByLabel('Options').fill('Yes\nNo\nNot sure')
    })
    await add('Multiple choice', 'What worries you?', () =>
      staff.getByLabel('Options').fill('Burglary\nSpeeding\nLitter')
    )
    await add('Scale', 'How well do we keep you informed?', async () => {
      await staff.getByLabel('Label for the lowest point (optional)').fill('Badly')
      await staff.getByLabel('Label for the highest point (optional)').fill('Very well')
    })
    await add('Free text', 'Anything else?')
    await assertAccessible(staff)
    const publicPath = await staff.locator('#public-link').getAttribute('href')

    // A resident answers from the public link: a missing answer is explained first.
    const resident = await visit(publicPath!)
    await resident.assertTextContains('h1', 'Feeling safe in Boston')
    await assertAccessible(resident)
    await resident.getByRole('button', { name: 'Send your answers' }).click()
    await resident.assertTextContains(
      '.govuk-error-summary',
      'Choose an answer: this question must be answered'
    )
    await assertAccessible(resident)
    await resident.getByLabel('Yes').check()
    await resident.getByLabel('Burglary').check()
    await resident.getByLabel('Litter').check()
    await resident.getByLabel('4', { exact: true }).check()
    await resident.getByLabel('4. Anything else? (optional)').fill('=1+1 and <b>more</b> patrols')
    await resident.getByRole('button', { name: 'Send your answers' }).click()
    await resident.assertTextContains('h1', 'Your answers have been sent')
    await resident.assertTextContains('#thank-you', 'Thank you: we read every answer.')
    await assertAccessible(resident)

    // And another without JavaScript (axe needs JavaScript; the survey does not).
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: env.get('APP_URL'),
    })
    try {
      const page = await context.newPage()
      await page.goto(publicPath!)
      await page.getByLabel('Not sure').check()
      await page.getByLabel('Speeding').check()
      await page.getByLabel('2', { exact: true }).check()
      await page.getByRole('button', { name: 'Send your answers' }).click()
      await page.locator('h1', { hasText: 'Your answers have been sent' }).waitFor()
    } finally {
      await context.close()
    }

    // Staff see the results: the chart's bars and its table agree.
    await staff.reload()
    await staff.getByRole('link', { name: 'See the results' }).click()
    await staff.assertTextContains('#response-count', '2 responses: 2 from the public link')
    const figure = staff.locator('figure.beacon-chart').first()
    const bars = await figure
      .locator('rect[data-bar]')
      .evaluateAll((rects) =>
        rects.map((rect) => [rect.getAttribute('data-category'), rect.getAttribute('data-value')])
      )
    assert.deepEqual(bars, [
      ['Yes', '1'],
      ['Not sure', '1'],
    ])
    const table = await figure
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.children].slice(0, 2).map((cell) => cell.textContent!.trim()))
      )
    assert.deepEqual(table, [
      ['Yes', '1'],
      ['No', '0'],
      ['Not sure', '1'],
    ])
    await staff.assertTextContains('[data-text-answers]', '=1+1 and <b>more</b> patrols')
    await assertAccessible(staff)

    const [download] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('link', { name: 'Download every response (CSV)' }).click(),
    ])
    const rows = parse(await readFile((await download.path())!, 'utf8'), { bom: true })
    assert.deepEqual(rows[0].slice(3), [
      'Do you feel safe at night?',
      'What worries you?',
      'How well do we keep you informed?',
      'Anything else?',
    ])
    assert.deepEqual(rows[1].slice(2), [
      'The public link',
      'Yes',
      'Burglary; Litter',
      '4',
      "'=1+1 and <b>more</b> patrols",
    ])
    assert.deepEqual(rows[2].slice(3), ['Not sure', 'Speeding', '2', ''])
  })
})
