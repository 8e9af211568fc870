import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright'

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * Fails when axe-core finds a serious or critical WCAG 2.2 AA problem on the
 * page as it is now, naming each rule and the elements it found.
 */
export async function assertAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const blocking = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical'
  )
  if (blocking.length) {
    const report = blocking
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help}\n` +
          violation.nodes
            .map((node) => `  ${node.target.join(' ')}: ${node.failureSummary}`)
            .join('\n')
      )
      .join('\n')
    throw new Error(`Accessibility problems on ${page.url()}:\n${report}`)
  }
}
