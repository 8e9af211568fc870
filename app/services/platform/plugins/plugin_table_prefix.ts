import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// createTable('x'), createTableIfNotExists('x'), renameTable('a', 'x') and `tableName = 'x'`.
const TABLE_NAMES = [
  /\.createTable(?:IfNotExists)?\(\s*['"`]([^'"`]+)['"`]/g,
  /\.renameTable\(\s*['"`][^'"`]+['"`]\s*,\s*['"`]([^'"`]+)['"`]/g,
  /tableName\s*=\s*['"`]([^'"`]+)['"`]/g,
]

/** A plugin's tables start with its id, hyphens as underscores: plugin "web-hook" owns web_hook_*. */
export function tablePrefixOf(pluginId: string) {
  return `${pluginId.replaceAll('-', '_')}_`
}

/**
 * The tables a plugin's migrations create without its prefix, as
 * "file: table". Read from the files' text, so a name built at run time is
 * not seen; it keeps the plugins' tables apart from the core's and each other's.
 */
export function unprefixedPluginTables(pluginRoot: string, pluginId: string) {
  const directory = join(pluginRoot, 'database', 'migrations')
  if (!existsSync(directory)) return []
  const prefix = tablePrefixOf(pluginId)
  const problems: string[] = []
  for (const file of readdirSync(directory)
    .filter((name) => /\.(ts|js)$/.test(name))
    .sort()) {
    const source = readFileSync(join(directory, file), 'utf8')
    for (const pattern of TABLE_NAMES) {
      for (const [, table] of source.matchAll(pattern)) {
        if (!table.startsWith(prefix)) problems.push(`${file}: ${table}`)
      }
    }
  }
  return [...new Set(problems)]
}
