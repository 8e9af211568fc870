import { test } from '@japa/runner'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import Resident from '#models/residents/resident'
import AlertLinks from '#services/messaging/alert_links'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import { BrowserLikeSession } from '#tests/helpers/http'
import { countRows, createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

function formAction(html: string) {
  return html.match(/<form method="POST" action="([^"]+)"/)![1].replaceAll('&amp;', '&')
}

test.group('Unsubscribe links', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the page stops every alert without showing whose address the link is for', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const resident = await createResident(central, [await createOrganisation()])
    const browser = new BrowserLikeSession()

    // Anyone holding a forwarded alert can open the link: it must not tell them the address.
    const page = await browser.get(AlertLinks.unsubscribePage(resident.id))
    assert.equal(page.status, 200)
    assert.include(page.text, 'Stop all alerts')
    assert.include(page.text, 'You will stop getting all alerts.')
    assert.notInclude(page.text, resident.email!)
    assert.notInclude(page.text, resident.email!.split('@')[0])

    const done = await browser.post(formAction(page.text))
    assert.include(done.text, 'You have unsubscribed')
    assert.notInclude(done.text, resident.email!)
    await resident.refresh()
    assert.equal(resident.status, 'unsubscribed')
  })

  test('an erased resident’s old links do nothing and bring nothing back', async ({ assert }) => {
    const { central } = await seedAreas()
    const resident = await createResident(central, [await createOrganisation()])
    const page = AlertLinks.unsubscribePage(resident.id)
    const oneClick = AlertLinks.oneClickUnsubscribe(resident.id)
    await ResidentErasure.erase(resident.id)
    const residentsBefore = await countRows('residents')

    const browser = new BrowserLikeSession()
    const opened = await browser.get(page)
    assert.equal(opened.status, 404)
    assert.include(opened.text, 'This link is not valid')

    const posted = await fetch(oneClick, { method: 'POST', body: 'List-Unsubscribe=One-Click' })
    assert.equal(posted.status, 404)
    assert.equal(await posted.text(), 'This unsubscribe link is not valid.')

    // The form's own signed address, posted with a valid CSRF token from another page.
    await browser.get('/sign-up')
    const submitted = await browser.post(signedUrlFor('unsubscribe.store', { id: resident.id }))
    assert.equal(submitted.status, 404)
    assert.include(submitted.text, 'This link is not valid')

    const erased = await Resident.findOrFail(resident.id)
    assert.equal(erased.status, 'erased')
    assert.isNull(erased.unsubscribedAt)
    assert.equal(await countRows('residents'), residentsBefore)
  })
})
