import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Surveys staff build and share (app/services/engagement/surveys/*): a public
 * link anyone may answer, and signed links for the residents an alert linked
 * to the survey went to. A response from a signed link names its resident
 * (one each, changeable until the close date) and their ward for the results'
 * breakdown; those rows are personal data and go on erasure. Answers are rows
 * so that figures are counted by the database: one per option chosen, the
 * scale's number, or the free text.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('surveys', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
      table.string('code', 20).notNullable().unique()
      table.string('title', 150).notNullable()
      table.text('introduction').notNullable()
      table.text('thank_you').notNullable()
      // London dates, YYYY-MM-DD: open from the start of the first to the end of the last.
      table.string('opens_on', 10).notNullable()
      table.string('closes_on', 10).notNullable()
      table.integer('alert_id').unsigned().nullable().references('alerts.id').onDelete('SET NULL')
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organisation_id', 'created_at'])
      table.index(['alert_id'])
    })

    this.schema.createTable('survey_questions', (table) => {
      table.increments('id')
      table
        .integer('survey_id')
        .unsigned()
        .notNullable()
        .references('surveys.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      table.string('kind', 20).notNullable()
      table.string('prompt', 300).notNullable()
      table.boolean('required').notNullable().defaultTo(false)
      // Choice questions: a JSON array of option labels, answered by index.
      table.text('options').nullable()
      table.integer('scale_min').nullable()
      table.integer('scale_max').nullable()
      table.string('scale_min_label', 60).nullable()
      table.string('scale_max_label', 60).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['survey_id', 'position'])
    })

    this.schema.createTable('survey_responses', (table) => {
      table.increments('id')
      table
        .integer('survey_id')
        .unsigned()
        .notNullable()
        .references('surveys.id')
        .onDelete('CASCADE')
      table
        .integer('resident_id')
        .unsigned()
        .nullable()
        .references('residents.id')
        .onDelete('CASCADE')
      table.integer('area_id').unsigned().nullable().references('areas.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['survey_id', 'resident_id'])
      table.index(['survey_id', 'created_at'])
    })

    this.schema.createTable('survey_answers', (table) => {
      table.increments('id')
      table
        .integer('response_id')
        .unsigned()
        .notNullable()
        .references('survey_responses.id')
        .onDelete('CASCADE')
      table
        .integer('question_id')
        .unsigned()
        .notNullable()
        .references('survey_questions.id')
        .onDelete('CASCADE')
      table.integer('value').nullable()
      table.text('text').nullable()
      table.index(['question_id', 'value'])
      table.index(['response_id'])
    })
  }

  async down() {
    this.schema.dropTable('survey_answers')
    this.schema.dropTable('survey_responses')
    this.schema.dropTable('survey_questions')
    this.schema.dropTable('surveys')
  }
}
