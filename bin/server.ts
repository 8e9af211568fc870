/*
| Server entrypoint. Boots the application through the Ignitor.
*/
const APP_ROOT = new URL('../', import.meta.url)

// With WEB_PROCESSES above 1 this process only starts and watches the web processes.
const { runWebProcesses, webProcessCount } = await import('./web_processes.js')
if (runWebProcesses(webProcessCount(APP_ROOT))) await startServer()

async function startServer() {
  await import('reflect-metadata')
  const { Ignitor, prettyPrintError } = await import('@adonisjs/core')

  const IMPORTER = (filePath: string) => {
    if (filePath.startsWith('./') || filePath.startsWith('../')) {
      return import(new URL(filePath, APP_ROOT).href)
    }
    return import(filePath)
  }

  new Ignitor(APP_ROOT, { importer: IMPORTER })
    .tap((app) => {
      app.booting(async () => {
        await import('#start/env')
      })
      app.listen('SIGTERM', () => app.terminate())
      app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
    })
    .httpServer()
    .start()
    .catch((error) => {
      process.exitCode = 1
      prettyPrintError(error)
    })
}
