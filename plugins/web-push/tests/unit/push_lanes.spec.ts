import { test } from '@japa/runner'
import { PushLanes } from '../../src/push_lanes.js'

test.group('Browser push: pushes in flight', () => {
  test('never more pushes under way than lanes, and every push goes, in the order asked', async ({
    assert,
  }) => {
    const lanes = new PushLanes(3)
    let underWay = 0
    let most = 0
    const started: number[] = []
    const finishers: (() => void)[] = []
    const pushes = Array.from({ length: 10 }, (_, index) =>
      lanes.run(async () => {
        started.push(index)
        most = Math.max(most, ++underWay)
        await new Promise<void>((resolve) => finishers.push(resolve))
        underWay--
        return index
      })
    )
    // Each finished push frees its lane for the next one waiting.
    while (started.length < 10 || finishers.length > 0) {
      await new Promise((resolve) => setImmediate(resolve))
      finishers.shift()?.()
    }
    assert.deepEqual(await Promise.all(pushes), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert.equal(most, 3)
    assert.equal(lanes.running, 0)
  })

  test('a push that fails frees its lane too', async ({ assert }) => {
    const lanes = new PushLanes(1)
    await assert.rejects(
      () => lanes.run(async () => Promise.reject(new Error('refused'))),
      'refused'
    )
    assert.equal(await lanes.run(async () => 'next'), 'next')
    assert.equal(lanes.running, 0)
  })
})
