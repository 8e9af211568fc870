import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { test } from '@japa/runner'
import { skipQuestionsInBrowser } from '#tests/helpers/sign_up_fixtures'
import type { Page } from 'playwright'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { assertAccessible } from '#tests/helpers/accessibility'
import { removeQueueKeys } from '#tests/helpers/services'
import { startBeaconProcess, stopBeaconProcess } from '#tests/helpers/child_process'
import { currentTotpStep, totpCodeAt } from '#tests/helpers/staff_session'
import { answerFlags, scratchInstall, startScratchProcess } from '#tests/helpers/scratch_install'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/*
| The "done when": a force that is not Lincolnshire installs Beacon from
| nothing with `node ace beacon:setup`, and everything after it happens in a
| browser against that install's own server, in production mode, with its own
| database: first admin with two-factor sign-in, boundaries and postcodes,
| a second organisation, a resident who signs up and gets an alert.
*/

const PORT = env.get('PORT') + 3
const SITE = `http://localhost:${PORT}`
const PASSWORD = 'a long Isle of Wight passphrase'
const FIXTURES = app.makePath('tests/fixtures/areas')

function linkIn(text: string, pattern: RegExp) {
  const match = text.match(pattern)
  if (!match) throw new Error(`No link matching ${pattern} in:\n${text}`)
  return match[0]
}

/** The first sign-in of a new member of staff: the authenticator app, then the recovery codes. */
async function enrolTwoFactor(page: Page) {
  const secret = (await page.locator('#secret').innerText()).replace(/\s/g, '')
  const step = currentTotpStep()
  await page.getByLabel('Enter the 6-digit code from your app').fill(totpCodeAt(secret, step))
  await page.getByRole('button', { name: 'Confirm' }).click()
  await page.getByRole('button', { name: 'I have saved these' }).click()
  return { secret, step }
}

/** Signs in again with a code of a step not used yet (Beacon refuses a step twice), as the app shows it now or next. */
async function signInAgain(page: Page, email: string, phone: { secret: string; step: number }) {
  await page.goto(`${SITE}/staff/login`)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  const step = Math.max(currentTotpStep(), phone.step + 1)
  await page
    .getByLabel('Enter the code from your authenticator app')
    .fill(totpCodeAt(phone.secret, step))
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: /Sign out/ }).waitFor()
}

/** Settings → Areas: upload, keep the detected options, read the dry run, import. */
async function importBoundaries(page: Page, file: string, expectedReport: string) {
  await page.goto(`${SITE}/staff/settings/areas`)
  await page.getByLabel('Boundary file').setInputFiles(join(FIXTURES, file))
  await page.getByRole('button', { name: 'Upload and continue' }).click()
  await page.getByRole('button', { name: 'Check what would change' }).click()
  await page.getByRole('button', { name: 'Import these boundaries' }).click({ timeout: 60_000 })
  await page.locator('.govuk-panel__title').waitFor({ timeout: 60_000 })
  await page.assertTextContains('.govuk-panel__title', 'Boundaries imported')
  await page.assertTextContains('#import-report', expectedReport)
}

test.group('A new install for a force that is not Lincolnshire', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('setup, first admin with 2FA, boundaries, postcodes, a second organisation, a sign-up and an alert, in production mode', async ({
    visit,
    assert,
    cleanup,
  }) => {
    // 1. The operator runs the setup, as docs/deploy.md says, with the test's mail server.
    const scratch = await scratchInstall()
    cleanup(() => scratch.remove())
    const setup = startBeaconProcess(
      [
        ...answerFlags(scratch.folder, PORT, {
          'service-name': 'Wight Alert',
          'organisation-name': 'Isle of Wight Council',
          'organisation-type': 'council',
          'admin-name': 'Ada Admin',
          'admin-email': 'ada@iow.example.org',
          'smtp-host': '127.0.0.1',
          'smtp-port': String(env.get('SMTP_PORT', 2526)),
          'mail-from-address': 'alerts@iow.example.org',
        }),
        ...scratch.flags,
      ],
      {}
    )
    assert.equal(await setup.exited, 0, setup.output())
    const written = parseEnv(readFileSync(join(scratch.folder, '.env'), 'utf8'))
    assert.equal(written.NODE_ENV, 'production')
    const firstLink = linkIn(
      setup.output(),
      /http:\/\/localhost:\d+\/staff\/reset-password\/[\w-]+/
    )

    // Its server, from its .env alone (with its own Redis namespace), worker inside.
    const prefix = `${env.get('QUEUE_PREFIX', 'beacon-test')}-install-${process.pid}`
    cleanup(() => removeQueueKeys(prefix))
    const server = startScratchProcess(
      scratch.folder,
      ['--import', '@poppinss/ts-exec', 'bin/server.ts'],
      { QUEUE_PREFIX: prefix }
    )
    cleanup(() => stopBeaconProcess(server))
    await eventually(async () => assert.equal((await fetch(`${SITE}/`)).status, 200), 60_000)

    // Production: a friendly page, never a stack trace.
    const missing = await fetch(`${SITE}/no-such-page`)
    assert.equal(missing.status, 404)
    assert.notInclude(await missing.text(), 'E_ROUTE_NOT_FOUND')

    // 2. Before any boundary, residents are told registration opens soon.
    const page = await visit(`${SITE}/sign-up`)
    await page.assertTextContains('h1', 'Registration opens soon')
    await page.assertTextContains('footer', 'Privacy')
    await assertAccessible(page)

    // 3. The first admin sets a password from the printed link, signs in and enrols 2FA.
    await page.goto(firstLink)
    await page.assertTextContains('h1', 'Set your password')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Type the password again').fill(PASSWORD)
    await page.getByRole('button', { name: 'Set password' }).click()
    await page.getByLabel('Email address').fill('ada@iow.example.org')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const adminApp = await enrolTwoFactor(page)
    await page.assertTextContains('#setup-checklist', 'Before residents can sign up')
    await page.assertTextContains('[data-item="boundaries"]', 'Not done')

    // 4. Boundaries from the ONS files of the Isle of Wight: districts, then wards.
    await importBoundaries(page, 'districts-isle-of-wight-rutland.geojson', '2 districts')
    await importBoundaries(page, 'wards-E06000046-isle-of-wight.geojson', '39 wards')
    await page.goto(`${SITE}/staff`)
    await page.assertTextContains('[data-item="boundaries"]', 'Done')

    // 5. Postcodes from the ONS Postcode Directory, by the command.
    const postcodes = startScratchProcess(scratch.folder, [
      'ace',
      'postcodes:import',
      join(FIXTURES, 'postcodes-isle-of-wight.csv'),
    ])
    assert.equal(await postcodes.exited, 0, postcodes.output())

    // 6. A second organisation shares the install, with its own admin.
    await page.goto(`${SITE}/staff/settings/organisations`)
    await page.getByRole('button', { name: 'Create an organisation' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Isle of Wight Fire and Rescue')
    await page.getByLabel('Fire and rescue service').check()
    await page
      .getByLabel('Email address of its first admin (optional)')
      .fill('fiona@fire.example.org')
    await page.getByRole('button', { name: 'Create organisation' }).click()
    await page.assertTextContains(
      '.govuk-notification-banner',
      'Isle of Wight Fire and Rescue has been created'
    )
    await page.getByRole('button', { name: /Sign out/ }).click()

    // 7. A resident signs up through the council's link by postcode, for the council only, and confirms.
    await page.goto(`${SITE}/sign-up?organisation=isle-of-wight-council`)
    await page.getByLabel('What is your postcode?').fill('po30 1zz')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Your name').fill('Rosa Resident')
    await page.getByLabel('Email address').fill('rosa@example.net')
    await page.getByRole('button', { name: 'Continue' }).click()
    await skipQuestionsInBrowser(page)
    await page.assertTextContains('h1', 'Who may send you alerts?')
    await page.assertChecked(page.getByLabel('Isle of Wight Council'))
    await page.assertNotChecked(page.getByLabel('Isle of Wight Fire and Rescue'))
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.assertTextContains('h1', 'Check your email')
    const confirmation = await smtpSink.waitForMail('rosa@example.net')
    await page.goto(linkIn(confirmation.text, /http:\/\/\S+\/confirm\/\S+/))
    await page.getByRole('button', { name: 'Confirm my alerts' }).click()
    await page.assertTextContains('h1', 'Your alerts are on')

    // 8. The fire service's admin joins; the council's resident and alerts are not theirs to see.
    const invitation = await smtpSink.waitForMail('fiona@fire.example.org')
    await page.goto(linkIn(invitation.text, /http:\/\/\S+\/staff\/invitations\/[\w-]+/))
    await page.getByLabel('Your name').fill('Fiona Fire')
    await page.getByLabel('Choose a password').fill(PASSWORD)
    await page.getByLabel('Type the password again').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    const fireApp = await enrolTwoFactor(page)
    await page.goto(`${SITE}/staff/residents`)
    await page.assertTextContains('main', 'No residents')
    await page.getByRole('button', { name: 'Sign out Fiona Fire' }).click()

    // 9. The council's admin sends an alert to the resident's ward; it arrives once.
    await signInAgain(page, 'ada@iow.example.org', adminApp)
    await page.getByRole('link', { name: 'New alert', exact: true }).first().click()
    await page.getByLabel('Title').fill('Road closed in Newport')
    await page
      .getByLabel('Alert text')
      .fill('The High Street is closed until 6pm. Use Church Litten.')
    await page.getByText('Wards in Isle of Wight').click()
    await page.getByLabel('Newport Central', { exact: true }).check()
    await page.assertTextContains('#audience-count', 'This alert would reach 1 resident by email.')
    await page.getByRole('button', { name: 'Continue' }).click()
    // The first organisation asks first outside office hours (08:00–18:00, weekdays, UK time),
    // as every new one does: when the test runs then, the sender confirms.
    const outOfHours = page.getByLabel(/I have read the warnings? and want to send it now/)
    if ((await page.locator('#send-warnings [data-warning="office_hours"]').count()) > 0) {
      await outOfHours.check()
    }
    await page.getByRole('button', { name: 'Send alert' }).click()
    await page.assertTextContains('#alert-status', 'sent')

    const alert = await smtpSink.waitForMail('rosa@example.net', (mail) =>
      mail.subject.includes('Road closed in Newport')
    )
    assert.include(alert.text, 'Dear Rosa Resident')
    assert.include(alert.text, 'Use Church Litten.')
    const copies = smtpSink
      .mailTo('rosa@example.net')
      .filter((mail) => mail.subject.includes('Road closed in Newport'))
    assert.lengthOf(copies, 1, 'the resident got the alert more than once')

    // Side by side: the fire service sees neither the council's alert nor its staff.
    await page.getByRole('button', { name: 'Sign out Ada Admin' }).click()
    await signInAgain(page, 'fiona@fire.example.org', fireApp)
    await page.goto(`${SITE}/staff`)
    await page.assertTextContains('.govuk-service-navigation', 'Isle of Wight Fire and Rescue')
    assert.notInclude(await page.locator('main').innerText(), 'Road closed in Newport')
    await page.goto(`${SITE}/staff/team`)
    await page.assertTextContains('main', 'fiona@fire.example.org')
    assert.notInclude(await page.locator('main').innerText(), 'ada@iow.example.org')
  }).timeout(300_000)
})
