import { readdir, readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

const HELPER = 'app/services/messaging/alert_status.ts'

/**
 * A write of alerts.status: a query on the alerts table, or the Alert model, then `.update({ … status:`
 * within the same statement (the chain ends at the next await, const or return).
 */
const RAW_STATUS_WRITE =
  /(?:(?:from|table)\(\s*['"]alerts['"]\s*\)|Alert\.query\([^)]*\))(?:(?!\bawait\b|\bconst\b|\breturn\b|\bfrom\(|\btable\().)*?\.update\(\s*\{[^}]*\bstatus\s*:/s
const MODEL_STATUS_WRITE = /\b(?:message|alert)\.status\s*=[^=]/

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(app.makePath(folder), { withFileTypes: true })
  const files = await Promise.all(
    entries.map((entry) => {
      const path = `${folder}/${entry.name}`
      if (entry.isDirectory()) return sourceFiles(path)
      return Promise.resolve(path.endsWith('.ts') ? [path] : [])
    })
  )
  return files.flat()
}

test.group('An alert’s status changes in one place', () => {
  test('the matcher finds a raw status write, and leaves other updates alone', ({ assert }) => {
    assert.match(
      "await db.from('alerts').where('id', id).update({ status: 'sent', updated_at: now })",
      RAW_STATUS_WRITE
    )
    assert.match(
      "await Alert.query().where('id', id).update({ status: 'paused' })",
      RAW_STATUS_WRITE
    )
    assert.match("alert.status = 'sending'", MODEL_STATUS_WRITE)
    assert.notMatch(
      "await db.from('alerts').where('id', id).update({ dispatched_at: now })",
      RAW_STATUS_WRITE
    )
    assert.notMatch("if (alert.status === 'draft') return", MODEL_STATUS_WRITE)
    // A read of alerts, then another table's update, is not a write of the status.
    assert.notMatch(
      "const rows = await db.from('alerts').select('id')\nawait db.from('deliveries').update({ status: 'skipped' })",
      RAW_STATUS_WRITE
    )
  })

  test('no file of the core or of a plugin writes alerts.status but AlertStatusGuard', async ({
    assert,
  }) => {
    const offenders: string[] = []
    for (const file of [...(await sourceFiles('app')), ...(await sourceFiles('plugins'))]) {
      if (file === HELPER) continue
      const source = await readFile(app.makePath(file), 'utf8')
      if (RAW_STATUS_WRITE.test(source) || MODEL_STATUS_WRITE.test(source)) offenders.push(file)
    }
    assert.deepEqual(offenders, [])
  })
})
