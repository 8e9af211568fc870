import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { AlertFaultRun } from '#tests/helpers/alert_fault_run'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { emptyQueues } from '#tests/helpers/queues'

/*
| The guarantee (docs/performance.md, "What a fault can cost"): no resident
| misses an alert the mail server could take, whatever fails; a resident gets
| one twice only when a worker dies between the mail server's "accepted" and
| the ledger's record of it, and then no more copies than there were mails in
| flight at that instant. Each test counts (recipient, alert) pairs at the
| sink, since a resent mail keeps its Message-ID, and prints the counts.
*/

const RESIDENTS = 40

test.group('Delivery under faults', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  // A retry left by an earlier test would act on this test's alert of the same id, in this process.
  group.each.setup(() => emptyQueues())

  test('a worker killed between the sink accepting mails and the ledger recording them resends at most those in flight', async ({
    assert,
    cleanup,
  }) => {
    const run = new AlertFaultRun('Sent through a killed worker', { SMTP_MAX_PER_SECOND: '15' })
    cleanup(() => run.stop())
    await run.start(RESIDENTS)

    // A relay a little way off: acceptances arrive spread out, as they do from a real one.
    smtpSink.replyDelayMs = 20
    const worker = run.startWorker()
    // Killed the instant the sink has answered "250 accepted" for the 12th mail: the worker
    // has at most read the reply, and its record of it is still in memory or not made.
    smtpSink.on('accepted', () => {
      if (run.accepted() === 12) worker.child.kill('SIGKILL')
    })
    await run.dispatch()
    await worker.exited
    // Mails whose data had fully arrived before the kill are still accepted by the sink, and a
    // statement the worker sent before it died may still be running in the database.
    await eventually(async () => assert.equal(smtpSink.parsing, 0))
    await run.workerStatementsFinished()
    const acceptedAtDeath = run.accepted()
    const inFlight = acceptedAtDeath - (await run.sentInLedger())

    run.startWorker()
    await run.finished()

    const count = run.count('worker killed after acceptance', run.residents, inFlight)
    assert.equal(count.lost, 0, 'nobody misses the alert')
    assert.isAtMost(count.duplicated, inFlight, 'no more copies than mails in flight')
    assert.isAtLeast(inFlight, 1, 'the kill landed inside the accept-to-record window')
    // Recorded as they were accepted, not when their batch was done: the earlier ones were in the ledger.
    assert.isBelow(inFlight, acceptedAtDeath)
    assert.equal(await run.sentInLedger(), RESIDENTS)
  }).timeout(240_000)

  test('Redis restarted mid-send, losing the jobs still waiting: nobody missed, nobody twice', async ({
    assert,
    cleanup,
  }) => {
    // At 30 a second, the 200 rows the four running jobs claim take longer to go than the 4 s after
    // which the sweeper takes a claim for a dead worker's: the jobs keep their claims fresh meanwhile.
    const run = new AlertFaultRun('Sent through a Redis restart', { SMTP_MAX_PER_SECOND: '30' })
    cleanup(() => run.stop())
    // More send jobs than a worker runs at once (4 of 50): some wait in Redis when it goes.
    await run.start(260)
    run.startWorker()
    await run.dispatch()

    await run.afterMails(12)
    await run.redis.restart()
    await run.finished()

    const count = run.count('Redis restarted', run.residents)
    assert.deepInclude(count, { lost: 0, duplicated: 0 })
    assert.equal(await run.sentInLedger(), 260)
  }).timeout(240_000)

  test('the sink answering 421 and random 4xx and 5xx: temporary refusals retried once each, permanent ones failed', async ({
    assert,
    cleanup,
  }) => {
    const run = new AlertFaultRun('Sent through refusals')
    cleanup(() => run.stop())
    await run.start(RESIDENTS)
    const [bounced] = run.residents
    smtpSink.refusals.set(bounced.email!, 550)
    smtpSink.busyReplies = 6
    smtpSink.randomRefusals = {
      probability: 0.1,
      codes: [421, 450, 451, 452, 550, 554],
      seed: 20261206,
    }
    run.startWorker()
    run.startWorker()
    await run.dispatch()
    await run.finished()

    const refusedForGood = new Set(
      smtpSink.refusalsGiven.filter((refusal) => refusal.code >= 500).map((r) => r.recipient)
    )
    const temporary = smtpSink.refusalsGiven.filter((refusal) => refusal.code < 500)
    assert.isAbove(temporary.length, 6, 'the sink refused some mails for now, beyond the 421s')
    assert.isTrue(refusedForGood.has(bounced.email!.toLowerCase()))
    const expected = run.residents.filter((resident) => !refusedForGood.has(resident.email!))
    const count = run.count('421 and random 4xx/5xx', expected)
    assert.deepInclude(count, { lost: 0, duplicated: 0 })

    const failed = await db
      .from('deliveries')
      .where('alert_id', run.alert.id)
      .where('status', 'failed')
      .select('resident_id', 'error')
    assert.sameMembers(
      failed.map((row) => Number(row.resident_id)),
      run.residents
        .filter((resident) => refusedForGood.has(resident.email!))
        .map((resident) => resident.id)
    )
    assert.isTrue(
      failed.every((row) => /55[04]/.test(row.error)),
      'each failure keeps its reason'
    )
    assert.equal(await run.sentInLedger(), expected.length)
  }).timeout(240_000)

  test('the database connection killed mid-send: nobody missed, nobody twice', async ({
    assert,
    cleanup,
  }) => {
    const run = new AlertFaultRun('Sent through a database outage', {
      SMTP_MAX_PER_SECOND: '15',
      // Longer than the outage: a claim is not taken for a dead worker's while its worker waits for the database.
      DELIVERY_STALE_CLAIM_SECONDS: '10',
    })
    cleanup(() => run.stop())
    await run.start(RESIDENTS)
    run.startWorker()
    run.startWorker()
    await run.dispatch()

    await run.afterMails(10)
    await run.databaseOutage(3000)
    await run.finished()

    const count = run.count('database connection killed', run.residents)
    assert.deepInclude(count, { lost: 0, duplicated: 0 })
    assert.equal(await run.sentInLedger(), RESIDENTS)
  }).timeout(240_000)
})
