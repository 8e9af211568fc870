import type { ResidentContacts } from '#contracts/contacts'
import type { DeliveryReceipts } from '#contracts/receipts'
import type { ResidentLookup } from '#contracts/residents'
import type { ReplyAnswerer, ResidentReplies, ResidentReply } from '#contracts/replies'
import type { WatchSchemes } from '#contracts/schemes'

interface CoreServices {
  contacts: ResidentContacts
  receipts: DeliveryReceipts
  residents: ResidentLookup
  /** Replies into the inbox; answerBy also takes whether the plugin is on for an organisation. */
  replies: Pick<ResidentReplies, 'receive'> & {
    answerBy(
      via: ResidentReply['via'],
      answerer: ReplyAnswerer,
      isEnabled: (organisationId: number) => boolean
    ): void
  }
  /** Watch schemes and their members, for one plugin (its register ids and its members are its own). */
  schemesFor: (pluginId: string) => WatchSchemes
}

/**
 * What plugins reach through their context but later modules implement
 * (residents' contacts, the ledger's receipts). The plugin host is in the
 * platform module and may not import them: the composition root
 * (BeaconProvider) provides them here before the plugins are discovered.
 */
class PluginCoreServices {
  #provided: Partial<CoreServices> = {}

  provide(services: Partial<CoreServices>) {
    Object.assign(this.#provided, services)
  }

  #get<K extends keyof CoreServices>(name: K): CoreServices[K] {
    const service = this.#provided[name]
    if (!service) throw new Error(`The core has not provided "${name}" to plugins yet`)
    return service
  }

  /** Forwards every call, so that a plugin may keep the object it was given at register(). */
  get contacts(): ResidentContacts {
    return {
      add: (contact) => this.#get('contacts').add(contact),
      list: (residentId, options) => this.#get('contacts').list(residentId, options),
      find: (kind, value) => this.#get('contacts').find(kind, value),
      touch: (id) => this.#get('contacts').touch(id),
      markInvalid: (id) => this.#get('contacts').markInvalid(id),
      remove: (id) => this.#get('contacts').remove(id),
      listFor: (residentIds, options) => this.#get('contacts').listFor(residentIds, options),
      touchAll: (ids) => this.#get('contacts').touchAll(ids),
    }
  }

  get receipts(): DeliveryReceipts {
    return { record: (receipt) => this.#get('receipts').record(receipt) }
  }

  get residents(): ResidentLookup {
    return {
      holdersOf: (kind, number) => this.#get('residents').holdersOf(kind, number),
      stopChannel: (residentId, channelId) =>
        this.#get('residents').stopChannel(residentId, channelId),
      lastDelivery: (residentId, channelId) =>
        this.#get('residents').lastDelivery(residentId, channelId),
      numbersOf: (residentId) => this.#get('residents').numbersOf(residentId),
      alertTitles: (alertIds) => this.#get('residents').alertTitles(alertIds),
      languagesOf: (organisationId) => this.#get('residents').languagesOf(organisationId),
    }
  }

  /** For one plugin: its answerers are asked only while it is on for the thread's organisation. */
  repliesFor(isEnabled: (organisationId: number) => boolean): ResidentReplies {
    return {
      receive: (reply) => this.#get('replies').receive(reply),
      answerBy: (via, answerer) => this.#get('replies').answerBy(via, answerer, isEnabled),
    }
  }

  schemesFor(pluginId: string): WatchSchemes {
    const schemes = () => this.#get('schemesFor')(pluginId)
    return {
      upsertScheme: (input) => schemes().upsertScheme(input),
      schemeIdOf: (externalRef) => schemes().schemeIdOf(externalRef),
      enrolResident: (input) => schemes().enrolResident(input),
      setMembers: (schemeId, residentIds) => schemes().setMembers(schemeId, residentIds),
      linkCoordinator: (schemeId, organisationId, email) =>
        schemes().linkCoordinator(schemeId, organisationId, email),
    }
  }
}

const pluginCoreServices = new PluginCoreServices()
export default pluginCoreServices
