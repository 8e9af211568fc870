import { startUpkeep, stopUpkeep } from '#jobs/queue_workers'
import DeliverySweeper from '#services/messaging/delivery/delivery_sweeper'

/**
 * Stops the worker's timed sweeps for a test that runs the sweeper itself: a timed sweep
 * running beside the test's own would enqueue, or send, the rows the test is counting.
 * Returns the function that starts them again (a group's setup may return it as cleanup).
 */
export async function pauseUpkeep() {
  stopUpkeep()
  await DeliverySweeper.settled()
  return () => startUpkeep()
}
