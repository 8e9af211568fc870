import type { HttpContext } from '@adonisjs/core/http'
import AudienceCount from '#services/targeting/audience_count'
import { describeAudience } from '#services/targeting/audience_wording'
import TargetingForm from '#services/targeting/targeting_form'
import { audienceCountValidator } from '#validators/targeting/criteria'

/**
 * The live audience count on the targeting builder: the total and how many
 * each channel reaches, and the same sentence the page shows without script.
 */
export default class AudienceController {
  async count({ request, response, membership, bouncer }: HttpContext) {
    await bouncer.with('AlertPolicy').authorize('create', membership.organisationId)
    const { priority, ...fields } = await request.validateUsing(audienceCountValidator, {
      data: request.qs(),
    })
    const criteria = TargetingForm.criteriaFrom(fields)
    const counts =
      criteria.areaIds.length || criteria.shape
        ? await AudienceCount.byChannel({
            organisationId: membership.organisationId,
            priority: priority ?? 1,
            criteria,
          })
        : null
    return response.json({
      count: counts?.total ?? 0,
      total: counts?.total ?? 0,
      byChannel: counts?.byChannel ?? {},
      description: describeAudience(counts),
    })
  }
}
