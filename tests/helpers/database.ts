import app from '@adonisjs/core/services/app'
import { emptyQueues } from '#tests/helpers/queues'

/*
| Lucid's `testUtils.db().truncate()` migrates before every test, taking PostgreSQL's advisory lock on
| one pooled connection and releasing it on whichever connection is free by then. With the
| embedded worker using the pool at the same moment that can be another connection: the
| release fails, the lock stays held, and every later test fails in its setup. So the suite
| migrates once, without the lock (no other process migrates a test database), and each test
| only empties the tables.
*/

async function runAce(commandName: string, args: string[] = []) {
  const ace = await app.container.make('ace')
  const command = await ace.exec(commandName, args)
  if (command.exitCode) throw command.error ?? new Error(`"${commandName}" failed`)
}

export function migrateTestDatabase() {
  return runAce('migration:run', ['--compact-output', '--no-schema-generate', '--disable-locks'])
}

/*
| Work a test set going may still be finishing when it ends (a listener counting a completed alert's
| figures, the embedded worker's sweep): on PostgreSQL its row locks can meet TRUNCATE's table locks,
| and the server then ends one of the two as a deadlock. Emptying the tables is simply tried again.
*/
async function truncateEveryTable() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runAce('db:truncate')
    } catch (error) {
      if (attempt === 5 || !String((error as Error)?.message).includes('deadlock detected'))
        throw error
    }
  }
}

/** For a setup hook: hands back the clean-up that empties every table once the test is over. */
export async function emptyTablesAfterwards() {
  return async () => {
    // The test's jobs go with its rows: none still queued, none still running as the tables empty.
    await emptyQueues()
    await truncateEveryTable()
    // Emptied tables are a change no service saw: the cached public pages and area list go too.
    const { default: AreaDirectory } = await import('#services/areas/area_directory')
    await AreaDirectory.changed()
    // Ids are given again: an alert a worker holds must not be taken for a new one of the same id.
    const { default: SendingAlerts } = await import('#services/messaging/delivery/sending_alerts')
    SendingAlerts.forget()
  }
}
