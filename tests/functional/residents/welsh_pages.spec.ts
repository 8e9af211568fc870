import { test } from '@japa/runner'
import SiteSettings from '#services/platform/site/site_settings'
import { BrowserLikeSession } from '#tests/helpers/http'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import { formAction, linkFor, ratingsOf, ratingWorld } from '#tests/helpers/rating_fixtures'

/** The pages added after the first Welsh release, seen by a visitor or resident who chose Cymraeg. */
test.group('Welsh: the later resident pages', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the Tell us something guidance is in Welsh, with the emergency numbers', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const browser = new BrowserLikeSession()
    const page = await browser.get('/language/cy?back=%2Ftell-us')
    assert.equal(new URL(page.url).pathname, '/tell-us')
    assert.include(page.text, '<html lang="cy"')
    assert.include(page.text, 'Dweud rhywbeth wrthym')
    assert.include(page.text, 'Nid yw’r ffurflen hon ar gyfer argyfyngau.')
    assert.include(page.text, 'Ffoniwch <strong>101</strong>')
    assert.include(page.text, 'Cyn i chi ddechrau')
    assert.notInclude(page.text, 'Before you start')
  })

  test('a signed-in resident in Welsh sees the tracking row, the tracking page and its message in Welsh', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const account = await browser.get('/language/cy?back=%2Fmy-alerts%2Faccount')
    assert.include(account.text, 'Olrhain a ydych yn agor rhybuddion')
    assert.include(account.text, 'Caniateir lle mae sefydliad yn ei olrhain')
    assert.include(account.text, '>Dweud rhywbeth wrthym</a>')
    assert.notInclude(account.text, 'Tracking whether you open alerts')

    const page = await browser.get('/my-alerts/tracking')
    assert.include(page.text, 'A gawn ni weld a ydych yn agor rhybuddion?')
    assert.include(page.text, 'Peidiwch ag olrhain a ydw i’n agor rhybuddion')
    assert.notInclude(page.text, 'May we see whether you open alerts?')
    const empty = await browser.post('/my-alerts/tracking', {})
    assert.include(empty.text, 'Dewiswch a gawn ni weld pryd rydych yn agor rhybuddion')
    const declined = await browser.post('/my-alerts/tracking', { tracking: 'decline' })
    assert.include(declined.text, 'Ni fyddwn yn olrhain a ydych yn agor rhybuddion')
  })

  test('a visitor in Welsh rates an alert from its link and sees the confirmation in Welsh', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const { resident, alert } = await ratingWorld()
    const browser = new BrowserLikeSession()
    await browser.get('/language/cy?back=%2F')
    const page = await browser.get(linkFor(resident.id, alert.id, 'avoided_crime'))
    assert.include(page.text, 'Rhoi sgôr i’r rhybudd hwn')
    assert.include(page.text, 'Fe wnaeth hyn fy helpu i osgoi dioddef trosedd')
    assert.include(page.text, 'Anfon fy sgôr')
    const refused = await browser.post(formAction(page.text), {})
    assert.include(refused.text, 'Dewiswch beth oedd eich barn am y rhybudd hwn')

    const rated = await browser.post(formAction(page.text), { rating: 'useful' })
    assert.include(rated.text, 'Diolch: rydych wedi rhoi’r sgôr “Defnyddiol” i’r rhybudd hwn.')
    assert.include(rated.text, 'Rydych wedi rhoi sgôr i’r rhybudd hwn')
    assert.include(rated.text, 'Ychwanegu sylw (dewisol)')
    assert.include(rated.text, 'mewn hyd at 1000 nod')
    assert.notInclude(rated.text, 'You rated this alert')
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'useful', comment: null }])
  })

  test('a signed-in resident in Welsh sees watch schemes, schemes near them and About you in Welsh', async ({
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const schemes = await browser.get('/language/cy?back=%2Fmy-alerts%2Fschemes')
    assert.include(schemes.text, 'Ymuno â chynllun gwarchod yn agos atoch')
    assert.include(schemes.text, 'Dim grŵp ar gyfer eich stryd?')
    assert.notInclude(schemes.text, 'Join a watch scheme near you')

    const near = await browser.get('/my-alerts/schemes/near')
    assert.include(near.text, '<h1 class="govuk-heading-l">Cynlluniau gwarchod yn agos atoch</h1>')
    assert.include(near.text, 'Yn ôl i’ch cynlluniau gwarchod')

    const newGroup = await browser.get('/my-alerts/groups/new')
    assert.include(newGroup.text, '<h1 class="govuk-heading-l">Dechrau grŵp gwarchod rhithwir</h1>')
    assert.notInclude(newGroup.text, 'Back to watch schemes')

    const aboutYou = await browser.get('/my-alerts/about-you')
    assert.include(aboutYou.text, '<h1 class="govuk-heading-l">Amdanoch chi</h1>')
    assert.include(aboutYou.text, 'Beth yw eich oed?')
    assert.include(aboutYou.text, 'Hepgor y cwestiynau hyn')
    assert.notInclude(aboutYou.text, 'What is your age?')
  })

  test('the code check is in Welsh for a visitor who chose Cymraeg', async ({ assert }) => {
    await SiteSettings.update({ welshOffered: true })
    const browser = new BrowserLikeSession()
    const page = await browser.get('/language/cy?back=%2Fverify')
    assert.include(page.text, '<h1 class="govuk-heading-l">Gwirio bod rhybudd yn ddilys</h1>')
    assert.include(page.text, 'Gwirio’r cod')
    const unknown = await browser.get('/verify?code=ZZZZ-ZZZZ')
    assert.include(unknown.text, 'Peidiwch â chlicio ar unrhyw ddolenni yn y neges')
    assert.notInclude(unknown.text, 'What to do')
  })
})
