/**
 * An alert's priority, 1 (lowest) to 5. Residents choose the lowest they want,
 * and channels map it to their own urgency (a push's Urgency header, say).
 */
export const PRIORITIES: Record<number, string> = {
  1: 'Information',
  2: 'Advice',
  3: 'Warning',
  4: 'Urgent',
  5: 'Emergency',
}
