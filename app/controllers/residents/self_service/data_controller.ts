import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'

function download(response: HttpContext['response'], type: string, extension: string) {
  response.header('Content-Type', `${type}; charset=utf-8`)
  response.header(
    'Content-Disposition',
    `attachment; filename="my-alerts-data-${DateTime.now().toISODate()}.${extension}"`
  )
}

export default class DataController {
  async show({ view }: HttpContext) {
    return view.render('pages/self_service/your_data')
  }

  async json({ response, resident }: HttpContext) {
    const data = await ResidentDataExport.collect(resident.id)
    download(response, 'application/json', 'json')
    return response.send(ResidentDataExport.toJson(data))
  }

  async csv({ response, resident }: HttpContext) {
    const data = await ResidentDataExport.collect(resident.id)
    download(response, 'text/csv', 'csv')
    return response.send(ResidentDataExport.toCsv(data))
  }
}
