import { test } from '@japa/runner'
import {
  estimate,
  protectDifferences,
  wilson,
} from '#services/residents/representation/representation_estimate'

test.group('Small numbers', () => {
  test('one hidden figure among siblings hides the smallest other one, so it cannot be subtracted', ({
    assert,
  }) => {
    const average = 2
    const rows = [
      estimate(3, 1000, average),
      estimate(7, 1000, average),
      estimate(20, 1000, average),
    ]
    protectDifferences(rows)
    assert.deepEqual(
      rows.map((row) => [row.suppressed, row.alsoHidden ?? false]),
      [
        [true, false],
        [true, true],
        [false, false],
      ]
    )
    // Two hidden already: nothing more to hide.
    const two = [
      estimate(3, 1000, average),
      estimate(4, 1000, average),
      estimate(20, 1000, average),
    ]
    protectDifferences(two)
    assert.isFalse(two[2].suppressed)
  })

  test('the Wilson interval and the verdicts', ({ assert }) => {
    // 10 in 10,000 by hand: centre (0.001 + 1.96²/20,000) / (1 + 1.96²/10,000), half-width as written.
    const [low, high] = wilson(10, 10000)
    assert.closeTo(low * 1000, 0.5432, 0.0005)
    assert.closeTo(high * 1000, 1.84, 0.0005)
    assert.equal(estimate(10, 10000, 2.3636).verdict, 'under')
    assert.equal(estimate(3, 3000, 2.3636).verdict, 'too_few')
    assert.equal(estimate(24, 4000, 2.3636).verdict, 'over')
    assert.equal(estimate(15, 5000, 2.3636).verdict, 'about')
  })
})
