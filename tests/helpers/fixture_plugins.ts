import app from '@adonisjs/core/services/app'
import pluginHost from '#services/platform/plugins/plugin_host'

/** Plugins made for the tests, kept out of plugins/ so that no install ever has them. */
export const FIXTURE_PLUGINS = app.makePath('tests/fixtures/plugins')

let loading: Promise<void> | undefined

/**
 * Adds the fixture plugins to this process's plugin host, once per run:
 * tests/bootstrap.ts does, before the test server fixes its routes (a spec
 * file is too late for routes). They stay disabled until a test enables them.
 */
export function loadFixturePlugins() {
  loading ??= pluginHost.discover(FIXTURE_PLUGINS).then(() => pluginHost.refresh())
  return loading
}
