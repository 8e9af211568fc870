/**
 * Privacy hooks: whoever stores personal data about a resident (a core module
 * or a plugin) adds it to the resident's data download (the right of access)
 * and removes it on erasure (the right to erasure). A plugin registers its
 * hooks with its context's privacy(); the core's modules register theirs at boot.
 */

/** One value of the download: the CSV form writes one row per value. */
export type PrivacyValue = string | number | boolean | null

/** One record of the download, field name → value, in words a resident understands. */
export type PrivacyRecord = Record<string, PrivacyValue>

/** What erasure tells each section about the resident being erased. */
export interface PrivacyErasure {
  residentId: number
  /**
   * What copies of the resident's data may quote: every email address and phone
   * number they had (as stored and as people type them) and their name. A
   * section that keeps free text (provider replies, logs) removes these.
   */
  traces: string[]
}

export interface PrivacyHooks {
  /** What this section holds about the resident: one record, a list of records, or null for nothing. */
  export(residentId: number): Promise<PrivacyRecord | PrivacyRecord[] | null>
  /**
   * Deletes (or makes anonymous) what this section holds about the resident.
   * Called before the resident's own record is emptied; an error stops the erasure.
   */
  erase(erasure: PrivacyErasure): Promise<void>
}
