import Area from '#models/area'

/**
 * The area hierarchy as pickers show it: districts, each with its wards.
 */
export default class AreaDirectory {
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
