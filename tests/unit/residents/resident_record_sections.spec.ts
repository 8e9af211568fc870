import { test } from '@japa/runner'
import { ResidentRecordSections } from '#services/residents/records/resident_record_sections'

test.group('Sections of the staff view of a resident', () => {
  test('a section that fails, or has nothing to show, is left out; the others get the resident and organisation', async ({
    assert,
  }) => {
    const sections = new ResidentRecordSections()
    sections.register('broken', {
      view: 'broken',
      data: async () => {
        throw new Error('The table is gone')
      },
    })
    sections.register('empty', { view: 'empty', data: async () => null })
    const unregister = sections.register('later', { view: 'later', data: async () => ({}) })
    sections.register('replies', {
      view: 'pages/staff/residents/_replies',
      data: async ({ residentId, organisationId }) => ({ residentId, organisationId }),
    })
    unregister()
    assert.deepEqual(await sections.parts({ residentId: 7, organisationId: 3 }), [
      { view: 'pages/staff/residents/_replies', props: { residentId: 7, organisationId: 3 } },
    ])
  })
})
