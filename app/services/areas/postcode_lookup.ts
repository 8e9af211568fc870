import Postcode from '#models/areas/postcode'

// Outward code (area, district, optional sub-district) then inward code (sector digit, unit).
const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})$/

/**
 * UK postcodes as residents type them ("ln11aa", "LN1  1AA") in the one
 * form the postcodes table keeps ("LN1 1AA").
 */
export default class PostcodeLookup {
  /** The normalised postcode, or null when the text is not in the UK format. */
  static normalise(input: string): string | null {
    const match = input.replace(/\s+/g, '').toUpperCase().match(UK_POSTCODE)
    return match ? `${match[1]} ${match[2]}` : null
  }

  /**
   * A postcode the install knows, for a hint's example ("like DN21 2ZZ"):
   * whatever area the install covers, the example is one of its own.
   */
  static async example(): Promise<string | null> {
    const first = await Postcode.query().orderBy('postcode').first()
    return first?.postcode ?? null
  }

  static async find(postcode: string) {
    const normalised = this.normalise(postcode)
    if (!normalised) return null
    return Postcode.find(normalised)
  }
}
