import pluginHost from '#services/platform/plugins/plugin_host'

/** The test plugin in tests/fixtures/plugins, discovered at boot in tests (app/providers/beacon_provider.ts). */
export const FIXTURE_PLUGIN = 'surfaces-fixture'

/** Enables the fixture plugin for one test; it is disabled again afterwards. */
export async function enableFixturePlugin(cleanup: (handler: () => Promise<void>) => void) {
  await pluginHost.setEnabled(FIXTURE_PLUGIN, true)
  cleanup(() => pluginHost.setEnabled(FIXTURE_PLUGIN, false))
}

/** The staff navigation's groups as a member of staff sees them: group name → link labels. */
export function navigationGroups(html: string) {
  const nav = html.slice(html.indexOf('aria-label="Staff menu"'), html.indexOf('</nav>'))
  const groups: Record<string, string[]> = {}
  for (const part of nav.split('class="beacon-staff-nav__group"').slice(1)) {
    const name = /<h2[^>]*>([^<]+)<\/h2>/.exec(part)?.[1]
    if (!name) continue
    groups[name] = [
      ...part.matchAll(/<a class="govuk-service-navigation__link" href="[^"]*">([^<]+)<\/a>/g),
    ].map((match) => match[1])
  }
  return groups
}
