import { test } from '@japa/runner'
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import Alert from '#models/messaging/alert'
import env from '#start/env'
import mailTransport from '#services/platform/infrastructure/mail_transport'
import { checkDkim } from '#tests/helpers/dkim'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import {
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const DKIM_SETTINGS = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY'] as const

/** Signs with a new key from here on; the transport is made again with the settings, and after the test without. */
function signWithNewKey(cleanup: (handler: () => void) => void) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const before = DKIM_SETTINGS.map((name) => [name, env.get(name)] as const)
  env.set('DKIM_DOMAIN', 'beacon.test')
  env.set('DKIM_SELECTOR', 'alerts2026')
  env.set('DKIM_PRIVATE_KEY', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())
  mailTransport.close()
  cleanup(() => {
    for (const [name, value] of before) {
      env.set(name, value as string)
      // process.env keeps only strings: an unset setting put back as undefined would read
      // "undefined" in every process started later (and make each refuse to boot).
      if (value === undefined) delete process.env[name]
    }
    mailTransport.close()
  })
  // What the install publishes in DNS (p=), read back as a receiver would.
  const published = publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
  return createPublicKey({ key: Buffer.from(published, 'base64'), format: 'der', type: 'spki' })
}

test.group('DKIM signing', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an alert, sent as prebuilt MIME, arrives signed with a signature that verifies', async ({
    assert,
    cleanup,
  }) => {
    const publicKey = signWithNewKey(cleanup)
    const { central } = await seedAreas()
    const police = await createOrganisation('Northshire Police')
    const resident = await createResident(central, [police])
    const browser = await signInStaff(await createStaff(police, 'sender'))
    await browser.submit(
      '/staff/alerts/new',
      {
        'title': 'Signed alert',
        'body': 'Lock your doors   tonight.\n\n- sheds\n- garages  ',
        'priority': 3,
        'areaIds[]': [central.id],
      },
      { action: '/staff/alerts' }
    )
    const alert = await Alert.findByOrFail('title', 'Signed alert')
    await browser.post(`/staff/alerts/${alert.id}/send`)
    const mail = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('Signed alert')
    )
    await sendsFinished('email')

    const dkim = checkDkim(mail.raw, publicKey)
    assert.isNotNull(dkim, 'the alert carries a DKIM-Signature')
    assert.equal(dkim!.tags.d, 'beacon.test')
    assert.equal(dkim!.tags.s, 'alerts2026')
    assert.equal(dkim!.tags.a, 'rsa-sha256')
    assert.equal(dkim!.tags.c, 'relaxed/relaxed')
    assert.isTrue(dkim!.bodyHashMatches, 'body hash')
    assert.isTrue(dkim!.signatureVerifies, 'signature')
    // One-click unsubscribe is honoured by mailbox providers only when both headers are signed.
    for (const header of ['from', 'to', 'subject', 'list-unsubscribe', 'list-unsubscribe-post']) {
      assert.include(dkim!.signedHeaders, header)
    }

    // A changed body or a changed header no longer verifies: the check above can fail.
    const tamperedBody = Buffer.from(
      mail.raw.toString('latin1').replace(/\r\n\r\n/, '\r\n\r\nX'),
      'latin1'
    )
    assert.isFalse(checkDkim(tamperedBody, publicKey)!.bodyHashMatches)
    const tamperedSubject = Buffer.from(
      mail.raw.toString('latin1').replace('Signed alert', 'Signed a1ert'),
      'latin1'
    )
    assert.isFalse(checkDkim(tamperedSubject, publicKey)!.signatureVerifies)
  }).timeout(60_000)

  test('other email the install sends is signed too, and nothing is signed without settings', async ({
    assert,
    cleanup,
  }) => {
    const unsignedTo = uniqueEmail()
    await mailTransport.send({ to: unsignedTo, subject: 'Before', text: 'Not signed.' })
    assert.isUndefined((await smtpSink.waitForMail(unsignedTo)).header('DKIM-Signature'))

    const publicKey = signWithNewKey(cleanup)
    const to = uniqueEmail()
    await mailTransport.send({
      to,
      subject: 'Your sign-in link',
      text: 'Use this link to sign in.\n',
      html: '<p>Use this link to sign in.</p>',
      headers: { 'List-Unsubscribe': '<https://example.test/u>' },
    })
    const dkim = checkDkim((await smtpSink.waitForMail(to)).raw, publicKey)
    assert.isNotNull(dkim)
    assert.isTrue(dkim!.bodyHashMatches, 'body hash')
    assert.isTrue(dkim!.signatureVerifies, 'signature')
  })
})
