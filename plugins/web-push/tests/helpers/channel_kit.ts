import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AcceptGate } from '#tests/helpers/accept_gate'
import type { ChannelKit } from '#tests/helpers/channel_kit'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { LocalPushService, TestSubscription, localCertificate } from './push_service.js'

const SETTINGS = '/staff/settings/plugins/web-push'

/** Browser push through a local push service, for the core's cross-channel tests (#tests/helpers/channel_kit). */
export default function webPushChannelKit(): ChannelKit {
  const service = new LocalPushService()
  const gate = new AcceptGate()
  service.gate = gate
  let started = false
  let certificateFolder: string | null = null
  let disable: (() => Promise<void>) | null = null
  return {
    channel: 'web-push',
    gate,
    async start() {
      await service.start()
      started = true
    },
    workerEnvironment() {
      // The push service's certificate is its own: a worker process trusts it as an extra authority.
      certificateFolder ??= mkdtempSync(join(tmpdir(), 'beacon-push-ca-'))
      const file = join(certificateFolder, 'push-service.pem')
      writeFileSync(file, localCertificate().cert)
      return { NODE_EXTRA_CA_CERTS: file }
    },
    async enable(organisation) {
      const admin = await signInStaff(
        await createStaff(organisation, 'admin', { installAdmin: true })
      )
      await admin.get(SETTINGS)
      const enabled = await admin.post(SETTINGS, { enabled: 'true' })
      if (!enabled.text.includes('is now enabled')) throw new Error('Browser push not enabled')
      disable = async () => {
        await admin.get(SETTINGS)
        await admin.post(SETTINGS, { enabled: 'false' })
      }
      const saved = await admin.post(`${SETTINGS}/settings`, {
        contact_email: 'alerts@example.org',
        _intent: 'save',
      })
      if (saved.text.includes('There is a problem')) {
        throw new Error(`Browser push settings refused:\n${saved.text.slice(0, 3000)}`)
      }
    },
    async reach(resident, index) {
      // The resident opts in on their preferences page, as the opt-in script does in a browser.
      const browser = await signedInAs(resident)
      await browser.get('/my-alerts/account')
      const subscription = new TestSubscription(service, `resident-${index}`)
      const added = await browser.postJson(
        '/my-alerts/plugins/web-push/browsers',
        subscription.toJSON()
      )
      if (added.status !== 201) throw new Error(`The browser was not added: ${added.text}`)
      return subscription.path
    },
    async received(alert) {
      const copies = new Map<string, number>()
      for (const push of service.pushes) {
        // Each alert's pushes share a Topic; the body is encrypted for the browser.
        if (push.headers['topic'] !== `alert-${alert.id}`) continue
        copies.set(push.path, (copies.get(push.path) ?? 0) + 1)
      }
      return copies
    },
    async stop() {
      await disable?.()
      gate.release()
      if (started) await service.stop()
      if (certificateFolder) rmSync(certificateFolder, { recursive: true, force: true })
    },
  }
}
