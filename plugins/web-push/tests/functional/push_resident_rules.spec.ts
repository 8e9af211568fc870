import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import { pushTransport } from '../../src/push_transport.js'
import { LocalPushService, TestSubscription, localCertificate } from '../helpers/push_service.js'
import { enablePush } from '../helpers/push_setup.js'

/** UK wall-clock time an hour before and after now: a quiet time the test is inside. */
function quietAroundNow() {
  const at = (offsetHours: number) =>
    new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Europe/London',
    }).format(new Date(Date.now() + offsetHours * 3600_000))
  return { quietFrom: at(-1), quietTo: at(1) }
}

test.group('Browser push obeys the resident’s rules as email does', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    pushTransport.trust(localCertificate().cert)
    return emptyTablesAfterwards()
  })
  group.each.teardown(() => pushTransport.trust(null))

  test('priority threshold, the push channel’s own quiet time and the emergency override; one delivery per channel', async ({
    assert,
    cleanup,
  }) => {
    const service = await new LocalPushService().start()
    cleanup(() => service.stop())
    const world = await seedSelfService()
    cleanup(await enablePush(world))

    // Each resident in one browser, choosing on their own pages as they would.
    const quiet = quietAroundNow()
    const people = {
      overridden: await residentOf(world),
      emergenciesOnly: await residentOf(world),
      neverDisturbed: await residentOf(world),
    }
    const browsers = new Map<number, TestSubscription>()
    for (const [name, resident] of Object.entries(people)) {
      const session = await signedInAs(resident)
      await session.get('/my-alerts/account')
      const subscription = new TestSubscription(service, name)
      browsers.set(resident.id, subscription)
      await session.postJson('/my-alerts/plugins/web-push/browsers', subscription.toJSON())
      if (name === 'emergenciesOnly') {
        await session.submit('/my-alerts/priority', { priorityThreshold: 5 })
      } else {
        const saved = await session.submit('/my-alerts/channels/web-push', {
          enabled: 'true',
          ...quiet,
          ...(name === 'overridden' ? { emergencyOverride: 'true' } : {}),
        })
        assert.include(saved.text, 'Your choices for browser notification have been saved.')
      }
    }

    const sender = await signInStaff(await createStaff(world.opcc, 'sender'))
    const send = async (title: string, priority: number) => {
      const review = await sender.submit(
        '/staff/alerts/new',
        { 'title': title, 'body': 'Details.', priority, 'areaIds[]': [world.areas.central.id] },
        { action: '/staff/alerts' }
      )
      const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
      await sender.post(`/staff/alerts/${alertId}/send`)
      return alertId
    }
    const pushedTo = (resident: { id: number }) =>
      service.pushes.filter((push) => push.path === browsers.get(resident.id)!.path).length
    const ledger = async (alertId: number) => {
      const rows = await db
        .from('deliveries')
        .where('alert_id', alertId)
        .select('resident_id', 'channel', 'status')
      return rows.map((row) => `${row.resident_id}:${row.channel}:${row.status}`).sort()
    }

    const urgent = await send('Burst water main', 4)
    await eventually(async () => {
      const rows = await ledger(urgent)
      assert.includeMembers(rows, [
        `${people.overridden.id}:email:sent`,
        `${people.neverDisturbed.id}:email:sent`,
      ])
    })
    const emergency = await send('Evacuate Main Road', 5)
    await eventually(async () => {
      assert.equal(pushedTo(people.overridden), 1)
      assert.equal(pushedTo(people.emergenciesOnly), 1)
      const rows = await ledger(emergency)
      assert.includeMembers(rows, [
        `${people.overridden.id}:web-push:sent`,
        `${people.emergenciesOnly.id}:web-push:sent`,
        `${people.emergenciesOnly.id}:email:sent`,
        `${people.neverDisturbed.id}:email:sent`,
      ])
    })

    const urgentRows = await ledger(urgent)
    const emergencyRows = await ledger(emergency)
    // Quiet time holds push back (email has none); the threshold keeps both channels away.
    assert.notInclude(urgentRows.join(), `${people.overridden.id}:web-push:sent`)
    assert.notInclude(urgentRows.join(), `${people.neverDisturbed.id}:web-push:sent`)
    assert.notInclude(emergencyRows.join(), `${people.neverDisturbed.id}:web-push:sent`)
    assert.isFalse(urgentRows.some((row) => row.startsWith(`${people.emergenciesOnly.id}:`)))
    assert.equal(pushedTo(people.neverDisturbed), 0)
    const topics = service.pushes.map((push) => push.headers['topic'])
    assert.deepEqual([...new Set(topics)], [`alert-${emergency}`])
    // Never two rows for one resident on one channel.
    for (const rows of [urgentRows, emergencyRows]) {
      const keys = rows.map((row) => row.split(':').slice(0, 2).join(':'))
      assert.equal(new Set(keys).size, keys.length)
    }
  })
})
