import {
  REFUSED_TABLES,
  ruleFor,
  type DimensionRule,
} from '#services/areas/population/census_categories'

export class CensusFileError extends Error {}

export interface CountedColumn {
  index: number
  name: string
  category: string
}

export interface CensusLayout {
  rule: DimensionRule
  codeIndex: number
  counted: CountedColumn[]
}

const FIXED = ['date', 'geography', 'geography code']

/** "Sex: Female; measure: Value" → "Sex: Female"; a percentage column → null (ignored). */
function withoutMeasure(column: string) {
  const measure = column.match(/;\s*measure:\s*(.+)$/i)
  if (measure && measure[1].trim().toLowerCase() !== 'value') return null
  return column.replace(/;\s*measure:.*$/i, '').trim()
}

/**
 * Reads the header of an ONS Census 2021 bulk CSV (date, geography,
 * geography code, then "<Dimension>: <category>[; measure: Value]" columns):
 * which dimension it holds and which columns count towards which category.
 * A column that has columns under it ("Ethnic group: White" above
 * "Ethnic group: White: Irish") is a subtotal and is not counted, so nobody
 * is counted twice. Anything it does not recognise stops the import.
 */
export function readCensusHeader(header: string[]): CensusLayout {
  const lower = header.map((name) => name.trim().toLowerCase())
  const missing = FIXED.filter((name) => !lower.includes(name))
  if (missing.length) {
    throw new CensusFileError(
      `This is not an ONS Census 2021 bulk CSV: it has no ${missing.map((name) => `"${name}"`).join(' or ')} column.`
    )
  }
  const codeIndex = lower.indexOf('geography code')
  const columns = header
    .map((name, index) => ({ index, name: withoutMeasure(name.trim()) }))
    .filter((column): column is { index: number; name: string } => {
      return column.name !== null && !FIXED.includes(column.name.toLowerCase())
    })
  if (!columns.length) throw new CensusFileError('The file has no columns of figures.')

  for (const [pattern, reason] of REFUSED_TABLES) {
    if (columns.some((column) => pattern.test(column.name))) throw new CensusFileError(reason)
  }
  const prefix = columns[0].name.split(':')[0].trim()
  const rule = ruleFor(prefix)
  if (!rule) {
    throw new CensusFileError(
      `Beacon does not know the Census table of "${prefix}". It reads age (TS007), sex (TS008), ethnic group (TS021), main language (TS024) and disability (TS038).`
    )
  }

  const names = columns.map((column) => column.name.toLowerCase())
  const unknown: string[] = []
  const counted: CountedColumn[] = []
  for (const column of columns) {
    const segments = column.name.split(/:\s*/).map((part) => part.trim())
    if (segments[0].toLowerCase() !== prefix.toLowerCase() || segments.length < 2) {
      unknown.push(column.name)
      continue
    }
    const isSubtotal = names.some((name) => name.startsWith(column.name.toLowerCase() + ':'))
    const category = rule.category(segments.slice(1))
    if (category === undefined) unknown.push(column.name)
    else if (category !== null && !isSubtotal) {
      counted.push({ index: column.index, name: column.name, category })
    }
  }
  if (unknown.length) {
    throw new CensusFileError(
      `These columns are not ones Beacon knows in ${rule.table}, so nothing was imported: ${unknown.map((name) => `"${name}"`).join(', ')}.`
    )
  }
  return { rule, codeIndex, counted }
}
