/**
 * A job handler: the queue it takes work from, how many jobs one process runs
 * at once, and what it does with a job's data. Handlers are thin: the service
 * they call keeps the logic, so that it can be tested and run without a queue.
 */
export interface QueueJob<Data> {
  queue: string
  concurrency: number
  handle(data: Data): Promise<unknown>
}

export function defineJob<Data>(job: QueueJob<Data>) {
  return job
}
