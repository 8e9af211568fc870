import Segment from '#models/targeting/segment'
import type { AudienceCriteria } from '#services/targeting/audience_query'

const PAGE_SIZE = 20

/**
 * An organisation's saved segments. Another organisation's segment is not
 * found, exactly like one that does not exist.
 */
export default class Segments {
  static list(organisationId: number, search: string | undefined, page: number) {
    const query = Segment.query()
      .where('organisation_id', organisationId)
      .preload('creator')
      .orderBy('name')
      .orderBy('id')
    if (search) query.whereILike('name', `%${search}%`)
    return query.paginate(page, PAGE_SIZE)
  }

  static async count(organisationId: number) {
    const row = await Segment.query()
      .where('organisation_id', organisationId)
      .count('* as total')
      .first()
    return Number(row?.$extras.total ?? 0)
  }

  static find(organisationId: number, id: number) {
    return Segment.query().where('organisation_id', organisationId).where('id', id).firstOrFail()
  }

  static create(organisationId: number, userId: number, name: string, criteria: AudienceCriteria) {
    return Segment.create({ organisationId, name, criteria, createdBy: userId })
  }

  static async remove(segment: Segment) {
    await segment.delete()
  }
}
