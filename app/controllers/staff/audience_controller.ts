import type { HttpContext } from '@adonisjs/core/http'
import AudienceQuery from '#services/audience_query'
import { audienceCountValidator } from '#validators/message'

/**
 * The live audience count on the compose page.
 */
export default class AudienceController {
  async count({ request, response, membership, bouncer }: HttpContext) {
    await bouncer.with('MessagePolicy').authorize('create', membership.organisationId)
    const { priority, areaIds } = await request.validateUsing(audienceCountValidator, {
      data: request.qs(),
    })
    const count = await AudienceQuery.count({
      organisationId: membership.organisationId,
      priority: priority ?? 1,
      criteria: { areaIds: areaIds ?? [] },
    })
    return response.json({ count })
  }
}
