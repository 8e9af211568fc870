/*
| Console entrypoint. Boots the application through the Ignitor.
*/
await import('reflect-metadata')
const { Ignitor, prettyPrintError } = await import('@adonisjs/core')

const APP_ROOT = new URL('../', import.meta.url)

/*
| A fresh clone has no .env, and nothing boots without one. `beacon:setup`
| writes it, so it alone starts on placeholders (its later steps run in
| processes that read the .env it wrote).
*/
if (process.argv[2] === 'beacon:setup') {
  const { existsSync } = await import('node:fs')
  if (!existsSync(new URL('.env', APP_ROOT)) && !process.env.ENV_PATH) {
    const placeholders = {
      NODE_ENV: 'development',
      PORT: '3333',
      HOST: 'localhost',
      APP_URL: 'http://localhost:3333',
      APP_KEY: 'placeholder-until-beacon-setup-writes-env',
      LOG_LEVEL: 'info',
      SESSION_DRIVER: 'cookie',
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: '6379',
    }
    for (const [key, value] of Object.entries(placeholders)) process.env[key] ??= value
  }
}

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
  .ace()
  .handle(process.argv.splice(2))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
