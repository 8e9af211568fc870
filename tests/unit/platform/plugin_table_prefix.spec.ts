import { test } from '@japa/runner'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import {
  tablePrefixOf,
  unprefixedPluginTables,
} from '#services/platform/plugins/plugin_table_prefix'

test.group('Plugins’ tables carry the plugin’s id', () => {
  test('every plugin in plugins/ prefixes the tables its migrations create', async ({ assert }) => {
    const root = app.makePath('plugins')
    const ids = (await readdir(root, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    assert.isAbove(ids.length, 0)
    for (const id of ids) {
      assert.deepEqual(unprefixedPluginTables(join(root, id), id), [], `plugins/${id}`)
    }
  })

  test('finds a table without the prefix, whichever way the migration names it', async ({
    assert,
    cleanup,
  }) => {
    const root = app.makePath('tmp', `plugin-prefix-${process.pid}`, 'web-hook')
    await mkdir(join(root, 'database', 'migrations'), { recursive: true })
    cleanup(() => rm(join(root, '..'), { recursive: true, force: true }))
    await writeFile(
      join(root, 'database', 'migrations', '1_create.ts'),
      `export default class extends BaseSchema {
  protected tableName = 'web_hook_endpoints'
  async up() {
    this.schema.createTable(this.tableName, () => {})
    this.schema.createTable('deliveries', () => {})
    this.schema.renameTable('web_hook_old', "attempts")
  }
}`
    )
    assert.equal(tablePrefixOf('web-hook'), 'web_hook_')
    assert.deepEqual(unprefixedPluginTables(root, 'web-hook'), [
      '1_create.ts: deliveries',
      '1_create.ts: attempts',
    ])
  })
})
