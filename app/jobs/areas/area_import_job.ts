import { defineJob } from '#jobs/queue_job'
import AreaImportRuns, { AREA_IMPORT_QUEUE } from '#services/areas/boundaries/area_import_runs'

/** An uploaded boundary file checked or imported: one at a time, they are large. */
export default defineJob<{ id: number }>({
  queue: AREA_IMPORT_QUEUE,
  concurrency: 1,
  handle: (data) => AreaImportRuns.run(data.id),
})
