/**
 * The fills a chart's series take in turn: each a colour with at least 3:1
 * contrast against the white page (WCAG 1.4.11) and a pattern of its own, so
 * that series are told apart without seeing colour, in print, and in forced
 * colours; the legend and the table name each one too.
 */
export interface ChartFill {
  colour: string
  /** What the pattern looks like, for the SVG's <pattern> (chart.edge). */
  pattern: 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical' | 'reverse' | 'grid'
}

// Red comes last: readers take it for failure, so it is not the first a series gets.
export const CHART_FILLS: readonly ChartFill[] = [
  { colour: '#1d70b8', pattern: 'solid' },
  { colour: '#00703c', pattern: 'diagonal' },
  { colour: '#4c2c92', pattern: 'dots' },
  { colour: '#0b0c0c', pattern: 'cross' },
  { colour: '#912b88', pattern: 'horizontal' },
  { colour: '#505a5f', pattern: 'vertical' },
  { colour: '#003078', pattern: 'reverse' },
  { colour: '#d4351c', pattern: 'grid' },
]
