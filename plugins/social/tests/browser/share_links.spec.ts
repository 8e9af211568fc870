import { test } from '@japa/runner'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createOrganisation, seedAreas } from '#tests/helpers/fixtures'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { enableSocial, SETTINGS } from '../helpers/social_setup.js'

test.group('Social media plugin: the public alert page in Chromium', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the page offers share links and a copy link, names its share image, and passes axe', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const { boston } = await seedAreas()
    const police = await createOrganisation('Lincolnshire Police')
    const { admin, disable } = await enableSocial(police)
    cleanup(disable)
    await admin.post(`${SETTINGS}/organisation/settings`, {
      share_image_url: 'https://cdn.example.org/police-share.png',
      _intent: 'save',
    })
    const alert = await alertFor(police, [boston], {
      title: 'Sheds broken into across Boston',
      body: 'Three sheds were forced overnight.',
    })

    const page = await visit(`/alerts/${alert.id}`)
    const url = new URL(`/alerts/${alert.id}`, page.url()).toString()
    const share = page.getByRole('region', { name: 'Share this alert' })
    const href = (name: string) => share.getByRole('link', { name }).getAttribute('href')
    assert.equal(
      await href('Share on Facebook'),
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`
    )
    assert.include(
      await href('Share on X'),
      'https://x.com/intent/post?text=Sheds+broken+into+across+Boston'
    )
    assert.include(
      await href('Share on LinkedIn'),
      'https://www.linkedin.com/sharing/share-offsite/'
    )
    assert.include(await href('Share on WhatsApp'), 'https://wa.me/?text=')
    assert.include(await href('Share on Nextdoor'), 'https://nextdoor.com/sharekit/')
    assert.include(await href('Share on Email'), 'mailto:?subject=Sheds%20broken')

    const meta = (key: string) =>
      page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content')
    assert.equal(await meta('og:url'), url)
    assert.equal(await meta('og:title'), 'Sheds broken into across Boston')
    assert.equal(await meta('twitter:title'), 'Sheds broken into across Boston')
    assert.equal(await meta('og:image'), 'https://cdn.example.org/police-share.png')
    assert.equal(await meta('twitter:image'), 'https://cdn.example.org/police-share.png')
    assert.equal(await meta('og:image:alt'), 'An alert from Lincolnshire Police')

    // With JavaScript (and the site's strict CSP), the button copies the address.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(page.url()).origin,
    })
    await share.getByRole('button', { name: 'Copy link' }).click()
    await share.getByRole('status').getByText('Link copied.').waitFor()
    assert.equal(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText()), url)
    await assertAccessible(page)

    // Without JavaScript the address is there to select, and no button that does nothing.
    const noScript = await page.context().browser()!.newContext({ javaScriptEnabled: false })
    cleanup(() => noScript.close())
    const plain = await noScript.newPage()
    await plain.goto(page.url())
    assert.equal(await plain.getByLabel('Link to this alert').inputValue(), url)
    assert.isFalse(await plain.getByRole('button', { name: 'Copy link' }).isVisible())
  })

  test('an organisation without its own image gets the site’s default, which is a real PNG', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const { boston } = await seedAreas()
    const police = await createOrganisation('Lincolnshire Police')
    const { disable } = await enableSocial(police)
    cleanup(disable)
    const alert = await alertFor(police, [boston], { title: 'Phone scam in Boston' })

    const page = await visit(`/alerts/${alert.id}`)
    const image = await page.locator('meta[property="og:image"]').getAttribute('content')
    assert.equal(image, new URL('/plugins/social/share-image.png', page.url()).toString())
    const response = await page.request.get(image!)
    assert.equal(response.headers()['content-type'], 'image/png')
    const png = await response.body()
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG')
    assert.equal(png.readUInt32BE(16), 1200)
    assert.equal(png.readUInt32BE(20), 630)
  })
})
