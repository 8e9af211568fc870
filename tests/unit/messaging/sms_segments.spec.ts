import { test } from '@japa/runner'
import { countSms, describeSms, isGsm7 } from '#services/messaging/sms_segments'

test.group('SMS segments', () => {
  test('plain GSM-7 text fits 160 characters in one segment, then 153 a segment', ({ assert }) => {
    assert.deepInclude(countSms('a'.repeat(160)), {
      encoding: 'GSM-7',
      characters: 160,
      segments: 1,
    })
    assert.deepInclude(countSms('a'.repeat(161)), { segments: 2, units: 161 })
    assert.deepInclude(countSms('a'.repeat(306)), { segments: 2 })
    assert.deepInclude(countSms('a'.repeat(307)), { segments: 3 })
    assert.deepInclude(countSms(''), { segments: 0, characters: 0 })
  })

  test('GSM-7 extension characters such as € and [ ] take two places', ({ assert }) => {
    assert.isTrue(isGsm7('Fine: €50 [cash] {or} card | ~^\\'))
    const count = countSms('€'.repeat(80))
    assert.deepInclude(count, { encoding: 'GSM-7', characters: 80, units: 160, segments: 1 })
    assert.deepInclude(countSms('€'.repeat(81)), { units: 162, segments: 2 })
    assert.deepInclude(countSms('a'.repeat(159) + '€'), { units: 161, segments: 2 })
  })

  test('accented letters in the GSM alphabet stay GSM-7', ({ assert }) => {
    assert.equal(countSms('Café à Malmö, £5, ¿qué? Ñ ü @ _').encoding, 'GSM-7')
  })

  test('any other character makes the whole text Unicode: 70, then 67 a segment', ({ assert }) => {
    assert.isFalse(isGsm7('Don’t'))
    assert.deepInclude(countSms('’' + 'a'.repeat(69)), {
      encoding: 'UCS-2',
      characters: 70,
      segments: 1,
    })
    assert.deepInclude(countSms('’' + 'a'.repeat(70)), { segments: 2 })
    assert.deepInclude(countSms('ŵ'.repeat(134)), { segments: 2 })
    assert.deepInclude(countSms('ŵ'.repeat(135)), { segments: 3 })
  })

  test('an emoji is one character to a reader but two UTF-16 units', ({ assert }) => {
    const count = countSms('🚨'.repeat(35))
    assert.deepInclude(count, { encoding: 'UCS-2', characters: 35, units: 70, segments: 1 })
    assert.equal(countSms('🚨'.repeat(36)).segments, 2)
  })

  test('says the count as staff read it', ({ assert }) => {
    assert.equal(describeSms(countSms('a'.repeat(161))), '161 characters, 2 segments (GSM-7)')
    assert.equal(describeSms(countSms('’')), '1 character, 1 segment (Unicode)')
  })
})
