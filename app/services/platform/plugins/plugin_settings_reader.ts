import type { PluginManifest } from '#contracts/plugin'
import type { SettingsReader, SettingsValues } from '#contracts/settings'
import type { PluginSettingsStore } from '#services/platform/plugins/plugin_settings_store'

/** `context.settings` for one plugin: its install-wide and per-organisation values. */
export function pluginSettingsReader(
  manifest: PluginManifest,
  store: PluginSettingsStore
): SettingsReader {
  const perOrganisation = manifest.settings?.scope === 'organisation'
  return {
    forInstall: async <Values extends SettingsValues>() =>
      (await store.read(manifest.id, 'install')) as Partial<Values>,
    forOrganisation: async <Values extends SettingsValues>(organisationId: number) =>
      (await store.read(
        manifest.id,
        perOrganisation ? { organisationId } : 'install'
      )) as Partial<Values>,
  }
}
