import Area from '#models/areas/area'

/**
 * The area hierarchy as pickers show it: districts, each with its wards.
 */
export default class AreaDirectory {
  /** Whether any boundary has been imported: without one, nobody can be placed, so nobody can sign up. */
  static async any() {
    return (await Area.query().select('id').first()) !== null
  }

  static async districtsWithWards() {
    return Area.query()
      .where('level', 'district')
      .orderBy('name')
      .select('id', 'code', 'name', 'level', 'parent_id')
      .preload('children', (query) =>
        query.orderBy('name').select('id', 'code', 'name', 'level', 'parent_id')
      )
  }
}
