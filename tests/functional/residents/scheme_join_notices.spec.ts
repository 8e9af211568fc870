import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { MAIL_QUEUE } from '#services/platform/infrastructure/transactional_mail'
import { redisKey } from '#services/platform/infrastructure/redis_keys'
import type Area from '#models/areas/area'
import {
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import { createScheme } from '#tests/helpers/resident_fixtures'
import { coordinate } from '#tests/helpers/coordination_fixtures'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import { skipOptionalQuestions } from '#tests/helpers/sign_up_fixtures'
import { queueFinished } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const path = (page: { url: string }) => new URL(page.url).pathname

/** The notices sent to a member of staff: one per scheme and day at most. */
const noticesTo = (address: string) =>
  smtpSink.mailTo(address).filter((mail) => mail.subject.startsWith('A resident asks to join'))

/** Ids start again after each test: the day's marks of an earlier test must not hold this one's. */
async function forgetNoticeMarks() {
  const keys = await redis.keys(redisKey('scheme-request-notice', '*'))
  if (keys.length) await redis.del(...keys)
}

/** Signs up through the web journey, ticking the scheme, and returns the confirmation link's path. */
async function signUpTicking(ward: Area, schemeId: number, name: string) {
  const email = uniqueEmail()
  const browser = new BrowserLikeSession()
  await browser.submit('/sign-up/ward', { wardId: ward.id })
  let page = await browser.submit('/sign-up/contact', { name, email })
  while (path(page) !== '/sign-up/schemes') {
    page = await browser.submit(path(page), { skip: '1' })
  }
  page = await skipOptionalQuestions(
    browser,
    await browser.submit('/sign-up/schemes', { 'schemeIds[]': String(schemeId) })
  )
  if (path(page) !== '/sign-up/check') throw new Error(`Expected the check page, got ${path(page)}`)
  await browser.post('/sign-up')
  const mail = await smtpSink.waitForMail(email, (m) => m.subject === 'Confirm your local alerts')
  const link = /\/confirm\/[A-Za-z0-9_-]{40,}/.exec(mail.text)![0]
  return { browser, email, link }
}

test.group('Join requests reach the people who decide them', (group) => {
  group.each.setup(async () => {
    await forgetNoticeMarks()
    return emptyTablesAfterwards()
  })

  test('a scheme ticked at sign-up waits for the resident to confirm, then its coordinator is emailed once that day', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const home = await createOrganisation('Home Police')
    const elm = await createScheme('Elm Road Watch', 'neighbourhood_watch', central)
    const coordinator = await createStaff(home, 'coordinator', 'coordinator@home.test')
    const admin = await createStaff(home, 'admin', 'admin@home.test')
    await coordinate(coordinator, home, [elm])
    const staff = await signInStaff(coordinator)

    const ada = await signUpTicking(central, elm.id, 'Ada Applicant')
    const requests = await db.from('scheme_join_requests').select('scheme_id', 'status')
    assert.deepEqual(
      requests.map((row) => [Number(row.scheme_id), row.status]),
      [[elm.id, 'pending']]
    )
    assert.lengthOf(await db.from('scheme_members'), 0)
    // Not confirmed yet: the coordinator neither sees the request nor hears of it.
    await queueFinished(MAIL_QUEUE)
    assert.lengthOf(noticesTo(coordinator.email), 0)
    assert.include((await staff.get('/staff/scheme-requests')).text, 'No requests are waiting')

    await ada.browser.submit(ada.link, {})
    const notice = await smtpSink.waitForMail(coordinator.email, (mail) =>
      mail.subject.startsWith('A resident asks to join')
    )
    assert.equal(notice.subject, 'A resident asks to join Elm Road Watch')
    assert.include(notice.text, '/staff/scheme-requests')
    assert.include((await staff.get('/staff/scheme-requests')).text, 'Ada Applicant')

    // A second sign-up the same day waits on the list without another email.
    const bea = await signUpTicking(central, elm.id, 'Bea Applicant')
    await bea.browser.submit(bea.link, {})
    await queueFinished(MAIL_QUEUE)
    assert.include((await staff.get('/staff/scheme-requests')).text, 'Bea Applicant')
    assert.lengthOf(noticesTo(coordinator.email), 1)
    // The scheme has a coordinator: its admins are not told.
    assert.lengthOf(noticesTo(admin.email), 0)
  })

  test("where no coordinator looks after a scheme, the organisation's admins are told, once per scheme and day", async ({
    assert,
  }) => {
    const { central, skirbeck } = await seedAreas()
    const home = await createOrganisation('Home Police')
    const other = await createOrganisation('Other Fire')
    const elm = await createScheme('Elm Road Watch', 'neighbourhood_watch', central)
    const oak = await createScheme('Oak Lane Farm Watch', 'farm_watch', skirbeck)
    const admin = await createStaff(home, 'admin', 'admin@home.test')
    const otherAdmin = await createStaff(other, 'admin', 'admin@other.test')
    const rita = await createResident(central, [home], {
      name: 'Rita',
      email: 'rita@resident.test',
    })
    const sam = await createResident(central, [home], { name: 'Sam', email: 'sam@resident.test' })

    const ask = async (resident: typeof rita, schemeId: number) => {
      const pages = await signedInAs(resident)
      await pages.submit(
        '/my-alerts/schemes/near',
        {},
        {
          action: `/my-alerts/schemes/${schemeId}/ask`,
        }
      )
    }
    await ask(rita, elm.id)
    await smtpSink.waitForMail(
      admin.email,
      (mail) => mail.subject === 'A resident asks to join Elm Road Watch'
    )
    await ask(sam, elm.id)
    await ask(sam, oak.id)
    await smtpSink.waitForMail(
      admin.email,
      (mail) => mail.subject === 'A resident asks to join Oak Lane Farm Watch'
    )
    await queueFinished(MAIL_QUEUE)
    assert.sameMembers(
      noticesTo(admin.email).map((mail) => mail.subject),
      ['A resident asks to join Elm Road Watch', 'A resident asks to join Oak Lane Farm Watch']
    )
    // Neither resident gets alerts from Other Fire: its admins decide nothing here.
    assert.lengthOf(noticesTo(otherAdmin.email), 0)
  })
})
