/**
 * Contacts: how a resident can be reached. A channel declares the kind of
 * contact it needs; the audience query and index count and pick residents
 * by it. The core's own kinds live on the resident's record (email, mobile,
 * landline); every other kind (a browser's push subscription, a plugin's
 * own kind) is a row of resident_contacts, several per resident, that
 * plugins keep through `context.contacts`.
 */

/** Kinds stored on the resident's record: the core reads and suppresses them itself. */
export const RECORD_CONTACT_KINDS = ['email', 'mobile', 'landline'] as const
export type RecordContactKind = (typeof RECORD_CONTACT_KINDS)[number]

/**
 * `push_subscription` is a core kind kept in resident_contacts (one per
 * browser). A plugin may define its own kind: lowercase letters, digits and
 * underscores, starting with a letter, at most 40 characters (CONTACT_KIND).
 */
export type ContactKind = RecordContactKind | 'push_subscription' | (string & {})

export const CONTACT_KIND = /^[a-z][a-z0-9_]{0,39}$/

/** One of a resident's contacts kept in resident_contacts. */
export interface ResidentContact {
  id: number
  residentId: number
  kind: string
  /** What the plugin stored (decrypted): an endpoint, an id, a JSON document… */
  value: string
  /** Words the resident recognises, e.g. "Firefox on a laptop"; null when none was given. */
  label: string | null
  createdAt: Date
  /** When an alert last used it; null until then. */
  lastUsedAt: Date | null
  /** When the provider said it no longer works; an invalid contact is never used again. */
  invalidAt: Date | null
}

export interface NewResidentContact {
  residentId: number
  kind: ContactKind
  value: string
  label?: string | null
  /**
   * Whether the value is personal data (an address, a number, an endpoint
   * naming the resident's browser): it is then encrypted at rest with
   * APP_KEY. True unless the plugin says otherwise.
   */
  personal?: boolean
}

/**
 * What plugins use, as `context.contacts`. Adding the same value again for
 * the same resident and kind returns the existing contact (its label updated
 * and, if it was invalid, working again): a browser that subscribes twice
 * stays one contact.
 */
export interface ResidentContacts {
  add(contact: NewResidentContact): Promise<ResidentContact>
  /** The resident's contacts, oldest first; only working ones unless `includeInvalid`. */
  list(
    residentId: number,
    options?: { kind?: ContactKind; includeInvalid?: boolean }
  ): Promise<ResidentContact[]>
  /** The contact holding this exact value, whoever's it is (e.g. a receipt naming an endpoint). */
  find(kind: ContactKind, value: string): Promise<ResidentContact | null>
  /** Records that an alert used it now. */
  touch(contactId: number): Promise<void>
  /** The provider said it no longer works: no later alert uses it. */
  markInvalid(contactId: number): Promise<void>
  remove(contactId: number): Promise<void>
}

// --- Batches (added with plugins/web-push) ----------------------------------

/**
 * A channel's send() handles a batch of deliveries: these read and touch the
 * contacts of the whole batch in one query each, instead of one per resident.
 */
export interface ResidentContacts {
  /** The contacts of several residents, oldest first, by resident id (residents without any are absent). */
  listFor(
    residentIds: number[],
    options?: { kind?: ContactKind; includeInvalid?: boolean }
  ): Promise<Map<number, ResidentContact[]>>
  /** Records that an alert used these contacts now. */
  touchAll(contactIds: number[]): Promise<void>
}
