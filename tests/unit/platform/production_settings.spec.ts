import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import {
  trustedProxies,
  trustedProxiesProblem,
} from '#services/platform/infrastructure/trusted_proxies'
import { pluginMigrationPaths } from '#services/platform/plugins/plugin_migrations'

test.group('TRUSTED_PROXIES', () => {
  test('trusts loopback only by default', ({ assert }) => {
    const trusted = trustedProxies(undefined)
    assert.isTrue(trusted('127.0.0.1', 0))
    assert.isTrue(trusted('::1', 0))
    assert.isFalse(trusted('10.0.0.5', 0))
  })

  test('takes IPs and CIDR ranges separated by commas', ({ assert }) => {
    const trusted = trustedProxies('10.0.0.0/8, 192.0.2.10')
    assert.isTrue(trusted('10.20.30.40', 0))
    assert.isTrue(trusted('192.0.2.10', 0))
    assert.isFalse(trusted('192.0.2.11', 0))
    assert.isFalse(trusted('127.0.0.1', 0))
    assert.isNull(trustedProxiesProblem('10.0.0.0/8, 192.0.2.10'))
  })

  test('refuses a value that is not an address, naming it', ({ assert }) => {
    assert.include(trustedProxiesProblem('10.0.0.1, the-proxy')!, '"the-proxy"')
    assert.include(trustedProxiesProblem('10.0.0.0/99')!, '"10.0.0.0/99"')
    assert.include(trustedProxiesProblem(' , ')!, 'TRUSTED_PROXIES is empty')
  })
})

test.group('Plugin migrations', () => {
  test('are found in every plugin that has a database/migrations folder', async ({
    assert,
    cleanup,
  }) => {
    const root = await mkdtemp(join(tmpdir(), 'beacon-plugins-'))
    cleanup(() => rm(root, { recursive: true, force: true }))
    await mkdir(join(root, 'plugins/sms/database/migrations'), { recursive: true })
    await mkdir(join(root, 'plugins/health'), { recursive: true })
    await mkdir(join(root, 'plugins/archive/database/migrations'), { recursive: true })

    assert.deepEqual(pluginMigrationPaths(root), [
      'plugins/archive/database/migrations',
      'plugins/sms/database/migrations',
    ])
    assert.deepEqual(pluginMigrationPaths(join(root, 'nowhere')), [])
  })
})
