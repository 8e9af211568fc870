import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { parse } from 'csv-parse/sync'
import PostcodeLookup from '#services/areas/postcode_lookup'
import { BrowserLikeSession } from '#tests/helpers/http'
import { seedAreas } from '#tests/helpers/fixtures'
import { loadLincolnshire } from '#tests/helpers/sign_up_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

// A postcode as people write it, with its space (ONS codes like E05008479 never match).
const POSTCODE = /\b[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}\b/g

async function demoPostcodes() {
  const rows: Record<string, string>[] = parse(
    await readFile(app.makePath('database/data/lincolnshire/postcodes_sample.csv')),
    { columns: true }
  )
  return new Set(rows.map((row) => row.pcds))
}

async function filesUnder(folder: string, extension: string): Promise<string[]> {
  const entries = await readdir(app.makePath(folder), { recursive: true })
  return entries.filter((entry) => entry.endsWith(extension)).map((entry) => join(folder, entry))
}

test.group('Example postcodes', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('every postcode the README, the pages and the messages show exists in the demo data', async ({
    assert,
  }) => {
    const demo = await demoPostcodes()
    const files = [
      'README.md',
      'app/commands/postcodes_import.ts',
      ...(await filesUnder('resources/views', '.edge')),
      ...(await filesUnder('app/validators', '.ts')),
    ]
    const shown: string[] = []
    for (const file of files) {
      for (const [postcode] of (await readFile(app.makePath(file), 'utf8')).matchAll(POSTCODE)) {
        shown.push(postcode)
        assert.isTrue(
          demo.has(postcode),
          `${file} shows ${postcode}, which is not in the demo data`
        )
        assert.equal(PostcodeLookup.normalise(postcode), postcode, `${file}: ${postcode}`)
      }
    }
    assert.include(shown, 'PE21 6ZZ')
  })

  test('the sign-up hint gives one of the install’s own postcodes, and it is accepted', async ({
    assert,
  }) => {
    await loadLincolnshire()
    const browser = new BrowserLikeSession()
    const page = await browser.get('/sign-up')
    const example = page.text.match(/alerts for the area where you live, like ([A-Z0-9 ]+)\./)?.[1]
    assert.isDefined(example)
    assert.isTrue((await demoPostcodes()).has(example!))
    const next = await browser.submit(
      '/sign-up',
      { postcode: example },
      { action: '/sign-up/postcode' }
    )
    assert.notInclude(next.text, 'There is a problem')
    assert.notEqual(new URL(next.url).pathname, '/sign-up')
  })

  test('with no postcodes loaded the hint gives no example', async ({ assert }) => {
    // Boundaries but no postcodes yet (without boundaries, sign-up says it opens soon).
    await seedAreas()
    const page = await new BrowserLikeSession().get('/sign-up')
    assert.include(page.text, 'We use it to send you alerts for the area where you live.')
  })
})
