import type { AreaSummary, BoundaryImportReport } from '#services/areas/boundaries/boundary_import'

export const REFERENCE_KINDS = {
  segment: 'Saved segment',
  scheme: 'Watch scheme',
  alert: 'Unsent alert',
}

/** The report as Settings → Areas shows it: a summary list, then the areas by what happens to them. */
export function reportView(report: BoundaryImportReport, dryRun: boolean) {
  const would = (done: string, future: string) => (dryRun ? future : done)
  const level = (count: number) => `${count} ${report.level}${count === 1 ? '' : 's'}`
  const missingLabel = report.removedMissing
    ? would('Removed', 'Would be removed')
    : 'Not in this file (kept)'
  const summary: [string, string][] = [
    [
      'File',
      `${report.format}, ${report.projection}; codes from ${report.codeProperty}, names from ${report.nameProperty}`,
    ],
    [would('Added', 'Would be added'), level(report.added.length)],
    [would('Changed', 'Would change'), level(report.changed.length)],
    ['Unchanged', level(report.unchanged)],
    [missingLabel, String(report.missing.length)],
    ['Residents placed again', String(report.residents.checked)],
    [would('Moved to other areas', 'Would move to other areas'), String(report.residents.moved)],
    [
      would('Now outside every area', 'Would be outside every area'),
      String(report.residents.outside),
    ],
  ]
  const groups: { title: string; areas: AreaSummary[] }[] = [
    { title: would('Areas added', 'Areas that would be added'), areas: report.added },
    { title: would('Areas changed', 'Areas that would change'), areas: report.changed },
    {
      title: report.removedMissing
        ? would('Areas removed', 'Areas that would be removed')
        : 'Areas not in this file (kept; tick “Remove the areas this file no longer has” to remove them)',
      areas: report.missing,
    },
  ]
  return {
    summary,
    groups: groups.filter((group) => group.areas.length > 0),
    references: report.references.map(
      (reference) =>
        `${REFERENCE_KINDS[reference.kind]} “${reference.name}”: ${reference.areaCodes.join(', ')}`
    ),
    missingState: report.removedMissing
      ? would('removed', 'about to be removed')
      : 'not in this file',
  }
}
