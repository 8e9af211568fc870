import type { PluginManifest } from '#contracts/plugin'
import type { SettingsForm } from '#contracts/settings'
import { FIELD_NAME } from '#services/platform/plugins/plugin_settings_form'

export type SettingsLevel = 'install' | 'organisation'

/**
 * The form a plugin asks for at a level, or null when it has none there: a
 * plugin of scope "install" has one install-wide form; one of scope
 * "organisation" has each organisation's form and, optionally, an
 * install-wide one.
 */
export function settingsFormOf(
  manifest: PluginManifest,
  level: SettingsLevel
): SettingsForm | null {
  const settings = manifest.settings
  if (!settings) return null
  if (settings.scope === 'install') return level === 'install' ? settings : null
  return level === 'organisation' ? settings : (settings.install ?? null)
}

/** Refuses, at boot, a settings declaration the form could not render. */
export function checkSettingsDeclaration(manifest: PluginManifest) {
  const settings = manifest.settings
  if (!settings) return
  const problem = (what: string) =>
    new Error(`plugins/${manifest.id}: the settings declaration ${what}`)
  if (settings.scope !== 'install' && settings.scope !== 'organisation') {
    throw problem('needs a scope of "install" or "organisation"')
  }
  if (settings.scope === 'install' && settings.install) {
    throw problem('has an "install" form, which only a plugin of scope "organisation" may have')
  }
  const forms = [settings, settings.install].filter((form) => form !== undefined)
  for (const form of forms) {
    if (typeof form.validator?.validate !== 'function') {
      throw problem('needs a VineJS validator (vine.create({...})) for each form')
    }
    const names = new Set<string>()
    for (const field of form.fields) {
      if (!FIELD_NAME.test(field.name)) {
        throw problem(
          `names a field "${field.name}": use letters, digits and underscores, starting with a letter`
        )
      }
      if (names.has(field.name)) throw problem(`names the field "${field.name}" twice`)
      names.add(field.name)
      if (field.type === 'select' && !(field.options?.length > 0)) {
        throw problem(`gives the select field "${field.name}" no options`)
      }
    }
  }
}
