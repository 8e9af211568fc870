import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * social_posts: where each public alert was posted (the post's address,
 * shown on the alert's staff page). social_opt_outs: alerts the sender chose
 * not to post. Neither holds anything about residents.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_posts', (table) => {
      table.bigIncrements('id')
      table.integer('alert_id').unsigned().notNullable().references('alerts.id').onDelete('CASCADE')
      table.string('network', 20).notNullable()
      table.string('post_id', 100).notNullable()
      table.string('url', 500).notNullable()
      table.timestamp('posted_at').notNullable()
      table.unique(['alert_id', 'network'])
    })
    this.schema.createTable('social_opt_outs', (table) => {
      table.integer('alert_id').unsigned().primary().references('alerts.id').onDelete('CASCADE')
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('social_opt_outs')
    this.schema.dropTable('social_posts')
  }
}
