import queues from '#services/platform/queue'

/** The queue of organisation channels' send jobs: one job per target delivery. */
export const TARGET_QUEUE = 'send-targets'

export interface TargetJobData {
  targetDeliveryId: number
}

/**
 * The one place target deliveries are enqueued (dispatch, retries, the sweeper).
 * A job is only a nudge: the sender claims its row with a guarded update, so a
 * duplicate job finds nothing to do.
 */
export async function enqueueTargetDeliveries(ids: number[], delayUntil?: Date) {
  await queues.addMany(
    TARGET_QUEUE,
    ids.map((id) => ({
      data: { targetDeliveryId: id } satisfies TargetJobData,
      options: { timeoutMs: 60_000, delayUntil },
    }))
  )
}
