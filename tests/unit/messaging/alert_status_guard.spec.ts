import { readdir, readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

const HELPER = 'app/services/messaging/alert_status.ts'

/**
 * A write of messages.status: a query on the messages table, or the Message model, then `.update({ … status:`
 * within the same statement (the chain ends at the next await, const or return).
 */
const RAW_STATUS_WRITE =
  /(?:(?:from|table)\(\s*['"]messages['"]\s*\)|Message\.query\([^)]*\))(?:(?!\bawait\b|\bconst\b|\breturn\b|\bfrom\(|\btable\().)*?\.update\(\s*\{[^}]*\bstatus\s*:/s
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
      "await db.from('messages').where('id', id).update({ status: 'sent', updated_at: now })",
      RAW_STATUS_WRITE
    )
    assert.match(
      "await Message.query().where('id', id).update({ status: 'paused' })",
      RAW_STATUS_WRITE
    )
    assert.match("message.status = 'sending'", MODEL_STATUS_WRITE)
    assert.notMatch(
      "await db.from('messages').where('id', id).update({ dispatched_at: now })",
      RAW_STATUS_WRITE
    )
    assert.notMatch("if (message.status === 'draft') return", MODEL_STATUS_WRITE)
    // A read of messages, then another table's update, is not a write of the status.
    assert.notMatch(
      "const rows = await db.from('messages').select('id')\nawait db.from('deliveries').update({ status: 'skipped' })",
      RAW_STATUS_WRITE
    )
  })

  test('no file of the core or of a plugin writes messages.status but AlertStatus', async ({
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
