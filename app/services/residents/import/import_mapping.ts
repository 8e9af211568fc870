export const IMPORT_FIELDS = [
  {
    key: 'name',
    label: 'Name',
    hint: 'The resident’s full name.',
    headings: ['name', 'fullname', 'residentname', 'contactname', 'yourname'],
    contains: ['name'],
  },
  {
    key: 'email',
    label: 'Email address',
    hint: null,
    headings: ['email', 'emailaddress', 'mail'],
    contains: ['email'],
  },
  {
    key: 'mobile',
    label: 'Mobile number',
    hint: 'A UK mobile number.',
    headings: ['mobile', 'mobilenumber', 'mobilephone', 'mobileno', 'phone', 'phonenumber', 'sms'],
    contains: ['mobile'],
  },
  {
    key: 'landline',
    label: 'Landline number',
    hint: 'A UK landline number, with its area code.',
    headings: ['landline', 'landlinenumber', 'homephone', 'telephone', 'tel'],
    contains: ['landline', 'telephone', 'homephone'],
  },
  {
    key: 'postcode',
    label: 'Postcode',
    hint: null,
    headings: ['postcode', 'postalcode', 'zip', 'zipcode'],
    contains: ['postcode'],
  },
  {
    key: 'ward',
    label: 'Ward code or ward name',
    hint: 'Beacon places each resident in their ward and its district.',
    headings: ['ward', 'wardcode', 'wardname', 'electoralward', 'gsscode'],
    contains: ['ward'],
  },
  {
    key: 'interests',
    label: 'Interests',
    hint: 'Names of Beacon’s interests, separated by semicolons, like “Burglary; Fraud and scams”.',
    headings: ['interests', 'interest', 'topics', 'categories'],
    contains: ['interest'],
  },
  {
    key: 'consentEvidence',
    label: 'Consent evidence',
    hint: 'How and when each resident agreed to hear from you, like “Paper form, 3 May 2024”.',
    headings: ['consent', 'consentevidence', 'consentgiven', 'consentdate', 'optin', 'evidence'],
    contains: ['consent', 'optin', 'evidence'],
  },
] as const

export type ImportField = (typeof IMPORT_FIELDS)[number]['key']

/** For each Beacon field, the position of the file's column that holds it. */
export type ColumnMapping = Partial<Record<ImportField, number>>

export const REQUIRED_IMPORT_FIELDS: ImportField[] = ['name', 'ward', 'consentEvidence']

// "Consent email" and "ward name" must not become the email or the name.
const CONTAINS_ORDER: ImportField[] = [
  'consentEvidence',
  'ward',
  'email',
  'mobile',
  'landline',
  'postcode',
  'interests',
  'name',
]

function normalise(heading: string) {
  return heading.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/**
 * Guesses which column holds each field from the file's headings: exact
 * names first ("E-mail address"), then headings that contain a telling word
 * ("Consent given on"). Each column is used for one field at most.
 */
export function guessMapping(headers: string[]): ColumnMapping {
  const normalised = headers.map(normalise)
  const mapping: ColumnMapping = {}
  const used = new Set<number>()
  const assign = (field: ImportField, column: number) => {
    if (column < 0 || used.has(column) || mapping[field] !== undefined) return
    mapping[field] = column
    used.add(column)
  }

  for (const field of IMPORT_FIELDS) {
    assign(
      field.key,
      normalised.findIndex((heading) => (field.headings as readonly string[]).includes(heading))
    )
  }
  for (const key of CONTAINS_ORDER) {
    const field = IMPORT_FIELDS.find((candidate) => candidate.key === key)!
    assign(
      key,
      normalised.findIndex(
        (heading, column) =>
          !used.has(column) && field.contains.some((word: string) => heading.includes(word))
      )
    )
  }
  return mapping
}
