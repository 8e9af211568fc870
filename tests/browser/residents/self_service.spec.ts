import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import type { Page } from 'playwright'
import ChannelPreference from '#models/residents/channel_preference'
import Resident from '#models/residents/resident'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import {
  alertTo,
  magicLinkSecret,
  residentOf,
  seedSelfService,
  type SelfServiceWorld,
} from '#tests/helpers/self_service_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const LINK_SUBJECT = 'Your link to manage your alerts'

function firstLink(text: string, pattern: RegExp) {
  const match = text.match(pattern)
  if (!match) throw new Error(`No link matching ${pattern} in:\n${text}`)
  return match[0]
}

/** Asks for a link on the page, then opens it from the email and presses the button. */
async function signInFromEmail(page: Page, email: string, checkAccessibility = false) {
  const earlier = smtpSink.mailTo(email)
  await page.goto('/my-alerts')
  if (checkAccessibility) await assertAccessible(page)
  await page.getByLabel('Email address').fill(email)
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await page.getByRole('heading', { name: 'Check your email' }).waitFor()
  if (checkAccessibility) await assertAccessible(page)

  const mail = await smtpSink.waitForMail(
    email,
    (received) => received.subject === LINK_SUBJECT && !earlier.includes(received)
  )
  await page.goto(firstLink(mail.text, /http:\/\/\S+\/my-alerts\/sign-in\/[\w-]+/))
  await page.getByRole('heading', { name: 'Sign in to manage your alerts' }).waitFor()
  if (checkAccessibility) await assertAccessible(page)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Manage your alerts' }).waitFor()
  await page.getByText(`Signed in as ${email}`).waitFor()
}

async function world(): Promise<SelfServiceWorld> {
  return seedSelfService()
}

test.group('Self-service: managing alerts in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident signs in from the emailed link and changes what they get', async ({
    visit,
    assert,
  }) => {
    const place = await world()
    const resident = await residentOf(place)
    await alertTo(resident, place.opcc, 'Sheds broken into on Main Road')
    const page = await visit('/')
    await signInFromEmail(page, resident.email!, true)
    await assertAccessible(page)

    // The lowest priority, explained in words.
    await page.getByRole('link', { name: 'Change lowest priority' }).click()
    await page.getByText('Only emergencies, where lives or homes are at risk.').waitFor()
    await assertAccessible(page)
    await page.getByLabel('3 – Warning').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('You will get alerts with priority 3 – Warning and above.').waitFor()
    await page.locator('#summary-priority', { hasText: '3 – Warning' }).waitFor()

    // A quiet time: a wrong time is explained beside the field first.
    await page.getByRole('link', { name: 'Change alerts by email' }).click()
    await assertAccessible(page)
    await page.getByLabel('From', { exact: true }).fill('25:00')
    await page.getByLabel('To', { exact: true }).fill('08:00')
    await page.getByRole('button', { name: 'Save' }).click()
    await page
      .locator('.govuk-error-summary')
      .getByText('Enter the start time on the 24-hour clock, like 21:00')
      .waitFor()
    await page.locator('#quietFrom-error').waitFor()
    await assertAccessible(page)
    await page.getByLabel('From', { exact: true }).fill('21:00')
    await page.getByLabel('Send me emergencies during my quiet time').uncheck()
    await page.getByRole('button', { name: 'Save' }).click()
    await page
      .locator('#channels', { hasText: 'Quiet time from 21:00 to 08:00. Not even emergencies' })
      .waitFor()

    // A topic and a language.
    await page.getByRole('link', { name: 'Change topics' }).click()
    await assertAccessible(page)
    await page.getByLabel('Burglary').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.locator('#summary-topics', { hasText: 'Burglary' }).waitFor()

    await page.getByRole('link', { name: 'Change language' }).click()
    await assertAccessible(page)
    await page.getByLabel('Welsh').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.locator('#summary-language', { hasText: 'Welsh' }).waitFor()

    // Still there after a fresh load.
    await page.reload()
    await page.locator('#summary-priority', { hasText: '3 – Warning' }).waitFor()
    await page.locator('#summary-topics', { hasText: 'Burglary' }).waitFor()
    await page.locator('#summary-language', { hasText: 'Welsh' }).waitFor()
    await page.locator('#channels', { hasText: 'Quiet time from 21:00 to 08:00' }).waitFor()
    await resident.refresh()
    assert.equal(resident.priorityThreshold, 3)
    assert.equal(resident.language, 'cy')
    const email = await ChannelPreference.query().where('resident_id', resident.id).firstOrFail()
    assert.deepInclude(email.serialize(), {
      enabled: true,
      quietFrom: '21:00',
      quietTo: '08:00',
      emergencyOverride: false,
    })

    // The other pages, each checked for accessibility.
    // An ordinary scheme is asked for, not ticked: its coordinator decides.
    await page.getByRole('link', { name: 'Change watch schemes' }).click()
    await assertAccessible(page)
    await page
      .getByRole('link', { name: 'Find a watch scheme near you and ask to join it' })
      .click()
    await page.getByRole('button', { name: 'Ask to join Skirbeck Neighbourhood Watch' }).click()
    await page.getByText('You have asked to join Skirbeck Neighbourhood Watch.').waitFor()
    await assertAccessible(page)
    await page.goto('/my-alerts')

    await page.getByRole('link', { name: 'Change organisations that may contact you' }).click()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Back to your alerts' }).click()

    await page.getByRole('link', { name: 'Change answers about you' }).click()
    await page.getByText('used only in aggregate').waitFor()
    await assertAccessible(page)
    await page.getByRole('group', { name: 'What is your age?' }).getByLabel('35 to 44').check()
    await page.getByRole('button', { name: 'Save my answers' }).click()
    await page.locator('#summary-about-you', { hasText: 'Answered' }).waitFor()
    await page.getByRole('link', { name: 'Change answers about you' }).click()
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Delete my answers' }).click()
    await page.locator('#summary-about-you', { hasText: 'Not answered' }).waitFor()

    await page.getByRole('link', { name: 'Alerts you have received' }).click()
    await page.getByText('Sheds broken into on Main Road', { exact: true }).click()
    await page.getByText('Sheds broken into on Main Road: the details.').waitFor()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Back to your alerts' }).click()

    await page.getByRole('link', { name: 'Download your data' }).click()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'delete your account and your data' }).click()
    await page
      .getByRole('heading', { name: 'Are you sure you want to delete your account?' })
      .waitFor()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Cancel' }).click()

    // The session lives only as long as the browser: closing it drops this cookie.
    const cookies = await page.context().cookies()
    assert.equal(cookies.find((cookie) => cookie.name === 'beacon-resident')?.expires, -1)
    await page.context().clearCookies({ name: 'beacon-resident' })
    await page.goto('/my-alerts/account')
    await page.getByRole('button', { name: 'Send me a link' }).waitFor()

    await signInFromEmail(page, resident.email!)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('You have signed out.').waitFor()
    await page.goto('/my-alerts/priority')
    await page.getByRole('button', { name: 'Send me a link' }).waitFor()
  })

  test('stopping all alerts and resuming them each take one click', async ({ visit, assert }) => {
    const resident = await residentOf(await world())
    const page = await visit('/')
    await signInFromEmail(page, resident.email!)

    await page.getByRole('button', { name: 'Stop all alerts' }).click()
    await page.getByText('You have stopped all alerts. You can resume them at any time.').waitFor()
    await page.locator('#alerts-status', { hasText: 'You have stopped all alerts' }).waitFor()
    await assertAccessible(page)
    await resident.refresh()
    assert.equal(resident.status, 'unsubscribed')

    await page.getByRole('button', { name: 'Resume alerts' }).click()
    await page.getByText('Your alerts are on again.').waitFor()
    await page.getByRole('button', { name: 'Stop all alerts' }).waitFor()
    await resident.refresh()
    assert.equal(resident.status, 'active')
  })

  test('a resident downloads everything held about them as JSON', async ({ visit, assert }) => {
    const place = await world()
    const resident = await residentOf(place, { name: 'Ada Lovelace', postcode: 'PE21 1AA' })
    await alertTo(resident, place.fire, 'Smoke alarm check')
    const page = await visit('/')
    await signInFromEmail(page, resident.email!)
    await page.getByRole('link', { name: 'Change topics' }).click()
    await page.getByLabel('Fraud and scams').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.locator('#summary-topics', { hasText: 'Fraud and scams' }).waitFor()

    await page.getByRole('link', { name: 'Download your data' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your data as JSON' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^my-alerts-data-\d{4}-\d{2}-\d{2}\.json$/)
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'))

    assert.deepInclude(data.contactDetails, {
      name: 'Ada Lovelace',
      email: resident.email,
      postcode: 'PE21 1AA',
    })
    assert.equal(data.account.status, 'active')
    assert.sameMembers(
      data.areas.map((area: { name: string }) => area.name),
      ['Boston', 'Central']
    )
    assert.deepEqual(data.preferences, {
      language: 'English',
      lowestPriority: '1 – Information',
      declinesTrackingOfOpens: false,
    })
    assert.deepEqual(data.interests, [{ name: 'Fraud and scams' }])
    assert.sameMembers(
      data.consents.map((consent: { organisation: string }) => consent.organisation),
      ['Lincolnshire OPCC', 'Lincolnshire Fire and Rescue']
    )
    assert.isNull(data.aboutYou)
    assert.lengthOf(data.alertsReceived, 1)
    assert.deepInclude(data.alertsReceived[0], {
      title: 'Smoke alarm check',
      from: 'Lincolnshire Fire and Rescue',
      channel: 'Email',
    })

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your data as a spreadsheet (CSV)' }).click(),
    ])
    const text = await readFile((await csv.path())!, 'utf8')
    assert.include(text, `contactDetails,,email,${resident.email}`)
    assert.include(text, 'alertsReceived,1,title,Smoke alarm check')
  })

  test('a resident deletes their account: the data is gone and no sign-in link comes any more', async ({
    visit,
    assert,
  }) => {
    const place = await world()
    const resident = await residentOf(place, { phone: '+447700900123', postcode: 'PE21 1AA' })
    const neighbour = await residentOf(place)
    const sent = await alertTo(resident, place.opcc, 'Counted in the statistics')
    const email = resident.email!
    const page = await visit('/')
    await signInFromEmail(page, email)

    await page.getByRole('link', { name: 'Delete your account' }).click()
    await page
      .getByRole('heading', { name: 'Are you sure you want to delete your account?' })
      .waitFor()
    await page.getByRole('button', { name: 'Delete my account' }).click()
    await page.getByRole('heading', { name: 'Your account has been deleted' }).waitFor()
    await assertAccessible(page)

    const erased = await Resident.findOrFail(resident.id)
    assert.equal(erased.status, 'erased')
    assert.equal(erased.name, 'Erased')
    assert.isNull(erased.email)
    assert.isNull(erased.phone)
    assert.isNull(erased.postcode)
    assert.lengthOf(await db.from('consents').where('resident_id', resident.id), 0)
    assert.lengthOf(await db.from('resident_areas').where('resident_id', resident.id), 0)
    const delivery = await db.from('deliveries').where('alert_id', sent.id).firstOrFail()
    assert.equal(delivery.status, 'sent')
    assert.isNull(delivery.resident_id)

    // Signed out, and the address is no longer known: the same answer, but no email.
    await page.goto('/my-alerts/account')
    await page.getByRole('button', { name: 'Send me a link' }).waitFor()
    await page.getByLabel('Email address').fill(email)
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await page.getByRole('heading', { name: 'Check your email' }).waitFor()
    // A link asked for afterwards arrives, so the one for the erased address would have too.
    await page.goto('/my-alerts')
    await page.getByLabel('Email address').fill(neighbour.email!)
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await smtpSink.waitForMail(neighbour.email!, (mail) => mail.subject === LINK_SUBJECT)
    assert.lengthOf(
      smtpSink.mailTo(email).filter((mail) => mail.subject === LINK_SUBJECT),
      1,
      'only the link from before the erasure'
    )
    assert.lengthOf(await db.from('resident_tokens').where('resident_id', resident.id), 0)
  })

  test('expired, used and forged links explain themselves and offer a new one', async ({
    visit,
  }) => {
    const resident = await residentOf(await world())
    const page = await visit('/')
    await signInFromEmail(page, resident.email!)
    const mail = await smtpSink.waitForMail(
      resident.email!,
      (received) => received.subject === LINK_SUBJECT
    )
    await page.goto(firstLink(mail.text, /http:\/\/\S+\/my-alerts\/sign-in\/[\w-]+/))
    await page.getByRole('heading', { name: 'This link has already been used' }).waitFor()
    await assertAccessible(page)

    const expired = await magicLinkSecret(resident)
    await db
      .from('resident_tokens')
      .where('resident_id', resident.id)
      .whereNull('used_at')
      .update({ expires_at: sqlTime(DateTime.now().minus({ minutes: 1 })) })
    await page.goto(`/my-alerts/sign-in/${expired}`)
    await page.getByRole('heading', { name: 'This link has expired' }).waitFor()
    await assertAccessible(page)

    await page.goto('/my-alerts/sign-in/forged-and-not-a-real-link-at-all')
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Get a new link' }).click()
    await page.getByRole('heading', { name: 'Manage your alerts' }).waitFor()
  })
})
