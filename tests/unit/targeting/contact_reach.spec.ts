import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import AudienceIndex from '#services/targeting/audience_index'
import AudienceQuery, { type AudienceScope } from '#services/targeting/audience_query'
import channelRegistry from '#services/platform/plugins/channel_registry'
import ResidentContacts from '#services/residents/contacts/resident_contacts'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { contactOnlyChannel } from '#tests/helpers/contact_channels'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/**
 * A browser-push channel as a plugin would bring it: its contact is a push
 * subscription, one per browser, kept in resident_contacts. Offered (its
 * plugin enabled) for the length of each test.
 */
const browserPush = contactOnlyChannel('browser_push', 'push_subscription')
const telegraph = contactOnlyChannel('telegraph', 'telegraph_office')

test.group('Reachability by a channel’s contact', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    await AudienceIndex.forget()
    return emptyTablesAfterwards()
  })
  group.each.setup(() => {
    let offered = true
    channelRegistry.register(browserPush, () => offered)
    channelRegistry.register(telegraph, () => offered)
    return () => {
      offered = false
      channelRegistry.unregister(browserPush.id)
      channelRegistry.unregister(telegraph.id)
    }
  })

  /** Five residents; two of them can get push alerts. */
  async function seedBrowsers() {
    const { central } = await seedAreas()
    const opcc = await createOrganisation()
    const twoBrowsers = await createResident(central, [opcc])
    const phoneOnly = await createResident(central, [opcc], { email: null, phone: '+447700900300' })
    const goneBrowser = await createResident(central, [opcc])
    const switchedOff = await createResident(central, [opcc])
    await createResident(central, [opcc])

    await ResidentContacts.add({
      residentId: twoBrowsers.id,
      kind: 'push_subscription',
      value: 'https://push.example/a',
      label: 'Firefox',
    })
    await ResidentContacts.add({
      residentId: twoBrowsers.id,
      kind: 'push_subscription',
      value: 'https://push.example/b',
      label: 'Phone',
    })
    await ResidentContacts.add({
      residentId: phoneOnly.id,
      kind: 'push_subscription',
      value: 'https://push.example/c',
    })
    const gone = await ResidentContacts.add({
      residentId: goneBrowser.id,
      kind: 'push_subscription',
      value: 'https://push.example/d',
    })
    await ResidentContacts.markInvalid(gone.id)
    await ResidentContacts.add({
      residentId: switchedOff.id,
      kind: 'push_subscription',
      value: 'https://push.example/e',
    })
    await db.table('channel_preferences').insert({
      resident_id: switchedOff.id,
      channel: 'browser_push',
      enabled: false,
      emergency_override: true,
      updated_at: sqlTime(),
    })
    // A contact of a kind only another plugin knows reaches nobody by push.
    await ResidentContacts.add({
      residentId: goneBrowser.id,
      kind: 'telegraph_office',
      value: 'Boston GPO',
      personal: false,
    })
    const scope: AudienceScope = {
      organisationId: opcc.id,
      priority: 3,
      criteria: { areaIds: [central.id] },
    }
    return { scope, twoBrowsers, phoneOnly, goneBrowser, central, opcc }
  }

  test('SQL and the index count residents with a working push subscription who kept the channel on', async ({
    assert,
  }) => {
    const { scope } = await seedBrowsers()
    const channels = ['email', 'browser_push', 'telegraph']
    const expected = { total: 5, byChannel: { email: 4, browser_push: 2, telegraph: 1 } }
    assert.deepEqual(await AudienceQuery.countByChannel(scope, channels), expected)
    assert.deepEqual(await AudienceIndex.countByChannel(scope, channels), expected)

    const pushOnly = { ...scope, criteria: { ...scope.criteria, channels: ['browser_push'] } }
    assert.equal(await AudienceQuery.count(pushOnly), 2)
    assert.equal((await AudienceIndex.countByChannel(pushOnly, []))?.total, 2)
  })

  test('a contact that stops working, comes back or is removed changes both counts at once', async ({
    assert,
  }) => {
    const { scope, twoBrowsers, goneBrowser } = await seedBrowsers()
    const counts = async () => {
      const fromSql = await AudienceQuery.countByChannel(scope, ['browser_push'])
      assert.deepEqual(await AudienceIndex.countByChannel(scope, ['browser_push']), fromSql)
      return fromSql.byChannel.browser_push
    }
    assert.equal(await counts(), 2)

    const [first, second] = await ResidentContacts.list(twoBrowsers.id)
    await ResidentContacts.markInvalid(first.id)
    assert.equal(await counts(), 2, 'one browser still works')
    await ResidentContacts.remove(second.id)
    assert.equal(await counts(), 1)
    // The same browser subscribing again works again.
    await ResidentContacts.add({
      residentId: goneBrowser.id,
      kind: 'push_subscription',
      value: 'https://push.example/d',
    })
    assert.equal(await counts(), 2)
  })

  test('a send picks exactly the residents counted for the channel', async ({ assert }) => {
    const { scope, twoBrowsers, phoneOnly, central, opcc } = await seedBrowsers()
    const alert = await Alert.create({
      organisationId: opcc.id,
      title: 'Push only',
      body: 'Body',
      priority: 3,
      status: 'sending',
      criteria: { areaIds: [central.id], channels: ['browser_push'] },
    })
    await AlertDispatcher.dispatch(alert.id)
    const picked = await db
      .from('deliveries')
      .where('alert_id', alert.id)
      .orderBy('resident_id')
      .select('resident_id', 'channel')
    assert.deepEqual(
      picked.map((row) => [Number(row.resident_id), row.channel]),
      [
        [twoBrowsers.id, 'browser_push'],
        [phoneOnly.id, 'browser_push'],
      ]
    )
    const counted = await AudienceQuery.countByChannel(scope, ['browser_push'])
    assert.equal(counted.byChannel.browser_push, picked.length)
  })
})
