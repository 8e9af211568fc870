/**
 * Retries an assertion until it passes or the time is up: for work that a
 * queue worker finishes in the background. It waits on the condition, never
 * for a fixed time.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      return await check()
    } catch (error) {
      lastError = error
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  throw lastError
}
