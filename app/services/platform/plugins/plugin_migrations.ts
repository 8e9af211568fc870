import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A plugin may bring tables of its own in plugins/<id>/database/migrations.
 * Read from the app root at boot, so it holds in a source checkout (.ts files)
 * and in the built server (.js files) alike: Lucid takes either.
 */
export function pluginMigrationPaths(appRoot: string) {
  const plugins = join(appRoot, 'plugins')
  if (!existsSync(plugins)) return []
  return readdirSync(plugins, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `plugins/${entry.name}/database/migrations`)
    .filter((path) => existsSync(join(appRoot, path)))
    .sort()
}
