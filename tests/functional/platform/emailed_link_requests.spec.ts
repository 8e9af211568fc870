import { test } from '@japa/runner'
import queues, { type JobOptions } from '#services/platform/infrastructure/queue'
import { EMAILED_LINK_QUEUE } from '#services/platform/infrastructure/emailed_links'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff, uniqueEmail } from '#tests/helpers/fixtures'
import { residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { queueFinished } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Every job added to a queue while the test runs, by queue. */
function recordJobs(cleanup: (callback: () => void) => void) {
  const added: Array<{ name: string; data: unknown }> = []
  const original = queues.add
  queues.add = (name: string, data: unknown, options?: JobOptions) => {
    added.push({ name, data })
    return original.call(queues, name, data, options)
  }
  cleanup(() => {
    queues.add = original
  })
  return added
}

/** The emailed-link jobs among them (the worker adds the email itself to another queue). */
function linkJobs(added: Array<{ name: string; data: unknown }>) {
  return added.filter((job) => job.name === EMAILED_LINK_QUEUE).map((job) => job.data)
}

/*
| A known address used to cost a lookup, a token, two rendered templates and
| a queued email; an unknown one only the lookup, so the answer's speed told
| which addresses are registered. Both now hand the address to a queue and
| answer: the same work, whoever asks.
*/
test.group('Emailed links take the same work for known and unknown addresses', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident sign-in link: both requests only queue the same job', async ({
    assert,
    cleanup,
  }) => {
    const resident = await residentOf(await seedSelfService())
    const stranger = uniqueEmail('stranger')
    const added = recordJobs(cleanup)

    for (const email of [resident.email!, stranger]) {
      const page = await new BrowserLikeSession().submit('/my-alerts', { email })
      assert.include(page.text, 'Check your email')
    }
    assert.deepEqual(linkJobs(added), [
      { kind: 'resident_sign_in', email: resident.email },
      { kind: 'resident_sign_in', email: stranger },
    ])
    await smtpSink.waitForMail(resident.email!, (mail) =>
      mail.subject.includes('manage your alerts')
    )
    await queueFinished(EMAILED_LINK_QUEUE)
    assert.lengthOf(smtpSink.mailTo(stranger), 0)
  })

  test('a staff password reset: both requests only queue the same job', async ({
    assert,
    cleanup,
  }) => {
    const sender = await createStaff(await createOrganisation(), 'sender')
    const stranger = uniqueEmail('stranger')
    const added = recordJobs(cleanup)

    for (const email of [sender.email, stranger]) {
      const page = await new BrowserLikeSession().submit('/staff/forgotten-password', { email })
      assert.include(page.text, 'If that address belongs to a member of staff')
    }
    assert.deepEqual(linkJobs(added), [
      { kind: 'staff_password_reset', email: sender.email },
      { kind: 'staff_password_reset', email: stranger },
    ])
    await smtpSink.waitForMail(sender.email, (mail) => mail.subject.startsWith('Reset your'))
    await queueFinished(EMAILED_LINK_QUEUE)
    assert.lengthOf(smtpSink.mailTo(stranger), 0)
  })
})
