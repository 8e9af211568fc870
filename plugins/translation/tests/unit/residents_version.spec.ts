import { test } from '@japa/runner'
import type { HookAlert } from '#contracts/alert_hooks'
import { forResidents, heldReason } from '../../src/alert_translator.js'
import type { TranslationVersion } from '../../src/versions.js'

const alert: HookAlert = {
  id: 7,
  organisationId: 1,
  title: 'Flooding',
  body: 'Move cars.',
  priority: 3,
  category: null,
  originalUrl: 'https://alerts.example.org/alerts/7',
}

function version(language: string, status: TranslationVersion['status']): TranslationVersion {
  return {
    alertId: 7,
    language,
    sourceHash: 'x',
    status,
    title: 'سیلاب',
    body: 'گاڑیاں ہٹائیں۔',
    machineTitle: 'سیلاب',
    machineBody: 'گاڑیاں ہٹائیں۔',
    texts: {
      greeting: 'محترم',
      noticeMachine: 'یہ انتباہ مشین سے ترجمہ کیا گیا ہے۔',
      noticeChecked: 'عملے نے جانچا۔',
      readOriginal: 'انگریزی میں اصل پڑھیں',
    },
    corrected: false,
    error: null,
    heldReason: null,
    reviewedAt: null,
  }
}

test.group('Translation: the version residents get', () => {
  test('right to left: marked for email and web, and with a leading mark for push', ({
    assert,
  }) => {
    const urdu = forResidents(alert, version('ur', 'machine'))
    assert.equal(urdu.direction, 'rtl')
    assert.isTrue(urdu.title.startsWith('\u200F'))
    assert.isTrue(urdu.body.startsWith('\u200F'))
    assert.include(
      urdu.body,
      '_یہ انتباہ مشین سے ترجمہ کیا گیا ہے۔_ [انگریزی میں اصل پڑھیں](https://alerts.example.org/alerts/7)'
    )
    // The core's fixed texts go back; the plugin's own notice words do not.
    assert.deepEqual(urdu.texts, { greeting: 'محترم' })
  })

  test('a checked translation says so; a left-to-right one has no mark', ({ assert }) => {
    const checked = forResidents(alert, { ...version('pl', 'reviewed'), title: 'Powódź' })
    assert.equal(checked.direction, 'ltr')
    assert.equal(checked.title, 'Powódź')
    assert.include(checked.body, '_عملے نے جانچا۔_')
  })

  test('an unchecked translation goes or stays back as the organisation chose', ({ assert }) => {
    const machine = version('pl', 'machine')
    assert.isNull(heldReason(machine, 'always', 1))
    assert.isNull(heldReason(machine, 'urgent', 4))
    assert.include(heldReason(machine, 'urgent', 3)!, 'only with urgent alerts and emergencies')
    assert.include(heldReason(machine, 'never', 5)!, 'does not send unchecked translations')
    assert.isNull(heldReason(version('pl', 'reviewed'), 'never', 1))
  })
})
