import type { PluginManifest } from '#contracts/plugin'
import pluginHost from '#services/platform/plugins/plugin_host'
import pluginSettingsStore from '#services/platform/plugins/plugin_settings_store'
import {
  fieldViews,
  type FieldView,
  valuesWithDefaults,
} from '#services/platform/plugins/plugin_settings_form'
import {
  settingsFormOf,
  type SettingsLevel,
} from '#services/platform/plugins/plugin_settings_declaration'

/** What the member may do here, decided by PluginPolicy in the controller. */
export interface PluginPermissions {
  manageInstall: boolean
  manageOrganisation: boolean
  switchForOrganisation: boolean
}

/** What a form submitted just before (and refused, or tested) left behind. */
export interface PreviousSubmission {
  level: SettingsLevel | null
  old: (name: string) => unknown
}

export interface SettingsFormView {
  level: SettingsLevel
  action: string
  fields: FieldView[]
  canCheck: boolean
  /** Whether the saved values pass the plugin's validator (not, before anything is saved). */
  complete: boolean
}

/** One row of Settings → Plugins. */
export function pluginRow(manifest: PluginManifest, organisationId: number) {
  const perOrganisation = manifest.settings?.scope === 'organisation'
  return {
    manifest,
    perOrganisation,
    enabled: pluginHost.isEnabled(manifest.id),
    enabledHere: pluginHost.isEnabledFor(manifest.id, organisationId),
  }
}

/**
 * A plugin's own page: its switches and the forms the member may use, filled
 * from the saved settings (never a secret's value) or from what was just
 * typed into the form that was refused or tested.
 */
export async function pluginPage(
  manifest: PluginManifest,
  organisationId: number,
  may: PluginPermissions,
  previous: PreviousSubmission
) {
  const forms: SettingsFormView[] = []
  const levels: [SettingsLevel, boolean][] = [
    ['install', may.manageInstall],
    ['organisation', may.manageOrganisation],
  ]
  for (const [level, allowed] of levels) {
    const form = settingsFormOf(manifest, level)
    if (!form || !allowed) continue
    const saved = await pluginSettingsStore.read(
      manifest.id,
      level === 'install' ? 'install' : { organisationId }
    )
    forms.push({
      level,
      action: `/staff/settings/plugins/${manifest.id}/${level === 'install' ? '' : 'organisation/'}settings`,
      fields: fieldViews(form, saved, previous.level === level ? previous.old : null),
      canCheck: typeof form.check === 'function',
      complete: await form.validator.validate(valuesWithDefaults(form, saved)).then(
        () => true,
        () => false
      ),
    })
  }
  return {
    ...pluginRow(manifest, organisationId),
    may,
    switchedOnHere: pluginHost.isSwitchedOnFor(manifest.id, organisationId),
    organisationsMayEnable: manifest.settings?.organisationsMayEnable === true,
    installForm: forms.find((form) => form.level === 'install') ?? null,
    organisationForm: forms.find((form) => form.level === 'organisation') ?? null,
  }
}
