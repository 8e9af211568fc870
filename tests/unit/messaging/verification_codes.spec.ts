import { test } from '@japa/runner'
import {
  CODE_ALPHABET,
  formatVerificationCode,
  newVerificationCode,
  normaliseVerificationCode,
  verificationCodeProblem,
} from '#services/messaging/verification/verification_codes'

test.group('Alert reference codes', () => {
  test('are eight characters from an alphabet without look-alikes, grouped in fours', ({
    assert,
  }) => {
    assert.notMatch(CODE_ALPHABET, /[01OIL]/)
    for (let index = 0; index < 500; index++) {
      const code = newVerificationCode()
      assert.match(code, /^[2-9A-HJKMNP-Z]{8}$/)
      assert.match(formatVerificationCode(code), /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
      // Without an O, no code can spell the software's name, grouped or not.
      assert.notInclude(code, 'BEACON')
    }
  })

  test('are drawn at random, not in sequence', ({ assert }) => {
    const codes = Array.from({ length: 2000 }, () => newVerificationCode())
    assert.equal(new Set(codes).size, codes.length)
    // Each position uses (nearly) the whole alphabet: nothing is fixed or counted up.
    for (let position = 0; position < 8; position++) {
      const seen = new Set(codes.map((code) => code[position]))
      assert.isAbove(seen.size, CODE_ALPHABET.length - 3, `position ${position}`)
    }
  })

  test('read the same whatever the case, spaces and dashes typed', ({ assert }) => {
    for (const typed of ['k7q4-m2xd', ' K7Q4 M2XD ', 'K7Q4–M2XD', 'k7q4m2xd', 'K7-Q4-M2-XD']) {
      assert.equal(normaliseVerificationCode(typed), 'K7Q4M2XD', typed)
      assert.isNull(verificationCodeProblem(typed), typed)
    }
  })

  test('a mistyped code is explained in plain English', ({ assert }) => {
    assert.equal(
      verificationCodeProblem('  '),
      'Enter the code from the alert, for example K7Q4-M2XD'
    )
    assert.equal(
      verificationCodeProblem('K7Q4-M2X'),
      'The code has 8 letters and numbers, for example K7Q4-M2XD. You entered 7.'
    )
    assert.equal(
      verificationCodeProblem('K7Q4-M2X0'),
      'Codes never contain 0. They use the numbers 2 to 9 and letters except I, L and O. Check the code and enter it again.'
    )
    assert.include(verificationCodeProblem('K7Q4-MIXO')!, 'Codes never contain I, O.')
  })
})
