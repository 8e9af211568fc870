import { test } from '@japa/runner'
import { RecipientLinks } from '#services/messaging/recipient_links'
import { AlertPageSections } from '#services/messaging/alert_page_sections'

test.group('Messaging’s extension points', () => {
  test('footer links are tokens in the template and each recipient’s own addresses when sent', async ({
    assert,
  }) => {
    const links = new RecipientLinks()
    links.register('survey', {
      prompt: 'Tell us more:',
      links: [
        { key: 'short', label: 'A short survey' },
        { key: 'long', label: 'A long one' },
      ],
      urls: (residentId, alertId) => ({
        short: `https://example.test/s/${alertId}/${residentId}`,
        long: `https://example.test/l/${alertId}/${residentId}`,
      }),
    })

    const [group] = links.forTemplate()
    assert.deepEqual(group, {
      id: 'survey',
      prompt: 'Tell us more:',
      links: [
        { label: 'A short survey', token: '%%LINK_SURVEY_SHORT%%' },
        { label: 'A long one', token: '%%LINK_SURVEY_LONG%%' },
      ],
    })
    assert.deepEqual(links.valuesFor(12, 3), {
      '%%LINK_SURVEY_SHORT%%': 'https://example.test/s/3/12',
      '%%LINK_SURVEY_LONG%%': 'https://example.test/l/3/12',
    })
    assert.deepEqual((await links.forRecipient(12, 3))[0].links, [
      { label: 'A short survey', url: 'https://example.test/s/3/12' },
      { label: 'A long one', url: 'https://example.test/l/3/12' },
    ])
    assert.throws(() => links.register('Not an id', group as never), /not a link group id/)
  })

  test('a group that does not apply to an alert is left out of its messages', async ({
    assert,
  }) => {
    const links = new RecipientLinks()
    links.register('rating', {
      prompt: 'Rate it:',
      links: [{ key: 'up', label: 'Up' }],
      urls: () => ({ up: 'u' }),
    })
    links.register('survey', {
      prompt: 'Tell us more:',
      links: [{ key: 'short', label: 'A short survey' }],
      urls: () => ({ short: 's' }),
      appliesTo: async (alertId) => alertId === 7,
    })
    assert.deepEqual(
      (await links.forAlert(7)).map((group) => group.id),
      ['rating', 'survey']
    )
    assert.deepEqual(
      (await links.forAlert(8)).map((group) => group.id),
      ['rating']
    )
    assert.deepEqual(
      (await links.forRecipient(1, 8)).map((group) => group.id),
      ['rating']
    )
  })

  test('a message’s links are made only for the groups it carries', ({ assert }) => {
    const links = new RecipientLinks()
    const asked: string[] = []
    links.register('rating', {
      prompt: 'Rate it:',
      links: [{ key: 'up', label: 'Up' }],
      urls: () => {
        asked.push('rating')
        return { up: 'u' }
      },
    })
    links.register('survey', {
      prompt: 'Tell us more:',
      links: [{ key: 'short', label: 'A short survey' }],
      urls: () => {
        asked.push('survey')
        return { short: 's' }
      },
    })
    assert.sameMembers(links.tokens(), ['%%LINK_RATING_UP%%', '%%LINK_SURVEY_SHORT%%'])
    const groups = links.groupsIn('Rate it: %%LINK_RATING_UP%%', undefined)
    assert.deepEqual(groups, ['rating'])
    assert.deepEqual(links.groupsIn('Nothing', '<p>Tell us: %%LINK_SURVEY_SHORT%%</p>'), ['survey'])

    assert.deepEqual(links.valuesFor(12, 3, groups), { '%%LINK_RATING_UP%%': 'u' })
    assert.deepEqual(asked, ['rating'])
    assert.deepEqual(links.valuesFor(12, 3, []), {})
    assert.deepEqual(asked, ['rating'])
  })

  test('a registry without groups adds nothing to the email', ({ assert }) => {
    const links = new RecipientLinks()
    const unregister = links.register('survey', {
      prompt: 'Tell us more:',
      links: [{ key: 'short', label: 'A short survey' }],
      urls: () => ({ short: 'https://example.test/s' }),
    })
    unregister()
    assert.deepEqual(links.forTemplate(), [])
    assert.deepEqual(links.valuesFor(1, 1), {})
  })

  test('a staff alert page section that fails, or has nothing to show, is left out', async ({
    assert,
  }) => {
    const sections = new AlertPageSections()
    sections.register('broken', {
      view: 'broken',
      data: async () => {
        throw new Error('The table is gone')
      },
    })
    sections.register('empty', { view: 'empty', data: async () => null })
    sections.register('ratings', {
      view: 'pages/staff/alerts/_ratings',
      data: async ({ alertId, query }) => ({ alertId, page: query.comments_page }),
    })
    const parts = await sections.parts({
      alertId: 4,
      organisationId: 2,
      query: { comments_page: '2' },
    })
    assert.deepEqual(parts, [
      { view: 'pages/staff/alerts/_ratings', props: { alertId: 4, page: '2' } },
    ])
  })
})
