import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Organisation from '#models/platform/organisation'
import type Resident from '#models/residents/resident'
import { AlertFaultRun } from '#tests/helpers/alert_fault_run'
import { findChannelKits, type ChannelKit } from '#tests/helpers/channel_kit'
import { emailChannelKit } from '#tests/helpers/email_channel_kit'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { emptyQueues } from '#tests/helpers/queues'
import { eventually } from '#tests/helpers/eventually'

/*
| Issue 14: an alert by every channel at once (email, and each channel plugin
| present, through its kit: plugins/<id>/tests/helpers/channel_kit.ts) reaches
| each resident once on each channel they chose, and on no other, though the
| worker sending it is killed mid-send. Each fake provider accepts a few
| messages and holds the rest unanswered; once the ledger has recorded what
| was accepted, the worker is killed (so nothing is in flight: no duplicate is
| allowed), and a new one finishes the send. Copies are counted per
| (recipient address, alert) at each fake.
*/

// Every combination of up to five channels at least once.
const RESIDENTS = 32

/** Resident `index` chooses the channel at `position`: the bits of the index, so every combination occurs. */
function chooses(index: number, position: number) {
  return ((index >> position) & 1) === 1
}

/** A resident who does not want a channel: no email address at all, or the channel switched off. */
async function turnOff(resident: Resident, channel: string, index: number) {
  if (channel === 'email' && index % 4 === 0) {
    await resident.merge({ email: null, emailVerifiedAt: null }).save()
    return
  }
  await db.table('channel_preferences').insert({
    resident_id: resident.id,
    channel,
    enabled: false,
    emergency_override: false,
    updated_at: DateTime.utc().toSQL(),
  })
}

async function sentInLedger(alertId: number, channel: string) {
  const [row] = await db
    .from('deliveries')
    .where({ alert_id: alertId, channel, status: 'sent' })
    .count('* as total')
  return Number(row.total)
}

test.group('Delivery under faults, on every channel', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => emptyQueues())

  test('a mixed alert reaches each resident exactly once on each channel they chose, and on no other, with a worker killed mid-send', async ({
    assert,
    cleanup,
  }) => {
    const kits: ChannelKit[] = [emailChannelKit(), ...(await findChannelKits())]
    let run: AlertFaultRun | null = null
    cleanup(async () => {
      // The workers first: nothing is sent while the plugins are switched off again.
      await run?.stop()
      for (const kit of kits) await kit.stop()
    })
    for (const kit of kits) await kit.start()
    run = new AlertFaultRun(
      'Water off in Central',
      Object.assign({}, ...kits.map((kit) => kit.workerEnvironment()))
    )
    await run.start(RESIDENTS)
    const organisation = await Organisation.findOrFail(run.alert.organisationId)
    for (const kit of kits) await kit.enable(organisation)

    const expected = new Map(kits.map((kit) => [kit.channel, new Set<string>()]))
    for (const [index, resident] of run.residents.entries()) {
      for (const [position, kit] of kits.entries()) {
        if (chooses(index, position)) {
          expected.get(kit.channel)!.add(await kit.reach(resident, index))
        } else {
          await turnOff(resident, kit.channel, index)
        }
      }
    }

    // Each provider takes a few of its messages, then holds the rest unanswered.
    for (const kit of kits) {
      const count = expected.get(kit.channel)!.size
      assert.isAtLeast(count, 2, `${kit.channel}: too few residents to kill its send half way`)
      kit.gate.holdAfter(Math.min(4, Math.floor(count / 2)))
    }
    const worker = run.startWorker()
    await run.dispatch()
    // Each provider has taken its few and holds the rest, and the ledger already has what it took:
    // each acceptance is recorded as it arrives, not once its batch is done. (A batch waits for its
    // held messages until the worker gives up on them, so then this never comes true.)
    const settled = new Set<string>()
    const gaveUp: string[] = []
    await eventually(async () => {
      for (const kit of kits.filter(({ channel }) => !settled.has(channel))) {
        if (!kit.gate.shut) continue
        const recorded = await sentInLedger(run!.alert.id, kit.channel)
        // Looked at after the ledger: the acceptances were written while every held message was still awaited.
        const abandoned = kit.gate.held - kit.gate.heldWithSender
        if (abandoned > 0) {
          gaveUp.push(`${kit.channel}: ${recorded} of the ${kit.gate.passed} accepted recorded`)
          settled.add(kit.channel)
        } else if (recorded === kit.gate.passed) {
          settled.add(kit.channel)
        }
      }
      const waiting = kits.filter(({ channel }) => !settled.has(channel))
      if (waiting.length) {
        const still = waiting.map((kit) => `${kit.channel} (${kit.gate.passed} taken)`).join(', ')
        throw new Error(`Not yet taken and recorded: ${still}\n${worker.output().slice(-3000)}`)
      }
    }, 60_000)
    assert.deepEqual(gaveUp, [], 'acceptances recorded while the rest of their batch was held')

    worker.child.kill('SIGKILL')
    await worker.exited
    // The held messages' connections close with the worker: they are dropped, never accepted.
    await eventually(async () => {
      const waiting = kits.filter((kit) => kit.gate.heldWithSender > 0)
      if (waiting.length)
        throw new Error(`Held for a live sender: ${waiting.map((k) => k.channel)}`)
    })
    const acceptedAtKill = new Map(kits.map((kit) => [kit.channel, kit.gate.passed]))
    for (const kit of kits) kit.gate.release()

    run.startWorker()
    await run.finished()

    for (const kit of kits) {
      const wanted = expected.get(kit.channel)!
      const copies = await kit.received(run.alert)
      const lost = [...wanted].filter((address) => !copies.has(address))
      const unwanted = [...copies.keys()].filter((address) => !wanted.has(address))
      const duplicated = [...copies.values()].reduce((sum, count) => sum + count - 1, 0)
      console.log(
        `    ${kit.channel}: ${wanted.size} chose it, ${acceptedAtKill.get(kit.channel)} accepted before the kill, ` +
          `lost ${lost.length}, duplicated ${duplicated}, to others ${unwanted.length}`
      )
      const accepted = acceptedAtKill.get(kit.channel)!
      assert.isAbove(accepted, 0, `${kit.channel}: the kill came after some were accepted`)
      assert.isBelow(accepted, wanted.size, `${kit.channel}: and before all were`)
      assert.deepEqual(lost, [], `${kit.channel}: nobody who chose it missed it`)
      assert.deepEqual(unwanted, [], `${kit.channel}: nobody who did not choose it got it`)
      assert.equal(duplicated, 0, `${kit.channel}: nobody got it twice`)
      assert.equal(await sentInLedger(run.alert.id, kit.channel), wanted.size)
    }
  }).timeout(240_000)
})
