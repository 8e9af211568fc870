import type { PluginManifest } from '#contracts/plugin'
import type { SettingsValues } from '#contracts/settings'
import pluginSettingsStore from '#services/platform/plugins/plugin_settings_store'

/** The generated values among saved install settings (kept through every form save). */
export function generatedPart(manifest: PluginManifest, saved: SettingsValues): SettingsValues {
  const names = manifest.settings?.generated?.names ?? []
  const kept: SettingsValues = {}
  for (const name of names) if (saved[name] !== undefined) kept[name] = saved[name]
  return kept
}

/**
 * Fills in a plugin's generated install settings (#contracts/settings,
 * GeneratedSettings) that are still missing, so that enabling a push plugin
 * makes its key pair once and later saves never replace it. Returns true
 * when it wrote something.
 */
export async function ensureGeneratedSettings(manifest: PluginManifest): Promise<boolean> {
  const generated = manifest.settings?.generated
  if (!generated) return false
  const saved = await pluginSettingsStore.read(manifest.id, 'install')
  if (generated.names.every((name) => saved[name] !== undefined && saved[name] !== null)) {
    return false
  }
  const made = await generated.generate()
  const values = { ...saved }
  for (const name of generated.names) {
    if (values[name] === undefined || values[name] === null) values[name] = made[name]
  }
  await pluginSettingsStore.write(manifest.id, 'install', values)
  return true
}
