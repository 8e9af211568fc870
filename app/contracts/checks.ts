/**
 * Read-only checks of the core's own parts, for a plugin that reports health
 * (a load balancer's probe). A plugin may use @adonisjs/lucid for its own
 * tables, but whether the core's database answers is the core's to say: the
 * check stays the same if the core changes how it connects.
 */
export interface CoreChecks {
  /** True when the core's database answers a trivial query. */
  database(): Promise<boolean>
}
