import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Resident from '#models/residents/resident'
import ResidentToken from '#models/residents/resident_token'
import ResidentTokens from '#services/residents/registration/resident_tokens'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, seedAreas, uniqueEmail } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function pendingResident() {
  await seedAreas()
  const organisation = await createOrganisation()
  const resident = await Resident.create({
    name: 'Ada',
    email: uniqueEmail(),
    status: 'pending',
    source: 'web',
    language: 'en',
    priorityThreshold: 1,
  })
  // As the sign-up leaves it: the organisation the resident ticked, granted on confirmation.
  await db.table('requested_consents').insert({
    resident_id: resident.id,
    organisation_id: organisation.id,
    created_at: sqlTime(),
  })
  const secret = await ResidentTokens.issue(resident.id, 'confirm_email', 48)
  return { resident, secret, organisation }
}

test.group('Confirmation link', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('opening the link does not confirm; the button does, and grants consent', async ({
    assert,
  }) => {
    const { resident, secret, organisation } = await pendingResident()
    const browser = new BrowserLikeSession()
    const page = await browser.get(`/confirm/${secret}`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Confirm my alerts')
    await resident.refresh()
    assert.equal(resident.status, 'pending')

    const confirmed = await browser.post(`/confirm/${secret}`)
    assert.equal(confirmed.status, 200)
    assert.include(confirmed.text, 'Your alerts are on')
    await resident.refresh()
    assert.equal(resident.status, 'active')
    assert.isNotNull(resident.confirmedAt)
    const consents = await db
      .from('consents')
      .where('resident_id', resident.id)
      .whereNull('withdrawn_at')
    assert.lengthOf(consents, 1)
    assert.equal(Number(consents[0].organisation_id), organisation.id)
    assert.lengthOf(await db.from('requested_consents').where('resident_id', resident.id), 0)
  })

  test('a forged link says it is not valid and confirms nobody', async ({ assert }) => {
    const { resident } = await pendingResident()
    const browser = new BrowserLikeSession()
    for (const forged of ['not-a-real-token-at-all-123456', 'x', 'a'.repeat(43)]) {
      const page = await browser.get(`/confirm/${forged}`)
      assert.equal(page.status, 404)
      assert.include(page.text, 'This link is not valid')
      const posted = await browser.post(`/confirm/${forged}`)
      assert.equal(posted.status, 404)
    }
    await resident.refresh()
    assert.equal(resident.status, 'pending')
  })

  test('an expired link says so and offers a new sign-up', async ({ assert }) => {
    const { resident, secret } = await pendingResident()
    const browser = new BrowserLikeSession()
    await browser.get(`/confirm/${secret}`)
    await ResidentToken.query()
      .where('resident_id', resident.id)
      .update({ expires_at: sqlTime(DateTime.now().minus({ minutes: 1 })) })

    const response = await browser.post(`/confirm/${secret}`)
    assert.equal(response.status, 410)
    assert.include(response.text, 'This link has expired')
    assert.include(response.text, 'Sign up again')
    await resident.refresh()
    assert.equal(resident.status, 'pending')
  })

  test('a reused link says it has already been used', async ({ assert }) => {
    const { secret } = await pendingResident()
    const browser = new BrowserLikeSession()
    await browser.get(`/confirm/${secret}`)
    await browser.post(`/confirm/${secret}`)

    const again = await browser.get(`/confirm/${secret}`)
    assert.equal(again.status, 410)
    assert.include(again.text, 'This link has already been used')
    const postedAgain = await browser.post(`/confirm/${secret}`)
    assert.include(postedAgain.text, 'This link has already been used')
  })

  test('a sign-up that asked for no organisation is confirmed, granted none, and asked to choose', async ({
    assert,
  }) => {
    // As the upgrade leaves a sign-up made before residents chose, on an install with several organisations.
    const { resident, secret } = await pendingResident()
    await db.from('requested_consents').where('resident_id', resident.id).delete()
    await createOrganisation('Northshire Fire')
    const browser = new BrowserLikeSession()
    await browser.get(`/confirm/${secret}`)
    const confirmed = await browser.post(`/confirm/${secret}`)
    assert.equal(confirmed.status, 200)
    assert.include(confirmed.text, 'Your email address is confirmed')
    assert.include(confirmed.text, 'Choose which organisations may send you alerts')
    assert.include(confirmed.text, 'href="/my-alerts/organisations"')
    assert.notInclude(confirmed.text, 'Your alerts are on')
    await resident.refresh()
    assert.equal(resident.status, 'active')
    assert.lengthOf(await db.from('consents').where('resident_id', resident.id), 0)
  })
})
