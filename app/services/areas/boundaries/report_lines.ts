import type { AreaSummary, BoundaryImportReport } from '#services/areas/boundaries/boundary_import'
import { REFERENCE_KINDS as KINDS } from '#services/areas/boundaries/report_view'

const SHOWN = 20

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`
}

function listed(areas: AreaSummary[]) {
  const shown = areas.slice(0, SHOWN).map((area) => `${area.code} ${area.name}`)
  if (areas.length > SHOWN) shown.push(`and ${areas.length - SHOWN} more`)
  return shown.join('; ')
}

/** The report in plain sentences, for the command's output. */
export function reportLines(report: BoundaryImportReport): string[] {
  const would = report.dryRun
  const level = (count: number) => plural(count, report.level, `${report.level}s`)
  const lines = [
    `Read ${level(report.total)} from ${report.filename} (${report.format}, ${report.projection}; codes from ${report.codeProperty}, names from ${report.nameProperty})`,
  ]
  const verb = (done: string, future: string) => (would ? future : done)
  lines.push(
    `${verb('New', 'Would add')}: ${level(report.added.length)}${report.added.length ? ` (${listed(report.added)})` : ''}`
  )
  lines.push(
    `${verb('Changed', 'Would change')}: ${level(report.changed.length)}${report.changed.length ? ` (${listed(report.changed)})` : ''}`
  )
  lines.push(`Unchanged: ${level(report.unchanged)}`)
  if (report.missing.length) {
    const what = `${plural(report.missing.length, 'area', 'areas')} not in this file (${listed(report.missing)})`
    lines.push(
      report.removedMissing
        ? `${verb('Removed', 'Would remove')}: ${what}`
        : `Kept: ${what}; give --remove-missing to remove them`
    )
  }
  const { checked, moved, outside } = report.residents
  lines.push(
    `Residents placed again: ${checked}; ${verb('moved to different areas', 'would move to different areas')}: ${moved}; ${verb('now outside every area', 'would be outside every area')}: ${outside}`
  )
  for (const reference of report.references) {
    lines.push(
      `${KINDS[reference.kind]} “${reference.name}” (${reference.id}) names ${reference.areaCodes.join(', ')}, which ${report.removedMissing ? verb('was removed', 'would be removed') : 'is not in this file'}`
    )
  }
  if (would) lines.push('Dry run: nothing was written.')
  return lines
}
