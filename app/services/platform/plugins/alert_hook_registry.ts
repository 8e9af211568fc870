import logger from '@adonisjs/core/services/logger'
import type { AlertHook, ComposerSavedContext } from '#contracts/alert_hooks'

/**
 * The alert hooks plugins registered, each with a guard that says whether
 * its plugin is enabled right now.
 */
export class AlertHookRegistry {
  #hooks: { hook: AlertHook; isAvailable: (organisationId?: number) => boolean }[] = []

  /** Returns a function that takes the hook away again. */
  register(hook: AlertHook, isAvailable: (organisationId?: number) => boolean = () => true) {
    const entry = { hook, isAvailable }
    this.#hooks.push(entry)
    return () => {
      this.#hooks = this.#hooks.filter((candidate) => candidate !== entry)
    }
  }

  /** The hooks whose plugin is on (for the organisation, when one is given). */
  available(organisationId?: number): AlertHook[] {
    return this.#hooks
      .filter((entry) => entry.isAvailable(organisationId))
      .map((entry) => entry.hook)
  }

  /** Tells the available hooks that the composer saved a draft; one that throws is logged and skipped. */
  async composerSaved(context: ComposerSavedContext) {
    for (const hook of this.available(context.organisationId)) {
      if (!hook.composerSaved) continue
      try {
        await hook.composerSaved(context)
      } catch (error) {
        logger.error({ err: error, alertId: context.alertId }, 'composerSaved hook failed')
      }
    }
  }
}

const alertHookRegistry = new AlertHookRegistry()
export default alertHookRegistry
