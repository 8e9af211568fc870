/**
 * The provider's address may be pointed elsewhere (a local fake in tests, a
 * stand-in during development) only outside production. In production the
 * field is not offered and a saved address is ignored, so that nobody with
 * the settings form can make Beacon send the account's secret to another host.
 */
export function providerAddressAllowed(nodeEnv = process.env.NODE_ENV) {
  return nodeEnv !== 'production'
}

/** The saved address when it may be used, else undefined (the provider's own). */
export function providerAddress(
  saved: string | undefined,
  allowed = providerAddressAllowed()
): string | undefined {
  return allowed && saved ? saved : undefined
}
