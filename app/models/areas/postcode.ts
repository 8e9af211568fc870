import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class Postcode extends BaseModel {
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare postcode: string

  @column()
  declare lat: number

  @column()
  declare lng: number
}
