/**
 * Links in an alert's email footer (and beside it in the resident's list of
 * alerts received) that differ for every recipient, offered
 * by later modules (engagement's rating links) without messaging importing
 * them: a module registers a group at boot (start/registries.ts).
 *
 * The email is rendered once per alert and language, so each link is a token
 * in the rendered variant (like RECIPIENT_TOKENS) and the channel substitutes
 * the recipient's address when it sends: per recipient, the cost stays a
 * substitution plus whatever `urls` computes (keep it to signing: no queries),
 * and only for the groups the message carries (groupsIn). Groups signing for
 * the same recipient and alert can share one signature (engagement's
 * SignedAlertLinks does): `urls` is called for one recipient's groups in turn.
 */
export interface RecipientLinkGroup {
  /** The words before the links, e.g. "Was this alert useful?" */
  prompt: string
  links: readonly { key: string; label: string }[]
  /** Each link's address for one recipient of one alert, by key. residentId is 0 for a test send. */
  urls(residentId: number, alertId: number): Record<string, string>
  /**
   * Whether the group belongs in this alert's messages at all (a survey's link
   * only in alerts linked to one); every alert's when left out. Asked once per
   * alert when it is rendered, and for the resident's list, never per mail.
   */
  appliesTo?(alertId: number): Promise<boolean>
}

export interface TemplateLinkGroup {
  id: string
  prompt: string
  links: { label: string; token: string }[]
}

function tokenFor(groupId: string, key: string) {
  return `%%LINK_${groupId}_${key}%%`.toUpperCase()
}

export class RecipientLinks {
  #groups = new Map<string, RecipientLinkGroup>()

  /** Adds a group, or replaces the one with the same id. */
  register(id: string, group: RecipientLinkGroup) {
    if (!/^[a-z][a-z0-9_]*$/.test(id)) throw new Error(`"${id}" is not a link group id`)
    this.#groups.set(id, group)
    return () => this.#groups.delete(id)
  }

  /** What the templates draw: every group's prompt and links, with tokens for the addresses. */
  forTemplate(): TemplateLinkGroup[] {
    return [...this.#groups].map(([id, group]) => ({
      id,
      prompt: group.prompt,
      links: group.links.map(({ key, label }) => ({ label, token: tokenFor(id, key) })),
    }))
  }

  /** What one alert's messages draw: the groups that apply to it (appliesTo). */
  async forAlert(alertId: number): Promise<TemplateLinkGroup[]> {
    const applying = new Set(await this.#applying(alertId))
    return this.forTemplate().filter((group) => applying.has(group.id))
  }

  /** Every group that applies to the alert, with this recipient's own addresses: for pages, where nothing is rendered ahead. */
  async forRecipient(residentId: number, alertId: number) {
    const applying = new Set(await this.#applying(alertId))
    return [...this.#groups]
      .filter(([id]) => applying.has(id))
      .map(([id, group]) => {
        const urls = group.urls(residentId, alertId)
        return {
          id,
          prompt: group.prompt,
          links: group.links.map(({ key, label }) => ({ label, url: urls[key] ?? '' })),
        }
      })
  }

  async #applying(alertId: number) {
    const ids: string[] = []
    for (const [id, group] of this.#groups) {
      if (!group.appliesTo || (await group.appliesTo(alertId))) ids.push(id)
    }
    return ids
  }

  /** Every registered link's token, for previews that fill them all with one address (nothing is signed). */
  tokens(): string[] {
    return [...this.#groups].flatMap(([id, group]) =>
      group.links.map(({ key }) => tokenFor(id, key))
    )
  }

  /**
   * The groups whose links a rendered message carries: what its recipients'
   * links are computed for. Read from the message itself, once per variant,
   * so it agrees with what was rendered even if appliesTo's answer has changed
   * since (a survey closed): no query, and no group signed for nothing.
   */
  groupsIn(...bodies: (string | undefined)[]): string[] {
    return [...this.#groups]
      .filter(([id, group]) =>
        group.links.some(({ key }) => bodies.some((body) => body?.includes(tokenFor(id, key))))
      )
      .map(([id]) => id)
  }

  /**
   * Token → this recipient's address, for the groups given (groupsIn, once
   * per message), or for every registered group when none are given.
   */
  valuesFor(residentId: number, alertId: number, groups?: readonly string[]) {
    const values: Record<string, string> = {}
    for (const id of groups ?? this.#groups.keys()) {
      const group = this.#groups.get(id)
      if (!group) continue
      const urls = group.urls(residentId, alertId)
      for (const { key } of group.links) values[tokenFor(id, key)] = urls[key] ?? ''
    }
    return values
  }
}

const recipientLinks = new RecipientLinks()
export default recipientLinks
