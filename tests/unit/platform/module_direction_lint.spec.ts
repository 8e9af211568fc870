import { test } from '@japa/runner'
import { ESLint } from 'eslint'
import app from '@adonisjs/core/services/app'

/**
 * `npm run lint` is what keeps the modules one-way and plugins on the
 * contract: these cases prove the rule fails the imports it must, and
 * passes the ones it must not fail.
 */
const eslint = new ESLint({ cwd: app.makePath() })

async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: app.makePath(filePath) })
  return result.messages
    .filter((message) => message.ruleId === 'beacon/module-direction')
    .map((message) => message.message)
}

test.group('The lint rule on imports between modules', () => {
  test('a module may import itself and the modules before it', async ({ assert }) => {
    const found = await problems(
      'app/services/messaging/example.ts',
      [
        "import '#services/platform/audit/audit_logger'",
        "import '#models/areas/area'",
        "import '#services/targeting/audience_count'",
        "import '#services/messaging/delivery/alert_dispatcher'",
        '',
      ].join('\n')
    )
    assert.deepEqual(found, [])
  })

  test('a module importing a later one fails, naming both', async ({ assert }) => {
    const found = await problems(
      'app/services/residents/example.ts',
      "import '#models/messaging/alert'\nawait import('#services/targeting/audience_count')\n"
    )
    assert.lengthOf(found, 2)
    assert.include(found[0], 'The residents module may not import messaging')
    assert.include(found[1], 'The residents module may not import targeting')
  })

  test('a module may not import the jobs that wire modules together', async ({ assert }) => {
    const found = await problems(
      'app/controllers/platform/staff/example.ts',
      "import '#jobs/daily_housekeeping'\nimport '#jobs/queue_job'\n"
    )
    assert.lengthOf(found, 1)
    assert.include(found[0], 'belongs to the composition root')
  })

  test('the core never imports a plugin; a core folder called plugins is its own', async ({
    assert,
  }) => {
    assert.lengthOf(
      await problems(
        'app/services/platform/example.ts',
        "import '../../../plugins/health/plugin.js'\n"
      ),
      1
    )
    assert.deepEqual(
      await problems('app/services/platform/example.ts', "import './plugins/plugin_settings.js'\n"),
      []
    )
  })

  test('a plugin imports only the contracts from the core, and only its own files', async ({
    assert,
  }) => {
    const found = await problems(
      'plugins/example/plugin.ts',
      [
        "import '#contracts/plugin'",
        "import '@adonisjs/lucid/services/db'",
        "import './channel.js'",
        "import '#services/platform/queue/queue'",
        "import '../health/plugin.js'",
        '',
      ].join('\n')
    )
    assert.lengthOf(found, 2)
    assert.include(found[0], 'A plugin imports only #contracts/* from the core')
    assert.include(found[1], 'A plugin imports only files inside its own folder')
  })

  test('contracts import only contracts', async ({ assert }) => {
    const found = await problems(
      'app/contracts/example.ts',
      "import type {} from '#contracts/channel'\nimport type {} from '#models/messaging/alert'\n"
    )
    assert.lengthOf(found, 1)
  })
})
