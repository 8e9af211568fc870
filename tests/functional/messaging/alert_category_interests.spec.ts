import { test } from '@japa/runner'
import Alert from '#models/messaging/alert'
import Interest from '#models/residents/interest'
import AuditLog from '#models/platform/audit_log'
import {
  ALERT_CATEGORIES,
  ALERT_CATEGORY_SLUGS,
  categoryInterest,
} from '#services/messaging/alert_categories'
import {
  DEFAULT_INTERESTS,
  seedDefaultInterests,
} from '#services/residents/lists/default_interests'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { chooseInterests } from '#tests/helpers/resident_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Which interests the page offers as matching the category (their suggestion is not hidden). */
function suggestedInterests(html: string) {
  return [
    ...html.matchAll(/id="interest-(\d+)-suggested" class="[^"]*" data-category-suggestion\s*>/g),
  ].map(([, id]) => Number(id))
}

test.group('Alert categories and residents’ interests are one list', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('every default interest is the interest of a category, and each category names at most one', async ({
    assert,
  }) => {
    const named = ALERT_CATEGORY_SLUGS.map((slug) => categoryInterest(slug)).filter(Boolean)
    assert.sameMembers(
      named as string[],
      DEFAULT_INTERESTS.map((interest) => interest.slug)
    )
    assert.equal(new Set(named).size, named.length)
    // Categories that are for everyone narrow nobody's audience.
    assert.isNull(categoryInterest('community-news'))
    assert.isNull(categoryInterest('other'))
    assert.isNull(categoryInterest('not-a-category'))
    // The CAP categories the feed already gave keep their values.
    assert.equal(ALERT_CATEGORIES['burglary'].cap, 'Security')
    assert.equal(ALERT_CATEGORIES['missing-person'].cap, 'Rescue')
  })

  test('the composer offers the interest matching the category, and ticks nothing for the sender', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    await seedDefaultInterests()
    const organisation = await createOrganisation()
    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    const burglary = await Interest.findByOrFail('slug', 'burglary')
    const missing = await Interest.findByOrFail('slug', 'missing-people')

    const blank = await browser.get('/staff/alerts/new')
    assert.deepEqual(suggestedInterests(blank.text), [])

    // A mistake re-shows the form with the category chosen: works without JavaScript.
    const again = await browser.post('/staff/alerts', {
      'title': '',
      'body': 'Sheds broken into overnight',
      'priority': 3,
      'category': 'burglary',
      'areaIds[]': [central.id],
    })
    assert.include(again.text, 'There is a problem')
    assert.deepEqual(suggestedInterests(again.text), [burglary.id])
    assert.notMatch(again.text, new RegExp(`id="interest-${burglary.id}"[^>]*checked`))

    const missingAgain = await browser.post('/staff/alerts', {
      'title': '',
      'body': 'Have you seen this man?',
      'priority': 4,
      'category': 'missing-person',
      'areaIds[]': [central.id],
    })
    assert.deepEqual(suggestedInterests(missingAgain.text), [missing.id])
  })

  test('an alert about burglary, targeted by interest, reaches the residents interested in burglary', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    await seedDefaultInterests()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const burglary = await Interest.findByOrFail('slug', categoryInterest('burglary')!)
    const scams = await Interest.findByOrFail('slug', categoryInterest('fraud-and-scams')!)
    const interested = await createResident(central, [organisation])
    const other = await createResident(central, [organisation])
    await chooseInterests(interested, [burglary])
    await chooseInterests(other, [scams])

    const browser = await signInStaff(sender)
    await browser.submit(
      '/staff/alerts/new',
      {
        'title': 'Sheds broken into',
        'body': 'Lock your shed tonight.',
        'priority': 3,
        'category': 'burglary',
        'areaIds[]': [central.id],
        'interestIds[]': [burglary.id],
      },
      { action: '/staff/alerts' }
    )
    const alert = await Alert.findByOrFail('title', 'Sheds broken into')
    assert.equal(alert.category, 'burglary')
    const page = await browser.post(`/staff/alerts/${alert.id}/send`)
    assert.include(page.text, 'Sending has started.')

    await smtpSink.waitForMail(interested.email!, (mail) =>
      mail.subject.includes('Sheds broken into')
    )
    await sendsFinished('email')
    assert.lengthOf(smtpSink.mailTo(other.email!), 0)
    const sent = await AuditLog.query().where('action', 'alert.sent').firstOrFail()
    assert.deepEqual(sent.details, { audience: 1 })
  })
})
