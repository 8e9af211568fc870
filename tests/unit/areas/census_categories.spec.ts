import { test } from '@japa/runner'
import { CATEGORIES, DIMENSIONS } from '#services/areas/population/census_categories'
import { readCensusHeader, CensusFileError } from '#services/areas/population/census_header'
import { ABOUT_YOU_QUESTIONS } from '#services/residents/preferences/resident_demographics'

test.group('Census categories', () => {
  test('every Census category is an answer residents can give at sign-up', ({ assert }) => {
    for (const dimension of DIMENSIONS) {
      const answers = ABOUT_YOU_QUESTIONS[dimension].map((choice) => choice.value)
      assert.includeMembers(answers, CATEGORIES[dimension], dimension)
      // …and every answer but "prefer not to say" has Census figures to compare with.
      assert.sameMembers(
        answers.filter((value) => value !== 'prefer_not_to_say'),
        CATEGORIES[dimension],
        dimension
      )
    }
  })

  test('TS007A and TS025 are refused with the table to use instead', ({ assert }) => {
    const fixed = ['date', 'geography', 'geography code']
    assert.throws(
      () =>
        readCensusHeader([
          ...fixed,
          'Age: Total',
          'Age: Aged 4 years and under',
          'Age: Aged 5 to 9 years',
        ]),
      /download TS007 \(age by single year\) instead/
    )
    assert.throws(
      () =>
        readCensusHeader([
          ...fixed,
          'Household language: Total',
          'Household language: All adults in household have English',
        ]),
      /download TS024/
    )
    assert.throws(() => readCensusHeader(['postcode', 'count']), CensusFileError)
  })
})
