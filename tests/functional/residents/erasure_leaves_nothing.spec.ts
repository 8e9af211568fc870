import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import AuditLog from '#models/platform/audit_log'
import type User from '#models/platform/user'
import ContactChange from '#models/residents/contact_change'
import OutboxEmail from '#models/platform/outbox_email'
import ResidentImportRecord from '#models/residents/resident_import_record'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ResidentTokens from '#services/residents/registration/resident_tokens'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { createStaff } from '#tests/helpers/fixtures'
import { alertTo, residentOf, seedSelfService } from '#tests/helpers/self_service_fixtures'
import { chooseInterests, joinSchemes } from '#tests/helpers/resident_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const NAME = 'Philippa Quennell'
const MOBILE = '+447700900461'
const LANDLINE = '01205 760461'

const TEXT_TYPES_PG = ['text', 'character varying', 'character', 'json', 'jsonb']

/** Every table and its text columns, read from the database itself so a new table cannot be missed. */
async function textColumns() {
  const columns = new Map<string, string[]>()
  if (db.connection().dialect.name === 'postgres') {
    const rows = await db
      .from('information_schema.columns')
      .whereRaw('table_schema = current_schema()')
      .whereIn('data_type', TEXT_TYPES_PG)
      .select('table_name', 'column_name')
    for (const row of rows) {
      columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name])
    }
    return columns
  }
  const tables = await db.rawQuery(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
  )
  for (const { name } of tables) {
    const info = await db.rawQuery(`pragma table_info("${name}")`)
    // SQLite keeps any text in a column with no declared type, or one naming CHAR, CLOB, TEXT or JSON.
    const text = info
      .filter((column: { type: string }) => /char|clob|text|json|^$/i.test(column.type))
      .map((column: { name: string }) => column.name)
    if (text.length) columns.set(name, text)
  }
  return columns
}

/** Where any of the needles still appears: "table.column" for each hit. */
async function findEverywhere(needles: string[]) {
  const plain = (value: string) => value.toLowerCase().replace(/[\s()-]/g, '')
  const wanted = needles.map(plain)
  const hits: string[] = []
  for (const [table, names] of await textColumns()) {
    const rows = await db.from(table).select(names)
    for (const row of rows) {
      for (const name of names) {
        const value = row[name]
        if (value === null || value === undefined) continue
        const text = plain(typeof value === 'string' ? value : JSON.stringify(value))
        for (const needle of wanted) {
          if (text.includes(needle)) hits.push(`${table}.${name} holds ${needle}`)
        }
      }
    }
  }
  return hits
}

/** What staff editing a resident leaves in the audit log. */
function staffEdited(admin: User, organisationId: number, subjectId: number, changes: object) {
  return AuditLog.create({
    action: 'resident.updated',
    organisationId,
    userId: admin.id,
    subjectType: 'resident',
    subjectId,
    details: { changes },
  })
}

/** What a member of staff searching the residents' list leaves in the audit log. */
function staffSearched(admin: User, organisationId: number, q: string) {
  return AuditLog.create({
    action: 'residents.searched',
    organisationId,
    userId: admin.id,
    subjectType: 'organisation',
    subjectId: organisationId,
    details: { q, page: 1, found: 1 },
  })
}

test.group('Erasure leaves nothing behind', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('SQLite connections overwrite the pages of deleted rows', async ({ assert, cleanup }) => {
    // The SQLite connection as configured, whichever database this run uses by default.
    const sqlite = db.connection('sqlite')
    if (db.primaryConnectionName !== 'sqlite') cleanup(() => db.manager.close('sqlite'))
    assert.deepEqual(await sqlite.rawQuery('pragma secure_delete'), [{ secure_delete: 1 }])
  })

  test("no table keeps the resident's email, phone numbers or name", async ({ assert }) => {
    const world = await seedSelfService()
    const admin = await createStaff(world.opcc, 'admin')
    const resident = await residentOf(world, {
      name: NAME,
      phone: MOBILE,
      landline: LANDLINE,
      postcode: 'PE21 1AA',
    })
    const email = resident.email!
    const neighbour = await residentOf(world, { name: 'Somebody Else' })

    // Preferences, schemes, tokens and consents (residentOf gave two).
    await chooseInterests(resident, [world.interests.burglary])
    await joinSchemes(resident, [world.schemes.watch])
    await db.table('channel_preferences').insert({
      resident_id: resident.id,
      channel: 'email',
      enabled: true,
      quiet_from: '22:00',
      quiet_to: '07:00',
      emergency_override: true,
      updated_at: sqlTime(),
    })
    await db.table('demographics').insert({
      resident_id: resident.id,
      age_band: '35_44',
      updated_at: sqlTime(),
    })
    await ResidentTokens.issue(resident.id, 'magic_link', 1)

    // Deliveries, one of them with a bounce that quotes the address, as mail servers do.
    await alertTo(resident, world.opcc, 'Sent before erasure')
    const bounced = await alertTo(resident, world.opcc, 'Bounced')
    await db
      .from('deliveries')
      .where('alert_id', bounced.id)
      .update({
        status: 'failed',
        error: `550 5.1.1 <${email.toUpperCase()}>: Recipient address rejected`,
      })
    await alertTo(neighbour, world.opcc, 'For the neighbour')

    // A rating of an alert whose comment signs off with the resident's name and number.
    await db.table('alert_ratings').insert({
      alert_id: bounced.id,
      resident_id: resident.id,
      organisation_id: world.opcc.id,
      rating: 'useful',
      comment: `Thanks, ${NAME}, ${MOBILE}`,
      created_at: sqlTime(),
      updated_at: sqlTime(),
    })

    // Copies in the outbox (kept when there is no SMTP), one with the address in capitals.
    await OutboxEmail.create({
      toAddress: email,
      subject: 'Your link to manage your alerts',
      textBody: `Hello ${NAME},`,
      htmlBody: `<p>Hello ${NAME},</p>`,
      headers: {},
      messageId: '<one@beacon.test>',
    })
    await OutboxEmail.create({
      toAddress: email.toUpperCase(),
      subject: 'Confirm your local alerts',
      textBody: 'Confirm',
      htmlBody: null,
      headers: {},
      messageId: '<two@beacon.test>',
    })

    // Audit entries about the resident, and one where staff searched for them.
    await staffEdited(admin, world.opcc.id, resident.id, {
      phone: { from: '+447700900999', to: MOBILE },
    })
    for (const words of [email, NAME]) await staffSearched(admin, world.opcc.id, words)

    // An import report that listed the resident as the file had them.
    await ResidentImportRecord.create({
      organisationId: world.opcc.id,
      filename: 'old-system.csv',
      status: 'imported',
      totalRows: 1,
      importedRows: 1,
      rejectedRows: 0,
      report: {
        rows: [{ row: 2, name: NAME, email, mobile: '07700 900461', landline: LANDLINE }],
      },
    })

    const needles = [email, NAME, MOBILE, '07700900461', LANDLINE]
    assert.isNotEmpty(await findEverywhere(needles), 'the search finds the data before erasure')

    await ResidentErasure.erase(resident.id)

    assert.deepEqual(await findEverywhere(needles), [])
    // The neighbour's data is untouched, and the statistics keep every delivery.
    assert.isNotEmpty(await findEverywhere([neighbour.email!]))
    assert.equal(Number((await db.from('deliveries').count('* as total'))[0].total), 3)
  })

  // Before: only mail to the current address went, and the name "Sam" rewrote "sample.csv",
  // and other people's addresses, in every audit entry.
  test('mail to a pending or former address goes; other people’s audit entries stay as they were', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    const admin = await createStaff(world.opcc, 'admin')
    const resident = await residentOf(world, { name: 'Sam', email: 'sam.now@example.test' })
    const neighbour = await residentOf(world, { name: 'Ann Other' })

    // An address the resident had before a confirmed change, and one waiting to be confirmed.
    await staffEdited(admin, world.opcc.id, resident.id, {
      email: { from: 'sam.before@example.test', to: 'sam.now@example.test' },
    })
    await ContactChange.create({
      residentId: resident.id,
      field: 'email',
      newValue: 'sam.pending@example.test',
      tokenHash: 'a'.repeat(64),
      requestedByUserId: admin.id,
      organisationId: world.opcc.id,
      expiresAt: DateTime.now().plus({ days: 7 }),
    })
    for (const [index, toAddress] of [
      'SAM.PENDING@example.test',
      'sam.before@example.test',
      neighbour.email!,
    ].entries()) {
      await OutboxEmail.create({
        toAddress,
        subject: 'Confirm your new email address',
        textBody: 'Dear Sam,',
        htmlBody: null,
        headers: {},
        messageId: `<${index}@beacon.test>`,
      })
    }

    const neighbourChanges = {
      email: { from: 'other@example.test', to: neighbour.email, pending: true },
      file: { from: 'sample.csv', to: 'sample-2.csv' },
    }
    const aboutNeighbour = await staffEdited(admin, world.opcc.id, neighbour.id, neighbourChanges)
    const searches = [
      await staffSearched(admin, world.opcc.id, 'sam'),
      await staffSearched(admin, world.opcc.id, 'sample other@example.test'),
    ]

    await ResidentErasure.erase(resident.id)

    assert.deepEqual(
      await findEverywhere(['sam.pending@example.test', 'sam.before@example.test']),
      []
    )
    const outbox = await OutboxEmail.all()
    assert.deepEqual(
      outbox.map((mail) => mail.toAddress),
      [neighbour.email]
    )
    await aboutNeighbour.refresh()
    assert.deepEqual(aboutNeighbour.details, { changes: neighbourChanges })
    await searches[0].refresh()
    await searches[1].refresh()
    assert.deepEqual(searches[0].details, { q: '[erased]', page: 1, found: 1 })
    assert.deepEqual(searches[1].details, { q: 'sample other@example.test', page: 1, found: 1 })
  })
})
