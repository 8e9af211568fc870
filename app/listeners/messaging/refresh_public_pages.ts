import PublicPageCache from '#services/platform/infrastructure/public_page_cache'

/**
 * An alert completing is an alert published (when its sender chose so): the
 * archive, its feeds and the alert's own page are rendered again. The status
 * changes by a guarded query, not a model save, so the model's hook does not see it.
 */
export default class RefreshPublicPages {
  async handle() {
    await PublicPageCache.invalidate()
  }
}
