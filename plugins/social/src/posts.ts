import db from '@adonisjs/lucid/services/db'

export type Network = 'facebook' | 'x'
export const NETWORK_LABELS: Record<Network, string> = { facebook: 'Facebook', x: 'X' }

export interface RecordedPost {
  network: Network
  label: string
  url: string
}

/** Where the plugin posted alerts, and which alerts the sender kept off social media. */
export const SocialPosts = {
  async record(alertId: number, network: Network, postId: string, url: string) {
    await db
      .table('social_posts')
      .insert({
        alert_id: alertId,
        network,
        post_id: postId.slice(0, 100),
        url: url.slice(0, 500),
        posted_at: new Date(),
      })
      .onConflict(['alert_id', 'network'])
      .ignore()
  },

  async of(alertId: number): Promise<RecordedPost[]> {
    const rows = await db
      .from('social_posts')
      .where('alert_id', alertId)
      .orderBy('network')
      .select('network', 'url')
    return rows.map((row) => ({
      network: row.network,
      label: NETWORK_LABELS[row.network as Network] ?? row.network,
      url: row.url,
    }))
  },

  async optedOut(alertId: number) {
    return Boolean(await db.from('social_opt_outs').where('alert_id', alertId).first())
  },

  /** The composer's choice for a saved draft: the last save wins. */
  async choose(alertId: number, post: boolean) {
    if (post) {
      await db.from('social_opt_outs').where('alert_id', alertId).delete()
      return
    }
    await db
      .table('social_opt_outs')
      .insert({ alert_id: alertId, created_at: new Date() })
      .onConflict(['alert_id'])
      .ignore()
  },
}
