import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { PluginSchedules } from '#services/platform/plugins/plugin_schedules'

// A moment no other test claims: each test's jobs have names of their own too.
const NOW = Date.parse('2026-12-06T02:30:10Z')

test.group('Plugins’ scheduled jobs', () => {
  test('two workers run a job once in its slot, and again in the next', async ({ assert }) => {
    const name = `sync-${randomUUID()}`
    let runs = 0
    const job = { every: '1h', run: async () => void runs++ }
    const [first, second] = [new PluginSchedules(), new PluginSchedules()]
    first.register('fixture', name, job, () => true)
    second.register('fixture', name, job, () => true)

    const ran = await Promise.all([first.runDue(NOW), second.runDue(NOW)])
    assert.equal(runs, 1)
    assert.deepEqual(ran.sort(), [0, 1])
    assert.equal(await first.runDue(NOW + 60_000), 0)

    await Promise.all([first.runDue(NOW + 3_600_000), second.runDue(NOW + 3_600_000)])
    assert.equal(runs, 2)
  })

  test('a disabled plugin’s jobs do not run, and do not use up the slot', async ({ assert }) => {
    const name = `sync-${randomUUID()}`
    let enabled = false
    let runs = 0
    const worker = new PluginSchedules()
    worker.register(
      'fixture',
      name,
      { every: '30 2 * * *', run: async () => void runs++ },
      () => enabled
    )
    assert.equal(await worker.runDue(NOW), 0)
    enabled = true
    assert.equal(await worker.runDue(NOW), 1)
    assert.equal(runs, 1)
    // Not due at 02:31.
    assert.equal(await worker.runDue(NOW + 60_000), 0)
  })

  test('a job that throws is logged, and the others still run', async ({ assert }) => {
    const worker = new PluginSchedules()
    let ran = false
    worker.register(
      'fixture',
      `broken-${randomUUID()}`,
      {
        every: '1h',
        run: async () => {
          throw new Error('the provider is down')
        },
      },
      () => true
    )
    worker.register(
      'fixture',
      `fine-${randomUUID()}`,
      { every: '1h', run: async () => void (ran = true) },
      () => true
    )
    assert.equal(await worker.runDue(NOW), 2)
    assert.isTrue(ran)
  })
})
