import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { UploadRule } from '#services/platform/infrastructure/uploaded_form'
import ReportFiles, {
  REPORT_MAX_FILES,
  REPORT_MAX_FILE_BYTES,
  REPORT_MAX_FILE_MB,
  REPORT_MAX_TOTAL_MB,
  REPORT_TYPE_NAMES,
} from '#services/engagement/reports/report_files'
import type { CheckedFile } from '#services/engagement/reports/report_intake'

/** The whole form may carry no more than the total; readUploadedForm stops writing beyond it. */
export const REPORT_UPLOAD: UploadRule = {
  field: 'attachments',
  maxSize: `${REPORT_MAX_TOTAL_MB}mb`,
  tooLarge: `Your files add up to more than ${REPORT_MAX_TOTAL_MB} MB. Attach fewer or smaller files (each no more than ${REPORT_MAX_FILE_MB} MB)`,
}

/**
 * Checks the files sent with a report: how many, how large, and what they
 * are by their first bytes. Answers the files, or the first thing wrong in
 * words the resident can act on.
 */
export async function checkReportFiles(
  sent: MultipartFile[]
): Promise<{ files: CheckedFile[] } | { error: string }> {
  // An empty file field still sends a part, with no name and no bytes.
  const chosen = sent.filter((file) => file.clientName || file.size > 0)
  if (chosen.length > REPORT_MAX_FILES) {
    return { error: `Attach no more than ${REPORT_MAX_FILES} files` }
  }
  const files: CheckedFile[] = []
  for (const file of chosen) {
    const name = file.clientName || 'Your file'
    if (!file.tmpPath) return { error: `“${name}” could not be read. Attach it again` }
    const size = await ReportFiles.size(file.tmpPath)
    if (size === 0) return { error: `“${name}” is empty. Attach a ${REPORT_TYPE_NAMES} file` }
    if (size > REPORT_MAX_FILE_BYTES) {
      return {
        error: `“${name}” is larger than ${REPORT_MAX_FILE_MB} MB. Attach a file of ${REPORT_MAX_FILE_MB} MB or less`,
      }
    }
    const type = await ReportFiles.sniff(file.tmpPath)
    if (!type) {
      return {
        error: `“${name}” is not a ${REPORT_TYPE_NAMES} file. Attach photos as JPEG or PNG, and documents as PDF`,
      }
    }
    files.push({ tmpPath: file.tmpPath, originalName: name, size, type })
  }
  return { files }
}
